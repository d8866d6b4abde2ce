// Account deletion (DELETE /users/me: soft delete, 30-day grace) and the erasure that follows it
// (a job hard-deletes accounts whose grace period is over). No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"

namespace ugoki {
class worker_pool;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::user {

// Ends every session (refresh-token family) of a user; returns how many. The auth module owns
// sessions, so the composition root passes auth::service::end_all_sessions in, and this module
// needs no link to auth. Throws redis::unavailable when Redis is down.
using session_ender = std::function<boost::asio::awaitable<std::int64_t>(std::string user_id)>;

struct account_settings {
  std::chrono::seconds grace_period{std::chrono::hours(24 * 30)};
  int erase_batch = 100;  // accounts erased per transaction
};

class account {
 public:
  // Keeps references: `db` and `workers` must outlive the account service.
  account(pg::database& db, worker_pool& workers, session_ender end_sessions,
          account_settings s = {});

  // DELETE /users/me. Checks `password` (Argon2id on the worker pool) and answers 401 AUTH_001
  // (field password) when it is wrong or the account has none (social sign-in only). Then ends
  // every session (so every token dies at once), and soft-deletes: deleted_at = now,
  // erase_after = now + grace period. 401 AUTH_002 when the account is already gone.
  // Throws pg::unavailable, redis::unavailable, worker_pool_busy (503 SVC_001).
  boost::asio::awaitable<result<void>> delete_account(std::string user_id, std::string password,
                                                      std::string request_id);

  // The erasure job: hard-deletes, in batches of erase_batch (one transaction each), every
  // account whose erase_after has passed; every owned row goes by ON DELETE CASCADE, audit rows
  // lose their user and correlatable fields, the user's queued jobs go, and any session left in
  // Redis is ended. Idempotent; safe on several instances at once (SKIP LOCKED). Returns how
  // many accounts were erased. Throws pg::unavailable / redis::unavailable.
  boost::asio::awaitable<std::int64_t> erase_due();

 private:
  pg::database& db_;
  worker_pool& workers_;
  session_ender end_sessions_;
  account_settings settings_;
};

}  // namespace ugoki::user
