// The durable job queue in PostgreSQL (table `jobs`, 0012_platform.sql): enqueue, claim with
// FOR UPDATE SKIP LOCKED, complete, fail with backoff, and reaping of jobs whose worker died.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::jobs {

// What to run. `kind` names the handler ("user.erase_due"); `payload` is a JSON object's text.
struct job_spec {
  std::string kind;
  std::string payload = "{}";
  std::string queue = "default";
  std::optional<std::string> user_id;     // the user the job is about (no FK; see 0012)
  std::optional<std::string> dedupe_key;  // at most one pending job per key
  int max_attempts = 5;
  std::chrono::seconds delay{0};  // run_at = now() + delay
};

// A job claimed by one worker: status 'running', locked by it, attempts already counted.
struct job {
  std::string id;
  std::string queue;
  std::string kind;
  std::string payload;
  std::optional<std::string> user_id;
  int attempts = 0;  // including this run
  int max_attempts = 1;
};

// Inserts the job and returns its id; nullopt when `dedupe_key` is already held by a pending
// (queued or running) job. Throws pg::error when the spec breaks a table check (bad kind or
// queue name, payload not an object) and pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<std::string>> enqueue(pg::database& db, job_spec spec);
// As above, inside the caller's transaction: the job exists only if that transaction commits,
// so "do X and later do Y" cannot half happen.
boost::asio::awaitable<std::optional<std::string>> enqueue(pg::transaction& tx, job_spec spec);

// Claims up to `limit` due jobs of `queue` (oldest run_at first) for `worker_id`, skipping rows
// another worker holds, so two workers never take the same job. Empty when nothing is due.
boost::asio::awaitable<std::vector<job>> claim(pg::database& db, std::string queue,
                                               std::string worker_id, int limit);

// Marks a claimed job succeeded. False when it is no longer running under `worker_id` (reaped
// after the visibility timeout and taken by someone else): its outcome is then not recorded.
boost::asio::awaitable<bool> complete(pg::database& db, std::string id, std::string worker_id);

// Renews the lock of a job still running under `worker_id` (locked_at = now()), so the reaper
// leaves a long job alone while its worker lives. False when the job is no longer ours.
boost::asio::awaitable<bool> extend_lock(pg::database& db, std::string id, std::string worker_id);

// Records a failed run: back to 'queued' at now() + `retry_in` while attempts remain, else
// 'failed'. `error` is cut to the column's 4000 characters. Same return as complete().
boost::asio::awaitable<bool> fail(pg::database& db, std::string id, std::string worker_id,
                                  std::string error, std::chrono::seconds retry_in);

// Puts 'running' jobs locked longer than `visibility_timeout` back in the queue (their worker
// died or hung); a job out of attempts becomes 'failed'. Returns how many were touched.
boost::asio::awaitable<std::int64_t> reap_stale(pg::database& db,
                                                std::chrono::seconds visibility_timeout);

// Jobs of `queue` that are running, or queued and due with attempts left: what
// `ugoki jobs run-once` waits for before it calls the queue empty.
boost::asio::awaitable<std::int64_t> outstanding(pg::database& db, std::string queue);

// For the erasure of the accounts `user_ids`, inside its transaction: drops their pending jobs
// and strips the user and payload from any of theirs running right now (jobs.user_id has no FK,
// see 0012, so nothing else removes them). Throws as enqueue().
boost::asio::awaitable<void> forget_users(pg::transaction& tx,
                                          const std::vector<std::string>& user_ids);

// Pure: the delay before retry number `attempts` (1-based count of runs so far): base * 2^(n-1),
// capped at `cap`. Unit-tested.
std::chrono::seconds backoff_for(int attempts, std::chrono::seconds base, std::chrono::seconds cap);

}  // namespace ugoki::jobs
