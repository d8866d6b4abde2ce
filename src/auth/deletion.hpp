// Account deletion (DELETE /users/me: password check, every session ended, soft delete with a
// 30-day grace period) and the erasure that follows it (a job hard-deletes accounts whose grace
// period is over). The password, the sessions and the account row are auth's, so both live
// here; the user module's DELETE /users/me calls delete_account through app/bridges.cpp.
// docs/privacy.md.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace ugoki {
class worker_pool;
namespace pg {
class database;
}
namespace jobs {
class registry;
}
}  // namespace ugoki

namespace ugoki::auth {

class service;

struct deletion_settings {
  std::chrono::seconds grace_period{std::chrono::hours(24 * 30)};
  int erase_batch = 100;  // accounts erased per transaction
};

// The job kind of the erasure sweep. The name predates the move of erasure into auth: queued
// jobs and the schedule carry it, so it stays.
inline constexpr std::string_view erase_job_kind = "user.erase_due";

class deletion {
 public:
  // Keeps references: each must outlive this object.
  deletion(pg::database& db, worker_pool& workers, service& auth, deletion_settings s = {});

  // Checks `password` (Argon2id on the worker pool): 401 AUTH_001 (field password) when it is
  // wrong or the account has none (social sign-in only); 401 AUTH_002 when the account is
  // already gone. Then ends every session (so every token dies at once) and soft-deletes:
  // deleted_at = now, erase_after = now + grace period, an `account.deleted` audit row with
  // `request_id`. Throws pg::unavailable, redis::unavailable, worker_pool_busy (503 SVC_001).
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
  service& auth_;
  deletion_settings settings_;
};

// Registers erase_job_kind, running `d.erase_due`. `d` must outlive `kinds`.
void add_erasure_job_kinds(jobs::registry& kinds, deletion& d);

}  // namespace ugoki::auth
