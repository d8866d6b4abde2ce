// SQL for fasting plans, streaks, stats and export/import. Every query is filtered by the
// caller's user id; every function is one round trip unless it says otherwise.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fasting/plan_types.hpp"
#include "fasting/portability.hpp"
#include "fasting/streaks.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::fasting::plan_store {

using instant = std::chrono::system_clock::time_point;

// The user's plan with today's local date in its zone at `now`; nullopt when none.
boost::asio::awaitable<std::optional<schedule>> find_schedule(pg::database& db,
                                                              const std::string& user_id,
                                                              instant now);

// An active protocol's plan rules; nullopt when unknown or retired.
boost::asio::awaitable<std::optional<plan_protocol>> find_protocol(pg::database& db,
                                                                   const std::string& id);

// The user's current zone (user_zones, the user module's view; UTC when unset) and today's local
// date there.
struct local_now {
  std::string timezone;
  std::chrono::sys_days today;
};
boost::asio::awaitable<local_now> user_local_now(pg::database& db, const std::string& user_id,
                                                 instant now);

// Today's local date in `timezone` at `now`.
boost::asio::awaitable<std::chrono::sys_days> zone_today(pg::database& db,
                                                         const std::string& timezone, instant now);

// Creates or replaces the user's plan (one per user) and returns it as find_schedule does.
// `in` is validated and resolved: fasting_minutes and weekdays set, timezone known.
boost::asio::awaitable<schedule> save_schedule(pg::database& db, const std::string& user_id,
                                               const schedule_input& in, instant now);

// Start and end instants and wall-clock times of fasts of `fasting_minutes` starting at
// `start_time` (HH:MM) on each local date of `dates` in `timezone`, by PostgreSQL's zone rules
// (a start in a skipped hour moves forward; an ambiguous one takes the earlier offset).
boost::asio::awaitable<std::vector<planned_fast>> resolve_fasts(
    pg::database& db, const std::string& timezone, const std::string& start_time,
    int fasting_minutes, std::span<const std::chrono::sys_days> dates);

// Every finished fast (completed or ended early) of the user, for streaks and totals.
boost::asio::awaitable<std::vector<finished_fast>> finished_fasts(pg::database& db,
                                                                  const std::string& user_id);

// Seconds fasted per local day of [from, to] in the user's current zone; an active fast counts
// up to `now`; cancelled fasts do not count.
boost::asio::awaitable<daily_stats> stats(pg::database& db, const std::string& user_id,
                                          std::chrono::sys_days from, std::chrono::sys_days to,
                                          instant now);

// Every session of the user, oldest first, for export.
boost::asio::awaitable<std::vector<portable_fast>> export_fasts(pg::database& db,
                                                                const std::string& user_id);

// Slugs of every protocol ever seeded (retired ones too: old history names them).
boost::asio::awaitable<std::vector<std::string>> protocol_slugs(pg::database& db);

// Imports `rows` in one transaction: rows identical to a stored session (same start and end to
// the second, same status) are skipped; the others are inserted with source 'import' unless one
// overlaps a stored non-cancelled session, in which case nothing is written and the overlapping
// rows' lines are returned. Every row's timezone must be set and known. When a concurrent write
// creates an overlap between the check and the insert (fasting_sessions_no_overlap), nothing is
// written and concurrent_overlap is set.
struct import_outcome {
  import_result result;
  std::vector<int> overlapping_lines;
  bool concurrent_overlap = false;
};
boost::asio::awaitable<import_outcome> import_fasts(pg::database& db, const std::string& user_id,
                                                    std::span<const import_row> rows);

}  // namespace ugoki::fasting::plan_store
