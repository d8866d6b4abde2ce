// JSON of the billing routes: the webhook's answer, the subscription view, the job payload.
#include "billing/dto.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>

#include "billing/entitlement.hpp"
#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"

namespace ugoki::billing::dto {

namespace {

std::optional<std::string> instant_of(std::optional<epoch_seconds> s) {
  if (!s) {
    return std::nullopt;
  }
  return time::format_rfc3339(time::instant(std::chrono::seconds(*s)));
}

// Where the user manages the subscription: the app stores' own pages; Stripe's customer portal
// needs a session made for them (POST /billing/portal).
std::optional<std::string> manage_url_of(std::string_view provider) {
  if (provider == "apple") {
    return "https://apps.apple.com/account/subscriptions";
  }
  if (provider == "google") {
    return "https://play.google.com/store/account/subscriptions";
  }
  return std::nullopt;
}

}  // namespace

std::string render_intake(const intake_outcome& o) {
  json::writer w;
  w.begin_object().member("received", true).member("duplicate", o.duplicate).end_object();
  return w.take();
}

std::string render_subscription(const subscription_view& v) {
  json::writer w;
  w.begin_object().member("premium", v.premium);
  if (!v.subscription) {
    w.key("source").null().key("product").null().key("plan").null();
    w.member("status", "none").key("renews_at").null().key("ends_at").null();
    w.key("manage_url").null().key("manage_endpoint").null().end_object();
    return w.take();
  }
  const subscription_row& s = *v.subscription;
  const std::string_view status = display_status(s.status, s.cancel_at_period_end);
  const bool renews =
      status == "active" || status == "trialing" || status == "grace" || status == "past_due";
  std::optional<std::string> renews_at = renews ? instant_of(s.period_end) : std::nullopt;
  std::optional<std::string> ends_at;
  if (status == "cancelled_at_period_end") {
    ends_at = instant_of(s.period_end);
  } else if (status == "expired") {
    ends_at = instant_of(s.ended_at ? s.ended_at : s.period_end);
  }
  w.member("source", s.provider).member("product", s.product).member("plan", s.plan_type);
  w.member("status", status).member("renews_at", renews_at).member("ends_at", ends_at);
  w.member("manage_url", manage_url_of(s.provider));
  if (s.provider == "stripe") {
    w.member("manage_endpoint", "/api/v1/billing/portal");
  } else {
    w.key("manage_endpoint").null();
  }
  w.end_object();
  return w.take();
}

result<std::string> parse_checkout(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"price"});
  auto price = r.one_of("price", {"monthly", "yearly"}, true);
  return r.finish(price.value_or(""));
}

result<void> parse_portal(std::string_view body) {
  if (body.empty()) {
    return {};
  }
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({});
  if (auto failed = r.failure()) {
    return std::move(*failed);
  }
  return {};
}

std::string render_hosted_page(const hosted_page& p) {
  json::writer w;
  w.begin_object().member("url", p.url).member("session_id", p.session_id).end_object();
  return w.take();
}

std::optional<std::string> parse_job_event(std::string_view payload) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) {
    return std::nullopt;
  }
  const boost::json::value* id = v.get_object().if_contains("event");
  if (id == nullptr || !id->is_string() || !json::is_uuid(id->get_string())) {
    return std::nullopt;
  }
  return std::string(id->get_string());
}

}  // namespace ugoki::billing::dto
