// Periodic jobs (the erasure sweep hourly, partition upkeep daily) on top of the queue: each
// schedule keeps exactly one pending job, due at its next slot, so however many instances run,
// a slot runs once. Also the housekeeping handlers that belong to no module yet.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ugoki::pg {
class database;
}

namespace ugoki::jobs {

struct schedule {
  std::string kind;
  // Slots are multiples of this since the Unix epoch (UTC): 1 h runs at every full hour.
  std::chrono::seconds every{3600};
  std::string payload = "{}";
  int max_attempts = 3;
};

class scheduler {
 public:
  // Keeps a reference to `db`. Throws std::invalid_argument for a period under one second.
  scheduler(pg::database& db, std::vector<schedule> schedules, std::string queue = "default");

  // For each schedule, makes sure one job is pending (dedupe key "schedule:<kind>"), due at the
  // next slot, or at once when `due_now`; a pending job due later is moved earlier, never later.
  // Throws pg::unavailable when the database is down.
  boost::asio::awaitable<void> ensure(bool due_now);
  const std::vector<schedule>& schedules() const { return schedules_; }

 private:
  pg::database& db_;
  std::vector<schedule> schedules_;
  std::string queue_;
};

// Housekeeping handlers (the analytics module keeps its own partitions:
// analytics::add_partition_job_kind).

// Deletes finished (succeeded, failed, cancelled) jobs older than `retention`, in batches, so
// the table stays small. Returns how many were deleted.
boost::asio::awaitable<std::int64_t> purge_finished(pg::database& db, std::chrono::hours retention);

}  // namespace ugoki::jobs
