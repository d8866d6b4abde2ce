// The billing module's rules: webhook intake (verify, store, enqueue), the event job (apply the
// provider's state, out-of-order safe, exactly once), the entitlement and the role it decides.
// No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/types.hpp"
#include "core/error.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
namespace jobs {
class registry;
struct job;
}  // namespace jobs
}  // namespace ugoki

namespace ugoki::billing {

struct settings {
  // Webhook signing secrets (whsec_...); any may sign, so one can be rolled. Empty: every
  // delivery is refused (400 BILL_001).
  std::vector<std::string> stripe_webhook_secrets;
  std::chrono::seconds stripe_tolerance{300};
  // Our prices, to tell a monthly from a yearly subscription (plan_type); others are "other".
  std::string stripe_price_monthly;
  std::string stripe_price_yearly;
  // Where Stripe sends the user back: after a checkout (success, cancel) and from the portal.
  std::string checkout_success_url;
  std::string checkout_cancel_url;
  std::string portal_return_url;
};

// A Stripe-hosted page to send the user to.
struct hosted_page {
  std::string url;
  std::string session_id;
};

// Sets the account's subscription role (auth, through app/bridges.cpp): premium or free; an
// admin stays an admin. Must be idempotent; throws when it could not finish (the job retries).
using role_applier = std::function<boost::asio::awaitable<void>(std::string user_id, bool premium)>;

class stripe_client;

class service {
 public:
  // Keeps references: `db`, `clock` and `stripe` must outlive the service.
  service(pg::database& db, const clock& clock, stripe_client& stripe, settings s,
          role_applier apply_role);

  // POST /webhooks/stripe: verifies `signature` (the Stripe-Signature header) over the raw
  // `body` first; 400 BILL_001 when it does not verify (nothing stored), 400 BILL_002 when the
  // signed body is not an event. Then stores the event and enqueues its job in one transaction;
  // a redelivery stores nothing (duplicate = true). Throws pg::unavailable (503): the provider
  // retries.
  boost::asio::awaitable<result<intake_outcome>> receive_stripe(std::string_view body,
                                                                std::string_view signature);

  // The job of a stored event (job payload {"event": "<row id>"}): applies it once. Throws when
  // it must be retried (database down, the account's role not yet applied, an event whose
  // customer is not known yet).
  boost::asio::awaitable<void> handle_event_job(const jobs::job& j);

  // POST /billing/checkout: a Stripe Checkout Session (mode subscription) for our `price`
  // ("monthly" or "yearly") for the caller's Stripe customer, which is created on first use (one
  // per user, remembered; Stripe's Idempotency-Key keeps two concurrent first uses to one
  // customer). The subscription carries metadata.user_id and the session client_reference_id, so
  // its webhooks find the user. 503 BILL_003 when Stripe or that price is not configured, 502
  // BILL_004 when Stripe fails.
  boost::asio::awaitable<result<hosted_page>> checkout(std::string user_id, std::string email,
                                                       std::string price);
  // POST /billing/portal: a customer-portal session for the caller's Stripe customer. 404
  // BILL_005 before the first checkout; 503 BILL_003, 502 BILL_004 as above.
  boost::asio::awaitable<result<hosted_page>> portal(std::string user_id);

  // GET /users/me/subscription: the subscription that decides the entitlement, of any source.
  boost::asio::awaitable<subscription_view> subscription(std::string user_id);

  // The data export's "billing" part (JSON text).
  boost::asio::awaitable<std::string> export_part(std::string user_id);

  const settings& config() const { return settings_; }

 private:
  // Applies one event under the user's lock; returns the user it concerned, if any.
  boost::asio::awaitable<std::optional<std::string>> apply_event(std::string row_id);
  // Makes the account's role match the saved entitlement (re-read until it holds still, so two
  // jobs of one user finishing in either order leave the newest entitlement's role).
  boost::asio::awaitable<void> sync_role(std::string user_id);
  std::string plan_type_of(const std::optional<std::string>& price) const;

  boost::asio::awaitable<result<std::string>> ensure_customer(std::string user_id,
                                                              std::string email);

  pg::database& db_;
  const clock& clock_;
  stripe_client& stripe_;
  settings settings_;
  role_applier apply_role_;
};

// Registers the job kind that handles stored provider events. `svc` must outlive `kinds`.
void add_billing_job_kinds(jobs::registry& kinds, service& svc);

}  // namespace ugoki::billing
