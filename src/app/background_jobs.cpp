// Background jobs wiring: handlers, schedule, the serve-time thread, run-once.
#include "app/background_jobs.hpp"

#include <boost/asio/co_spawn.hpp>

#include <chrono>
#include <exception>
#include <string>

#include "analytics/import_service.hpp"
#include "analytics/service.hpp"
#include "auth/deletion.hpp"
#include "core/idempotency/pg_idempotency_store.hpp"
#include "core/jobs/scheduler.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"
#include "core/redis/client.hpp"

namespace ugoki::app {

namespace {

using boost::asio::awaitable;

// How long finished jobs stay for inspection (last_error of failures) before the purge.
constexpr std::chrono::hours finished_job_retention{24 * 14};

awaitable<void> purge_finished(pg::database& db) {
  co_await jobs::purge_finished(db, finished_job_retention);
}

awaitable<void> purge_idempotency_keys(pg::database& db) {
  co_await idempotency::purge_expired(db);
}

}  // namespace

jobs::registry make_job_kinds(pg::database& db) {
  jobs::registry kinds;
  analytics::add_partition_job_kind(kinds, db);
  kinds.add("jobs.purge_finished", [&db](const jobs::job&) { return purge_finished(db); });
  kinds.add("idempotency.purge_expired",
            [&db](const jobs::job&) { return purge_idempotency_keys(db); });
  return kinds;
}

std::vector<jobs::schedule> periodic_jobs() {
  using std::chrono::hours;
  return {
      {std::string(auth::erase_job_kind), hours(1)},
      {std::string(analytics::partitions_job_kind), hours(24)},
      {"jobs.purge_finished", hours(24)},
      {"idempotency.purge_expired", hours(1)},
      {std::string(analytics::import_sweep_job_kind), std::chrono::minutes(10)},
  };
}

jobs_thread::jobs_thread(pg::database& db, redis::client& redis, std::size_t shard_index,
                         const jobs::registry& kinds, jobs::scheduler& sched,
                         jobs::runner_settings s)
    : runner_(db, kinds, std::move(s), &sched) {
  thread_ = std::thread([this, &db, &redis, shard_index] {
    db.attach_thread(shard_index, ioc_.get_executor());
    redis.attach_thread(shard_index, ioc_.get_executor());
    boost::asio::co_spawn(
        ioc_, [this] { return runner_.run(); },
        [this](std::exception_ptr e) {
          if (e) {
            try {
              std::rethrow_exception(e);
            } catch (const std::exception& ex) {
              log::error("job runner ended", log::fields().add("detail", ex.what()));
            }
          }
          // The shard's idle connections would keep run() waiting forever.
          ioc_.stop();
        });
    ioc_.run();
  });
}

jobs_thread::~jobs_thread() {
  stop();
}

void jobs_thread::stop() {
  runner_.stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

awaitable<std::size_t> run_jobs_until_empty(jobs::scheduler& sched, jobs::runner& runner) {
  co_await sched.ensure(true);
  co_return co_await runner.run_until_empty();
}

}  // namespace ugoki::app
