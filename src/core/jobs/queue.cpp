// SQL of the job queue. Each function is one statement, so one round trip.
#include "core/jobs/queue.hpp"

#include <algorithm>

#include "core/pg/database.hpp"

namespace ugoki::jobs {

namespace {

using boost::asio::awaitable;

constexpr pg::statement enqueue_sql{"jobs_enqueue", R"(
INSERT INTO jobs (kind, payload, queue, user_id, dedupe_key, max_attempts, run_at)
VALUES ($1, $2::jsonb, $3, $4::uuid, $5, $6::int, now() + $7::int * interval '1 second')
ON CONFLICT DO NOTHING
RETURNING id)"};

// Oldest due first; SKIP LOCKED makes concurrent claimers pass over each other's rows instead
// of waiting, so N workers take N different jobs in one round trip each.
constexpr pg::statement claim_sql{"jobs_claim", R"(
UPDATE jobs
   SET status = 'running', locked_at = now(), locked_by = $2, attempts = attempts + 1
 WHERE id IN (SELECT id FROM jobs
               WHERE queue = $1 AND status = 'queued' AND run_at <= now()
                 AND attempts < max_attempts
               ORDER BY run_at
               LIMIT $3::int
               FOR UPDATE SKIP LOCKED)
RETURNING id, queue, kind, payload::text, user_id, attempts, max_attempts)"};

constexpr pg::statement complete_sql{"jobs_complete", R"(
UPDATE jobs
   SET status = 'succeeded', locked_at = NULL, locked_by = NULL, finished_at = now()
 WHERE id = $1::uuid AND status = 'running' AND locked_by = $2)"};

constexpr pg::statement extend_lock_sql{"jobs_extend_lock", R"(
UPDATE jobs SET locked_at = now()
 WHERE id = $1::uuid AND status = 'running' AND locked_by = $2)"};

constexpr pg::statement fail_sql{"jobs_fail", R"(
UPDATE jobs
   SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
       finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
       run_at = CASE WHEN attempts >= max_attempts THEN run_at
                     ELSE now() + $4::int * interval '1 second' END,
       locked_at = NULL, locked_by = NULL, last_error = left($3, 4000)
 WHERE id = $1::uuid AND status = 'running' AND locked_by = $2)"};

constexpr pg::statement reap_sql{"jobs_reap_stale", R"(
UPDATE jobs
   SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
       finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
       locked_at = NULL, locked_by = NULL,
       last_error = 'worker lost: no outcome within the visibility timeout'
 WHERE status = 'running' AND locked_at < now() - $1::int * interval '1 second')"};

constexpr pg::statement outstanding_sql{"jobs_outstanding", R"(
SELECT count(*) FROM jobs
 WHERE queue = $1
   AND (status = 'running'
        OR (status = 'queued' AND run_at <= now() AND attempts < max_attempts)))"};

pg::params enqueue_params(job_spec& spec) {
  return pg::params{spec.kind,
                    spec.payload,
                    spec.queue,
                    spec.user_id,
                    spec.dedupe_key,
                    spec.max_attempts,
                    static_cast<std::int64_t>(spec.delay.count())};
}

std::optional<std::string> id_of(const pg::result& r) {
  if (r.empty()) {
    return std::nullopt;
  }
  return r[0].get<std::string>(0);
}

// Pending work for the user is dropped; a job running right now keeps its row (its worker will
// record the outcome) but loses the user id and payload.
constexpr pg::statement forget_users_sql{"jobs_forget_users", R"(
DELETE FROM jobs WHERE user_id = ANY($1::uuid[]) AND status <> 'running')"};

constexpr pg::statement strip_running_sql{"jobs_strip_running", R"(
UPDATE jobs SET user_id = NULL, payload = '{}' WHERE user_id = ANY($1::uuid[]))"};

}  // namespace

awaitable<std::optional<std::string>> enqueue(pg::database& db, job_spec spec) {
  auto args = enqueue_params(spec);
  pg::result r = co_await db.query(enqueue_sql, args);
  co_return id_of(r);
}

awaitable<std::optional<std::string>> enqueue(pg::transaction& tx, job_spec spec) {
  auto args = enqueue_params(spec);
  pg::result r = co_await tx.query(enqueue_sql, args);
  co_return id_of(r);
}

awaitable<std::vector<job>> claim(pg::database& db, std::string queue, std::string worker_id,
                                  int limit) {
  pg::params args{queue, worker_id, limit};
  pg::result r = co_await db.query(claim_sql, args);
  std::vector<job> out;
  out.reserve(r.size());
  for (auto row : r) {
    job j;
    j.id = row.get<std::string>(0);
    j.queue = row.get<std::string>(1);
    j.kind = row.get<std::string>(2);
    j.payload = row.get<std::string>(3);
    j.user_id = row.get<std::optional<std::string>>(4);
    j.attempts = row.get<int>(5);
    j.max_attempts = row.get<int>(6);
    out.push_back(std::move(j));
  }
  co_return out;
}

awaitable<bool> complete(pg::database& db, std::string id, std::string worker_id) {
  pg::params args{id, worker_id};
  pg::result r = co_await db.query(complete_sql, args);
  co_return r.affected_rows() == 1;
}

awaitable<bool> extend_lock(pg::database& db, std::string id, std::string worker_id) {
  pg::params args{id, worker_id};
  pg::result r = co_await db.query(extend_lock_sql, args);
  co_return r.affected_rows() == 1;
}

awaitable<bool> fail(pg::database& db, std::string id, std::string worker_id, std::string error,
                     std::chrono::seconds retry_in) {
  pg::params args{id, worker_id, error, static_cast<std::int64_t>(retry_in.count())};
  pg::result r = co_await db.query(fail_sql, args);
  co_return r.affected_rows() == 1;
}

awaitable<std::int64_t> reap_stale(pg::database& db, std::chrono::seconds visibility_timeout) {
  pg::params args{static_cast<std::int64_t>(visibility_timeout.count())};
  pg::result r = co_await db.query(reap_sql, args);
  co_return r.affected_rows();
}

awaitable<std::int64_t> outstanding(pg::database& db, std::string queue) {
  pg::params args{queue};
  pg::result r = co_await db.query(outstanding_sql, args);
  co_return r[0].get<std::int64_t>(0);
}

awaitable<void> forget_users(pg::transaction& tx, const std::vector<std::string>& user_ids) {
  const std::string ids = pg::uuid_array(user_ids);
  std::vector<pg::command> commands;
  commands.push_back({&forget_users_sql, pg::params{ids}});
  commands.push_back({&strip_running_sql, pg::params{ids}});
  co_await tx.pipeline(commands);
}

std::chrono::seconds backoff_for(int attempts, std::chrono::seconds base,
                                 std::chrono::seconds cap) {
  if (base <= std::chrono::seconds(0)) {
    return std::chrono::seconds(0);
  }
  if (attempts < 1) {
    attempts = 1;
  }
  std::chrono::seconds delay = base;
  for (int i = 1; i < attempts && delay < cap; ++i) {
    delay *= 2;
  }
  return std::min(delay, cap);
}

}  // namespace ugoki::jobs
