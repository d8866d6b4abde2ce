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
};

// Sets the account's subscription role (auth, through app/bridges.cpp): premium or free; an
// admin stays an admin. Must be idempotent; throws when it could not finish (the job retries).
using role_applier = std::function<boost::asio::awaitable<void>(std::string user_id, bool premium)>;

class service {
 public:
  // Keeps references: `db` and `clock` must outlive the service.
  service(pg::database& db, const clock& clock, settings s, role_applier apply_role);

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

  pg::database& db_;
  const clock& clock_;
  settings settings_;
  role_applier apply_role_;
};

// Registers the job kind that handles stored provider events. `svc` must outlive `kinds`.
void add_billing_job_kinds(jobs::registry& kinds, service& svc);

}  // namespace ugoki::billing
