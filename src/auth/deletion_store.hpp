// SQL of account deletion and erasure (tables users and audit_log, 0002 and 0012). Every
// function is one round trip and throws pg::unavailable when the database cannot be reached.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::auth::deletion_store {

// Soft-deletes the live account `user_id` (deleted_at = now, erase_after = now + `grace`) and
// records `account.deleted` in audit_log with `request_id`, in one statement. False
// when there is no such live account (nothing is written then).
boost::asio::awaitable<bool> soft_delete(pg::database& db, std::string user_id,
                                         std::chrono::seconds grace, std::string request_id);

// Inside `tx`: up to `limit` accounts whose erase_after has passed, oldest first, locked so a
// concurrent erasure skips them (FOR UPDATE SKIP LOCKED) and a concurrent login waits.
boost::asio::awaitable<std::vector<std::string>> lock_due(pg::transaction& tx, int limit);

// Inside `tx`, after lock_due: makes the accounts' audit rows unlinkable and deletes the users
// rows; every row that references users(id) ON DELETE CASCADE goes with them.
boost::asio::awaitable<void> erase(pg::transaction& tx, const std::vector<std::string>& user_ids);

}  // namespace ugoki::auth::deletion_store
