// SQL for the user module's tables (user_profiles, user_preferences); the account's own fields
// come from auth's read-only view live_accounts (0020). Every function is one round trip,
// filtered by the caller's user_id; encrypted columns travel as opaque blobs.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "user/types.hpp"

namespace ugoki::pg {
class database;
class transaction;
struct command;
}  // namespace ugoki::pg

namespace ugoki::user::store {

// The statements that create a new account's user_profiles row (with `display_name`) and its
// user_preferences row (defaults), for auth to run in the pipeline that inserts the users row
// `user_id`: one implicit transaction, so no account exists without them. They fail (and with
// them the whole pipeline) only if the users row is missing.
std::vector<pg::command> new_account_rows(const std::string& user_id,
                                          const std::optional<std::string>& display_name);

// The account with its profile's plain columns in `m` (the PII fields of m.prof left empty)
// and the encrypted columns in `pii`, still sealed.
struct stored_me {
  me m;
  sealed_pii pii;
};

// The live account `user_id` (auth's live_accounts view) with its profile; nullopt when it does
// not exist or is deleted. Throws
// pg::unavailable when the database cannot be reached.
boost::asio::awaitable<std::optional<stored_me>> find_me(pg::database& db, std::string user_id);
// As above inside `tx`, locking the profile row until `tx` ends, so concurrent
// read-modify-writes of one user's profile run one after the other.
boost::asio::awaitable<std::optional<stored_me>> find_me(pg::transaction& tx, std::string user_id);

// Inside `tx` (after the locking find_me): overwrites every plain profile column of the live
// account `user_id` with `p` (PII fields of `p` are ignored) and every encrypted column with
// `pii`, if the row is still at `version` (me::version from find_me: a belt over the lock's
// braces). Returns the new updated_at, or nullopt when the account is gone or the row changed.
// Throws pg::error if a CHECK rejects a value (dto validates first, so that is a bug) and
// pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<std::string>> save_profile(pg::transaction& tx,
                                                                std::string user_id,
                                                                const profile& p,
                                                                const sealed_pii& pii,
                                                                std::optional<std::string> version);

// Records a completed onboarding: every encrypted column from `pii` (answers included), the
// recommended protocol (nullable) and onboarding_completed_at = now(), if the row is still at
// `version`. Returns the completion instant (RFC 3339), or nullopt as save_profile.
boost::asio::awaitable<std::optional<std::string>> save_onboarding(
    pg::transaction& tx, std::string user_id, const sealed_pii& pii,
    std::optional<std::string> protocol_id, std::optional<std::string> version);

// The weight in the profile of `user_id` (kg), or nullopt when unset or there is no profile.
// One round trip. Throws pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<double>> find_weight_kg(pg::database& db, std::string user_id);

// The preferences of the live account `user_id`; nullopt when it is gone. Throws
// pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<preferences>> find_preferences(pg::database& db,
                                                                    std::string user_id);
// As above inside `tx`, locking the preferences row until `tx` ends, as find_me(tx, ...) does
// the profile's.
boost::asio::awaitable<std::optional<preferences>> find_preferences(pg::transaction& tx,
                                                                    std::string user_id);

// Overwrites the preferences of the live account `user_id` with `p` if the row is still at
// p.version. Returns the new updated_at, or nullopt as save_profile. Errors as save_profile.
boost::asio::awaitable<std::optional<std::string>> save_preferences(pg::transaction& tx,
                                                                    std::string user_id,
                                                                    const preferences& p);

// The preferences row of `user_id` as JSON text (every column but user_id), for the data
// export; "null" when there is none. Throws pg::unavailable when the database is down.
boost::asio::awaitable<std::string> preferences_export(pg::database& db, std::string user_id);

// Every time zone name PostgreSQL knows (pg_timezone_names), so the names we accept are the
// ones the database can compute local days with. Throws pg::unavailable when it is down.
boost::asio::awaitable<std::vector<std::string>> timezone_names(pg::database& db);

}  // namespace ugoki::user::store
