// SQL of the billing module: provider events (0002's billing_events), subscriptions of every
// source (0002's subscriptions, widened by 0038), customers, entitlements and invoices (0038).
// Failures common to every function: pg::unavailable when the database is down; pg::error on a
// broken check (a bug: the parsers keep values in range).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "billing/types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::billing::store {

// The job kind that handles a stored provider event.
inline constexpr const char* event_job_kind = "billing.provider_event";

// Stores the event (provider, its id, type, provider time, the body as jsonb) and enqueues its
// job, in one transaction: both or neither. False when the (provider, event id) pair was stored
// before (a redelivery, or a concurrent delivery that committed first): nothing is written.
boost::asio::awaitable<bool> record_event(pg::database& db, std::string provider,
                                          std::string event_id, std::string type,
                                          epoch_seconds created, std::string body);

struct stored_event {
  std::string provider;
  std::string type;
  std::string payload;
  epoch_seconds created = 0;
  bool processed = false;
  std::optional<std::string> user_id;
};

// The event row `row_id`, locked FOR UPDATE until `tx` ends (two runs of its job never overlap).
// nullopt when it is gone (its user was erased).
boost::asio::awaitable<std::optional<stored_event>> lock_event(pg::transaction& tx,
                                                               std::string row_id);
// Marks the event handled, for `user_id` (may be none), with an optional note (an ignored or
// unreadable event): processed_at = now().
boost::asio::awaitable<void> mark_processed(pg::transaction& tx, std::string row_id,
                                            std::optional<std::string> user_id,
                                            std::optional<std::string> note);

// The user the customer belongs to, when remembered.
boost::asio::awaitable<std::optional<std::string>> user_of_customer(pg::transaction& tx,
                                                                    std::string provider,
                                                                    std::string customer_id);
// True when `user_id` names a live (not deleted) account (auth's view live_accounts).
boost::asio::awaitable<bool> is_live_account(pg::transaction& tx, std::string user_id);
// Remembers the customer of `user_id` (first one wins: a user has one customer per provider).
boost::asio::awaitable<void> remember_customer(pg::transaction& tx, std::string user_id,
                                               std::string provider, std::string customer_id);
// As above, on its own (checkout, after creating the customer at Stripe).
boost::asio::awaitable<void> remember_customer(pg::database& db, std::string user_id,
                                               std::string provider, std::string customer_id);
// The Stripe customer of `user_id`, when one was created.
boost::asio::awaitable<std::optional<std::string>> customer_of(pg::database& db,
                                                               std::string user_id,
                                                               std::string provider);

// Serialises billing work on one user until `tx` ends (a transaction-scoped advisory lock), so
// two events of one user handled at once derive the entitlement from each other's result.
boost::asio::awaitable<void> lock_user(pg::transaction& tx, std::string user_id);

// Upserts the subscription by (provider, provider id) unless the stored state is newer: an event
// with an older provider time, or the same time and a lower lifecycle rank
// (billing_status_rank), changes nothing. A subscription stays with the user it was first
// stored for. `plan_type` is monthly | annual | other.
boost::asio::awaitable<void> apply_subscription(pg::transaction& tx, std::string user_id,
                                                const subscription_state& s, std::string plan_type,
                                                epoch_seconds event_at);
// checkout.session.completed: stores the subscription as `s` at `event_at` only when no event
// of it was stored yet (its own events carry the full state and always win).
boost::asio::awaitable<void> insert_subscription_if_absent(pg::transaction& tx, std::string user_id,
                                                           const subscription_state& s,
                                                           epoch_seconds event_at);
// invoice.paid: a subscription owing money (past_due, unpaid, incomplete) whose stored state is
// older than `event_at` becomes active.
boost::asio::awaitable<void> subscription_paid(pg::transaction& tx, std::string user_id,
                                               std::string provider, std::string subscription_id,
                                               epoch_seconds event_at);
// invoice.payment_failed: an active or trialing subscription whose stored state is older than
// `event_at` becomes past_due.
boost::asio::awaitable<void> subscription_payment_failed(pg::transaction& tx, std::string user_id,
                                                         std::string provider,
                                                         std::string subscription_id,
                                                         epoch_seconds event_at);
// Keeps a paid invoice (the tax record); a repeat of the same invoice id changes nothing.
boost::asio::awaitable<void> record_invoice(pg::transaction& tx, std::string user_id,
                                            std::string provider, const invoice_event& inv,
                                            epoch_seconds event_at);

// Every subscription of the user, in every source.
boost::asio::awaitable<std::vector<subscription_row>> subscriptions_of(pg::transaction& tx,
                                                                       std::string user_id);
boost::asio::awaitable<std::vector<subscription_row>> subscriptions_of(pg::database& db,
                                                                       std::string user_id);
// Saves the derived entitlement.
boost::asio::awaitable<void> save_entitlement(pg::transaction& tx, std::string user_id,
                                              bool premium,
                                              std::optional<std::string> subscription_id);
// The saved entitlement's premium flag; nullopt when the user never had one.
boost::asio::awaitable<std::optional<bool>> entitlement_of(pg::database& db, std::string user_id);

// The data export's "billing" part as JSON text: subscriptions, the customer ids, the paid
// invoices, the entitlement and the events received about the user (type and time only).
boost::asio::awaitable<std::string> export_part(pg::database& db, std::string user_id);

}  // namespace ugoki::billing::store
