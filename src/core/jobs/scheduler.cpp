// Periodic jobs: one pending job per schedule, kept by a single upsert; housekeeping SQL.
#include "core/jobs/scheduler.hpp"

#include <stdexcept>

#include "core/pg/database.hpp"

namespace ugoki::jobs {

namespace {

// The partial unique index jobs_dedupe_key holds one pending job per key. A queued job is moved
// earlier (run-once asks for "now"), never later; a running one is left alone.
constexpr pg::statement ensure_sql{"jobs_schedule_ensure", R"(
INSERT INTO jobs (kind, payload, queue, dedupe_key, max_attempts, run_at)
VALUES ($1, $2::jsonb, $3, 'schedule:' || $1, $4::int,
        CASE WHEN $6::bool THEN now()
             ELSE to_timestamp((floor(extract(epoch FROM now()) / $5::int) + 1) * $5::int) END)
ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')
DO UPDATE SET run_at = LEAST(jobs.run_at, EXCLUDED.run_at)
 WHERE jobs.status = 'queued')"};

// Batches keep each statement short, so the purge never holds many row locks at once.
constexpr pg::statement purge_sql{"jobs_purge_finished", R"(
DELETE FROM jobs
 WHERE id IN (SELECT id FROM jobs
               WHERE finished_at < now() - $1::int * interval '1 hour'
               LIMIT 1000))"};

}  // namespace

scheduler::scheduler(pg::database& db, std::vector<schedule> schedules, std::string queue)
    : db_(db), schedules_(std::move(schedules)), queue_(std::move(queue)) {
  for (const auto& s : schedules_) {
    if (s.every < std::chrono::seconds(1)) {
      throw std::invalid_argument("schedule period under one second: " + s.kind);
    }
  }
}

boost::asio::awaitable<void> scheduler::ensure(bool due_now) {
  for (const auto& s : schedules_) {
    pg::params args{
        s.kind, s.payload, queue_, s.max_attempts, static_cast<std::int64_t>(s.every.count()),
        due_now};
    co_await db_.query(ensure_sql, args);
  }
}

boost::asio::awaitable<std::int64_t> purge_finished(pg::database& db,
                                                    std::chrono::hours retention) {
  std::int64_t total = 0;
  for (;;) {
    pg::params args{static_cast<std::int64_t>(retention.count())};
    pg::result r = co_await db.query(purge_sql, args);
    total += r.affected_rows();
    if (r.affected_rows() < 1000) {
      break;
    }
  }
  co_return total;
}

}  // namespace ugoki::jobs
