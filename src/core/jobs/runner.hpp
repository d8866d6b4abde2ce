// Runs queued jobs: a registry of job kinds -> handler coroutines, and a runner that claims due
// jobs (FOR UPDATE SKIP LOCKED, so every instance may run one), retries failures with backoff,
// and stops gracefully (the job in progress finishes first).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/jobs/queue.hpp"

namespace ugoki::jobs {

class scheduler;

// A job's work. Throwing fails the run (retried with backoff while attempts remain); the
// exception's what() is stored in jobs.last_error, so it must not contain PII or secrets.
// Handlers must be idempotent: a run cut short (crash, lost connection) runs again.
using handler = std::function<boost::asio::awaitable<void>(const job&)>;

class registry {
 public:
  // Registers `fn` for `kind`. Throws std::invalid_argument for a kind already registered.
  void add(std::string kind, handler fn);
  // The handler of `kind`, or nullptr when none is registered.
  const handler* find(std::string_view kind) const;
  std::size_t size() const { return handlers_.size(); }

 private:
  std::map<std::string, handler, std::less<>> handlers_;
};

struct runner_settings {
  std::string queue = "default";
  // Written to jobs.locked_by; empty: "<hostname>:<pid>:<random>" (see default_worker_id).
  std::string worker_id;
  std::chrono::milliseconds poll_interval{1000};  // wait when nothing is due
  std::chrono::seconds backoff_base{10};          // retry n waits base * 2^(n-1)...
  std::chrono::seconds backoff_cap{3600};         // ...at most this
  // A running job whose lock is older than this is reaped. The runner renews the lock of the job
  // it runs every third of it, for at most max_lease: what is reaped is a job whose worker died
  // or whose thread is stuck, or one still running after max_lease (awaiting something that
  // never comes).
  std::chrono::seconds visibility_timeout{900};
  std::chrono::seconds max_lease{2 * 3600};
  std::chrono::seconds housekeeping_every{60};  // reap + scheduler.ensure period
  // Called on the runner's thread each time run() has found nothing due and is about to wait
  // poll_interval (before the wait starts, with no suspension in between). A test hook: it
  // tells a test that the runner is idle, so it can stop() it there without guessing a delay.
  std::function<void()> on_idle;
};

class runner {
 public:
  // Keeps references: `db`, `handlers` and `sched` (optional) must outlive the runner.
  runner(pg::database& db, const registry& handlers, runner_settings s, scheduler* sched = nullptr);
  runner(const runner&) = delete;
  runner& operator=(const runner&) = delete;

  // Loops until stop(): housekeeping (reap stale jobs, top up periodic jobs) every
  // housekeeping_every, claims and runs due jobs one at a time, sleeps poll_interval when none
  // is due. Database outages are logged and retried after poll_interval, never thrown. Run it
  // on a thread attached to `db`.
  boost::asio::awaitable<void> run();
  // Claims one due job and runs it to its outcome; false when none was due. Throws
  // pg::unavailable when the database is down.
  boost::asio::awaitable<bool> run_one();
  // Runs due jobs until none is left: also waits (up to `wait_for_others`) while another
  // worker still runs a job of the queue, so on return its effects are visible. Jobs failing
  // and backing off are not waited for. Returns how many runs happened here. For
  // `ugoki jobs run-once` (cron, tests).
  boost::asio::awaitable<std::size_t> run_until_empty(
      std::chrono::milliseconds wait_for_others = std::chrono::seconds(60));
  // Thread-safe and idempotent: run() returns once the job in progress, if any, has finished.
  void stop();
  const std::string& worker_id() const { return settings_.worker_id; }

 private:
  struct heartbeat;
  boost::asio::awaitable<void> execute(const job& j);
  // While `beat` is not done, renews job `job_id`'s lock every third of the visibility timeout.
  boost::asio::awaitable<void> keep_locked(std::shared_ptr<heartbeat> beat, std::string job_id);
  boost::asio::awaitable<void> housekeeping();

  pg::database& db_;
  const registry& handlers_;
  runner_settings settings_;
  scheduler* scheduler_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;  // guards ex_ and timer_ between run() and stop() on another thread
  std::optional<boost::asio::any_io_executor> ex_;
  boost::asio::steady_timer* timer_ = nullptr;
};

// "<hostname>:<pid>:<8 hex>", unique per runner, readable in jobs.locked_by.
std::string default_worker_id();

}  // namespace ugoki::jobs
