// The job runner: claim, run, record the outcome; housekeeping; graceful stop.
#include "core/jobs/runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <stdexcept>

#include "core/crypto/random.hpp"
#include "core/dependency_error.hpp"
#include "core/jobs/scheduler.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"

namespace ugoki::jobs {

namespace asio = boost::asio;
using asio::awaitable;

void registry::add(std::string kind, handler fn) {
  if (handlers_.contains(kind)) {
    throw std::invalid_argument("job kind registered twice: " + kind);
  }
  handlers_.emplace(std::move(kind), std::move(fn));
}

const handler* registry::find(std::string_view kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::string default_worker_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) {
    host[0] = '\0';
  }
  std::string id = std::string(host).substr(0, 150);
  id += ":" + std::to_string(getpid()) + ":" + crypto::to_hex(crypto::random_bytes(4));
  return id;
}

runner::runner(pg::database& db, const registry& handlers, runner_settings s, scheduler* sched)
    : db_(db), handlers_(handlers), settings_(std::move(s)), scheduler_(sched) {
  if (settings_.worker_id.empty()) {
    settings_.worker_id = default_worker_id();
  }
}

// Renews a running job's lock every third of the visibility timeout until `done` (or max_lease),
// so the reaper leaves a live job alone however long it runs: an Apple Health import of a large
// export takes minutes, and a second worker must not start it again meanwhile.
struct runner::heartbeat {
  explicit heartbeat(const asio::any_io_executor& ex) : timer(ex) {}
  asio::steady_timer timer;
  bool done = false;
};

awaitable<void> runner::keep_locked(std::shared_ptr<heartbeat> beat, std::string job_id) {
  const auto every = std::max<std::chrono::milliseconds>(
      std::chrono::milliseconds(100),
      std::chrono::duration_cast<std::chrono::milliseconds>(settings_.visibility_timeout) / 3);
  const auto give_up = std::chrono::steady_clock::now() + settings_.max_lease;
  while (!beat->done && std::chrono::steady_clock::now() < give_up) {
    beat->timer.expires_after(every);
    co_await beat->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (beat->done) {
      break;
    }
    bool ours = true;
    try {
      auto renew = extend_lock(db_, job_id, settings_.worker_id);
      ours = co_await std::move(renew);
    } catch (const std::exception& e) {
      // The next beat tries again; the job itself meets the same outage and reports it.
      log::warn("job lock not renewed",
                log::fields().add("job_id", job_id).add("detail", std::string(e.what())));
    }
    if (!ours) {
      break;  // no longer ours: finished meanwhile, or reaped while the database was away
    }
  }
}

awaitable<void> runner::execute(const job& j) {
  const auto started = std::chrono::steady_clock::now();
  std::string failure;
  if (const handler* h = handlers_.find(j.kind)) {
    const auto ex = co_await asio::this_coro::executor;
    auto beat = std::make_shared<heartbeat>(ex);
    asio::co_spawn(beat->timer.get_executor(), keep_locked(beat, j.id), asio::detached);
    try {
      co_await (*h)(j);
    } catch (const std::exception& e) {
      failure = e.what();
      if (failure.empty()) {
        failure = "handler failed";
      }
    } catch (...) {
      failure = "handler threw a non-standard exception";
    }
    beat->done = true;
    beat->timer.cancel();
  } else {
    // Possibly a newer instance's kind during a rolling deploy: retried, so it is not lost.
    failure = "no handler registered for this kind";
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (failure.empty()) {
    bool recorded = co_await complete(db_, j.id, settings_.worker_id);
    log::info("job succeeded", log::fields()
                                   .add("job_id", j.id)
                                   .add("kind", j.kind)
                                   .add("attempt", j.attempts)
                                   .add("duration_ms", ms)
                                   .add("recorded", recorded));
    co_return;
  }
  auto delay = backoff_for(j.attempts, settings_.backoff_base, settings_.backoff_cap);
  bool recorded = co_await fail(db_, j.id, settings_.worker_id, failure, delay);
  // The error text stays in jobs.last_error; the log names the job only (no payload, no PII).
  log::warn("job failed", log::fields()
                              .add("job_id", j.id)
                              .add("kind", j.kind)
                              .add("attempt", j.attempts)
                              .add("max_attempts", j.max_attempts)
                              .add("final", j.attempts >= j.max_attempts)
                              .add("duration_ms", ms)
                              .add("recorded", recorded));
}

awaitable<bool> runner::run_one() {
  auto claimed = co_await claim(db_, settings_.queue, settings_.worker_id, 1);
  if (claimed.empty()) {
    co_return false;
  }
  co_await execute(claimed.front());
  co_return true;
}

awaitable<std::size_t> runner::run_until_empty(std::chrono::milliseconds wait_for_others) {
  std::size_t runs = 0;
  const auto deadline = std::chrono::steady_clock::now() + wait_for_others;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!stopping_.load()) {
    bool ran = co_await run_one();
    if (ran) {
      ++runs;
      continue;
    }
    auto left = co_await outstanding(db_, settings_.queue);
    if (left == 0 || std::chrono::steady_clock::now() >= deadline) {
      break;
    }
    // Another worker holds a job (or just claimed one): its result may enqueue more.
    timer.expires_after(std::chrono::milliseconds(100));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return runs;
}

awaitable<void> runner::housekeeping() {
  auto reaped = co_await reap_stale(db_, settings_.visibility_timeout);
  if (reaped > 0) {
    log::warn("stale jobs requeued", log::fields().add("count", reaped));
  }
  if (scheduler_ != nullptr) {
    co_await scheduler_->ensure(false);
  }
}

awaitable<void> runner::run() {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex);
  {
    std::lock_guard lock(mutex_);
    ex_ = ex;
    timer_ = &timer;
  }
  log::info("job runner started", log::fields()
                                      .add("queue", settings_.queue)
                                      .add("worker", settings_.worker_id)
                                      .add("kinds", handlers_.size()));
  auto next_housekeeping = std::chrono::steady_clock::now();
  while (!stopping_.load()) {
    bool ran = false;
    try {
      if (std::chrono::steady_clock::now() >= next_housekeeping) {
        next_housekeeping = std::chrono::steady_clock::now() + settings_.housekeeping_every;
        co_await housekeeping();
      }
      ran = co_await run_one();
    } catch (const dependency_unavailable&) {
      log::warn("job runner: database unavailable, retrying");
    } catch (const std::exception& e) {
      log::error("job runner: unexpected error", log::fields().add("detail", e.what()));
    }
    if (ran || stopping_.load()) {
      continue;  // more may be due: claim again at once
    }
    timer.expires_after(settings_.poll_interval);
    if (settings_.on_idle) {
      settings_.on_idle();
    }
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  {
    std::lock_guard lock(mutex_);
    timer_ = nullptr;
  }
  log::info("job runner stopped", log::fields().add("worker", settings_.worker_id));
}

void runner::stop() {
  stopping_.store(true);
  std::lock_guard lock(mutex_);
  if (ex_ && timer_ != nullptr) {
    // Cancel on the runner's own thread: the timer is not thread-safe.
    asio::post(*ex_, [this] {
      std::lock_guard inner(mutex_);
      if (timer_ != nullptr) {
        timer_->cancel();
      }
    });
  }
}

}  // namespace ugoki::jobs
