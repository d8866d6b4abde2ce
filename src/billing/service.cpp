// Billing rules: webhook intake, the provider event job, the entitlement and the role it decides.
#include "billing/service.hpp"

#include <stdexcept>

#include "billing/dto.hpp"
#include "billing/entitlement.hpp"
#include "billing/errors.hpp"
#include "billing/store.hpp"
#include "billing/stripe_client.hpp"
#include "billing/stripe_dto.hpp"
#include "billing/stripe_signature.hpp"
#include "core/clock.hpp"
#include "core/jobs/runner.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"

namespace ugoki::billing {

namespace {

using boost::asio::awaitable;

// A handled event whose user cannot be found yet (its customer is linked by an event still to
// come): the job fails and retries with backoff. The text lands in jobs.last_error: no ids.
struct retry_later : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The user of a provider customer: remembered, else the user id we put in the subscription's
// metadata at checkout (then remembered from here on), when that account is live.
awaitable<std::optional<std::string>> resolve_user(pg::transaction& tx, std::string provider,
                                                   std::optional<std::string> customer,
                                                   std::optional<std::string> hint) {
  if (customer) {
    if (auto known = co_await store::user_of_customer(tx, provider, *customer)) {
      co_return known;
    }
  }
  if (hint && co_await store::is_live_account(tx, *hint)) {
    if (customer) {
      co_await store::remember_customer(tx, *hint, provider, *customer);
    }
    co_return hint;
  }
  co_return std::nullopt;
}

}  // namespace

service::service(pg::database& db, const clock& clock, stripe_client& stripe, settings s,
                 role_applier apply_role)
    : db_(db),
      clock_(clock),
      stripe_(stripe),
      settings_(std::move(s)),
      apply_role_(std::move(apply_role)) {}

awaitable<result<std::string>> service::ensure_customer(std::string user_id, std::string email) {
  if (auto known = co_await store::customer_of(db_, user_id, "stripe")) {
    co_return std::move(*known);
  }
  form_fields fields{{"email", email}, {"metadata[user_id]", user_id}};
  std::string key = "ugoki-customer-" + user_id;
  auto made = co_await stripe_.create("customers", std::move(fields), std::move(key));
  if (!made) {
    co_return std::move(made.error());
  }
  // First one stored wins; a concurrent request got the same customer from Stripe anyway.
  co_await store::remember_customer(db_, user_id, "stripe", made->id);
  auto stored = co_await store::customer_of(db_, user_id, "stripe");
  co_return stored ? std::move(*stored) : std::move(made->id);
}

awaitable<result<hosted_page>> service::checkout(std::string user_id, std::string email,
                                                 std::string price) {
  const std::string& price_id =
      price == "yearly" ? settings_.stripe_price_yearly : settings_.stripe_price_monthly;
  if (price_id.empty() || !stripe_.configured()) {
    co_return errors::not_configured();
  }
  auto customer = co_await ensure_customer(user_id, std::move(email));
  if (!customer) {
    co_return std::move(customer.error());
  }
  form_fields fields{{"mode", "subscription"},
                     {"customer", *customer},
                     {"line_items[0][price]", price_id},
                     {"line_items[0][quantity]", "1"},
                     {"client_reference_id", user_id},
                     {"subscription_data[metadata][user_id]", user_id},
                     {"success_url", settings_.checkout_success_url},
                     {"cancel_url", settings_.checkout_cancel_url}};
  auto session = co_await stripe_.create("checkout/sessions", std::move(fields));
  if (!session) {
    co_return std::move(session.error());
  }
  co_return hosted_page{std::move(session->url), std::move(session->id)};
}

awaitable<result<hosted_page>> service::portal(std::string user_id) {
  if (!stripe_.configured()) {
    co_return errors::not_configured();
  }
  auto customer = co_await store::customer_of(db_, std::move(user_id), "stripe");
  if (!customer) {
    co_return errors::no_customer();
  }
  form_fields fields{{"customer", *customer}, {"return_url", settings_.portal_return_url}};
  auto session = co_await stripe_.create("billing_portal/sessions", std::move(fields));
  if (!session) {
    co_return std::move(session.error());
  }
  co_return hosted_page{std::move(session->url), std::move(session->id)};
}

awaitable<result<intake_outcome>> service::receive_stripe(std::string_view body,
                                                          std::string_view signature) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  const auto check = verify_stripe_signature(signature, body, settings_.stripe_webhook_secrets, now,
                                             settings_.stripe_tolerance.count());
  if (check != signature_check::valid) {
    log::info("stripe webhook refused",
              log::fields().add("reason", check == signature_check::too_old     ? "too_old"
                                          : check == signature_check::malformed ? "malformed"
                                                                                : "mismatched"));
    co_return errors::bad_signature();
  }
  auto head = stripe::parse_event_head(body);
  if (!head) {
    co_return errors::not_an_event();
  }
  const bool stored = co_await store::record_event(db_, "stripe", head->id, head->type,
                                                   head->created, std::string(body));
  co_return intake_outcome{head->id, !stored};
}

std::string service::plan_type_of(const std::optional<std::string>& price) const {
  if (price && !settings_.stripe_price_monthly.empty() &&
      *price == settings_.stripe_price_monthly) {
    return "monthly";
  }
  if (price && !settings_.stripe_price_yearly.empty() && *price == settings_.stripe_price_yearly) {
    return "annual";
  }
  return "other";
}

awaitable<std::optional<std::string>> service::apply_event(std::string row_id) {
  pg::transaction tx = co_await db_.begin();
  auto ev = co_await store::lock_event(tx, row_id);
  if (!ev) {
    co_return std::nullopt;  // erased with its user
  }
  if (ev->processed) {
    co_return ev->user_id;  // a retry after the role step failed: only that is left
  }
  std::optional<std::string> user;
  std::optional<std::string> note;
  const std::string& type = ev->type;
  if (starts_with(type, "customer.subscription.")) {
    auto sub = stripe::parse_subscription_event(ev->payload);
    if (!sub) {
      note = "unreadable subscription";
    } else {
      user = co_await resolve_user(tx, "stripe", sub->customer_id, sub->user_hint);
      if (!user) {
        throw retry_later("billing: the subscription's customer is not linked to a user yet");
      }
      co_await store::lock_user(tx, *user);
      std::string plan_type = plan_type_of(sub->product);
      co_await store::apply_subscription(tx, *user, *sub, std::move(plan_type), ev->created);
    }
  } else if (type == "checkout.session.completed") {
    auto c = stripe::parse_checkout_event(ev->payload);
    if (c) {
      user = co_await resolve_user(tx, "stripe", c->customer_id, c->user_id);
    }
    if (!user) {
      note = "checkout of no known user";
    } else {
      co_await store::lock_user(tx, *user);
      // The subscription's own events carry its state; this only makes sure a paid checkout
      // shows as active if they are late, and never overwrites what they stored.
      if (c->subscription_id && c->paid) {
        subscription_state s;
        s.provider = "stripe";
        s.provider_subscription_id = *c->subscription_id;
        s.customer_id = c->customer_id;
        s.status = "active";
        co_await store::insert_subscription_if_absent(tx, *user, s, ev->created);
      }
    }
  } else if (type == "invoice.paid" || type == "invoice.payment_failed") {
    auto inv = stripe::parse_invoice_event(ev->payload);
    if (!inv) {
      note = "unreadable invoice";
    } else {
      user = co_await resolve_user(tx, "stripe", inv->customer_id, std::nullopt);
      if (!user) {
        throw retry_later("billing: the invoice's customer is not linked to a user yet");
      }
      co_await store::lock_user(tx, *user);
      if (type == "invoice.paid") {
        co_await store::record_invoice(tx, *user, "stripe", *inv, ev->created);
        if (inv->subscription_id) {
          co_await store::subscription_paid(tx, *user, "stripe", *inv->subscription_id,
                                            ev->created);
        }
      } else if (inv->subscription_id) {
        co_await store::subscription_payment_failed(tx, *user, "stripe", *inv->subscription_id,
                                                    ev->created);
      }
    }
  } else {
    note = "ignored";  // stored for the record; nothing to do
  }
  if (user) {
    auto rows = co_await store::subscriptions_of(tx, *user);
    auto best = deciding(rows);
    const bool premium = best && is_entitled(best->status);
    // Named, not a conditional temporary in the co_await's arguments: GCC 12 destroys such a
    // temporary twice (a double free under ASan).
    std::optional<std::string> deciding_id;
    if (best) {
      deciding_id = best->id;
    }
    co_await store::save_entitlement(tx, *user, premium, std::move(deciding_id));
  }
  co_await store::mark_processed(tx, row_id, user, note);
  co_await tx.commit();
  co_return user;
}

awaitable<void> service::sync_role(std::string user_id) {
  // Another job of the user may commit a newer entitlement between our read and our write;
  // it applies its own afterwards, and this loop re-reads so the last write is the newest.
  for (int round = 0; round < 4; ++round) {
    auto premium = co_await store::entitlement_of(db_, user_id);
    if (!premium) {
      co_return;
    }
    co_await apply_role_(user_id, *premium);
    auto after = co_await store::entitlement_of(db_, user_id);
    if (after == premium) {
      co_return;
    }
  }
  throw std::runtime_error("billing: the entitlement kept changing while its role was applied");
}

awaitable<void> service::handle_event_job(const jobs::job& j) {
  auto row_id = dto::parse_job_event(j.payload);
  if (!row_id) {
    log::error("billing job without an event", log::fields().add("job_id", j.id));
    co_return;
  }
  auto user = co_await apply_event(*row_id);
  if (user) {
    co_await sync_role(*user);
  }
}

awaitable<subscription_view> service::subscription(std::string user_id) {
  auto rows = co_await store::subscriptions_of(db_, std::move(user_id));
  subscription_view v;
  v.subscription = deciding(rows);
  v.premium = v.subscription && is_entitled(v.subscription->status);
  co_return v;
}

awaitable<std::string> service::export_part(std::string user_id) {
  co_return co_await store::export_part(db_, std::move(user_id));
}

void add_billing_job_kinds(jobs::registry& kinds, service& svc) {
  kinds.add(store::event_job_kind, [&svc](const jobs::job& j) { return svc.handle_event_job(j); });
}

}  // namespace ugoki::billing
