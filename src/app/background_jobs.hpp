// The composition of background work: which job kinds exist and what runs them, the periodic
// schedule, the jobs thread of `ugoki serve`, and `ugoki jobs run-once`.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include "core/jobs/runner.hpp"
#include "core/jobs/scheduler.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class client;
}
}  // namespace ugoki

namespace ugoki::app {

// The platform's job kinds and their handlers: progress.ensure_partitions, jobs.purge_finished,
// idempotency.purge_expired (modules add theirs: erasure, password reset, imports). `db` must
// outlive the registry.
jobs::registry make_job_kinds(pg::database& db);
// Erasure sweep and purge of expired idempotency keys hourly, partition upkeep and purge of
// finished jobs daily.
std::vector<jobs::schedule> periodic_jobs();

// `ugoki serve`'s job runner on a thread of its own (its own io_context, and pg/redis shard
// `shard_index`), so a long job never delays a request and, on SIGTERM, the job in progress can
// finish after the HTTP drain. Any number of instances may run one: claims use SKIP LOCKED.
class jobs_thread {
 public:
  // Starts the thread at once. Every reference must outlive the object.
  jobs_thread(pg::database& db, redis::client& redis, std::size_t shard_index,
              const jobs::registry& kinds, jobs::scheduler& sched, jobs::runner_settings s = {});
  jobs_thread(const jobs_thread&) = delete;
  jobs_thread& operator=(const jobs_thread&) = delete;
  // stop().
  ~jobs_thread();
  // Lets the job in progress finish, then joins the thread. Idempotent.
  void stop();

 private:
  jobs::runner runner_;
  boost::asio::io_context ioc_{1};
  std::thread thread_;
};

// Enqueues every periodic job as due now, then runs due jobs until the queue is empty
// (waiting for jobs other workers hold). Returns how many ran here.
boost::asio::awaitable<std::size_t> run_jobs_until_empty(jobs::scheduler& sched,
                                                         jobs::runner& runner);

}  // namespace ugoki::app
