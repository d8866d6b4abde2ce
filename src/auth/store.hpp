// SQL for the auth module's users table. Every function is one round trip.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <span>
#include <string>

#include "auth/types.hpp"

namespace ugoki::pg {
class database;
struct command;
}  // namespace ugoki::pg

namespace ugoki::auth::store {

// Every function throws pg::unavailable when the database cannot be reached and pg::error for
// anything the server rejects that is not listed as an expected outcome.

// The account signed in with `email` (case-insensitive), live or soft-deleted and still inside
// its grace period (deleted = true); nullopt otherwise. An address belongs to one account until
// that account is erased, so there is at most one.
boost::asio::awaitable<std::optional<account>> find_by_email(pg::database& db, std::string email);

// The live (not deleted) account `id`; nullopt when it does not exist or was deleted.
boost::asio::awaitable<std::optional<account>> find_live_by_id(pg::database& db, std::string id);

// Inserts the users row `id` and runs `with` (the other modules' rows of the new account, see
// service.hpp account_rows) in the same pipeline, so in one implicit transaction: all or none.
// nullopt when an account, live or deleted but not yet erased, already has this email (unique
// violation).
boost::asio::awaitable<std::optional<account>> create_account(pg::database& db, std::string id,
                                                              std::string email,
                                                              std::string password_hash,
                                                              std::span<const pg::command> with);

// After a successful login: stamps last_login_at, clears the failure counter, restores a
// soft-deleted account, and stores `new_hash` when the old one needed a rehash. False when the
// account was erased meanwhile.
boost::asio::awaitable<bool> record_login(pg::database& db, std::string id, bool restore,
                                          std::optional<std::string> new_hash);

// What set_role found and did.
struct role_change {
  bool found = false;    // a live (not deleted) account has this email
  bool changed = false;  // its role was updated (and the change audited)
  std::string user_id;
  std::string before;  // the role it had
};

// Sets the role of the live account `email` (case-insensitive) to `role` when it is not
// already `role` and, when `only_from` is given, is currently `only_from`; the change and its
// admin_audit() entry (entity auth.user, action `action`, actor NULL: the command line) are one
// statement, so one transaction. An unchanged role writes nothing.
boost::asio::awaitable<role_change> set_role(pg::database& db, std::string email, std::string role,
                                             std::optional<std::string> only_from,
                                             std::string action);

// Sets the subscription role of live account `user_id`: `role` is "free" or "premium" and is
// written only when the account is free or premium now (an admin stays an admin), audited as
// (auth.user, role.subscription, actor NULL) in the same statement. found = false when no live
// account has this id; changed = false when its role was already `role` or it is an admin.
boost::asio::awaitable<role_change> set_plan_role(pg::database& db, std::string user_id,
                                                  std::string role);

// Replaces the password hash of live account `id`. False when it is gone.
boost::asio::awaitable<bool> set_password(pg::database& db, std::string id,
                                          std::string password_hash);

}  // namespace ugoki::auth::store
