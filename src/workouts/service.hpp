// The workout sessions' rules: starting (from a routine or free-form, with a client id),
// logging sets and progress, pause and resume, completing and cancelling, the session's energy;
// history, stats, records and streaks; and what other modules read (the dashboard's week, the
// energy-out per day, the data export). No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "workouts/calories.hpp"
#include "workouts/records.hpp"
#include "workouts/routine_source.hpp"
#include "workouts/stats.hpp"
#include "workouts/streaks.hpp"
#include "workouts/types.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::workouts {

// The start of the user's running fast, or nullopt when none runs (the fasting module's
// service, through app/bridges.cpp). May throw pg::unavailable.
using running_fast_source =
    std::function<boost::asio::awaitable<std::optional<instant>>(std::string user_id)>;
// The user's weekly workout goal (preferences' workout_goal_sessions_per_week), nullopt when
// unset (the user module's service, through app/bridges.cpp). May throw pg::unavailable.
using weekly_goal_source =
    std::function<boost::asio::awaitable<std::optional<int>>(std::string user_id)>;

// What the sessions need of other modules and of the library part; the composition root fills
// it. An empty function reads as "nothing": no fast, no goal (3), the default body mass, and
// every routine unknown (404).
struct session_sources {
  routine_source routines;
  body_mass_source body_mass;
  running_fast_source running_fast;
  weekly_goal_source weekly_goal;
};

// The rules for client instants: a clock this far ahead still reads as now, and a start may be
// backdated at most this far (as for fasts).
struct session_time_rules {
  static constexpr std::chrono::seconds clock_skew{60};
  static constexpr std::chrono::hours max_backdate{48};
  // A session's active time (end - start - pauses) is at most a day (duration_seconds).
  static constexpr std::chrono::hours max_active{24};
};

// Why a client's start instant is refused at `now`, or nullptr when it is fine.
const char* start_time_problem(instant t, instant now);
// Why a client's instant is refused as lying in the future at `now`, or nullptr.
const char* future_time_problem(instant t, instant now);

// GET /workouts/stats, validated: from <= to (local dates), at most 366 day, 260 week or 120
// month buckets.
struct stats_query {
  std::chrono::sys_days from;
  std::chrono::sys_days to;
  stats_bucket bucket = stats_bucket::day;
  std::optional<bool> fasted;
};

struct stats_report {
  stats_query query;
  std::vector<stats_row> rows;
};

class service {
 public:
  // `db` and `clock` must outlive the service.
  service(pg::database& db, const clock& clock, session_sources sources);

  // The clock's now in whole seconds, for the parsers' time checks.
  instant now() const;

  // Starts a session now or at req.started_at. A routine comes from sources.routines (its
  // refusals pass through: 404, 403 AUTH_003 for a premium routine and a free caller). Refuses
  // 400 VAL_001 (started_at) in the future or more than 48 h back; 409 WORK_011 while another
  // workout is in progress; 409 WORK_012 when a backdated start falls inside another workout;
  // 409 WORK_014 when req.id names another user's session or one of the caller's started with
  // another type, routine or start. The same id and body again returns the existing session.
  boost::asio::awaitable<result<session>> start(std::string user_id, bool premium_caller,
                                                start_request req);

  // One of the user's sessions with its sets; 404 WORK_010 otherwise.
  boost::asio::awaitable<result<session>> get(std::string user_id, std::string id);

  // Logs sets (upsert by slot, removal by slot; also after the session ended), notes, heart
  // rate, exertion, pause or resume (a repeated pause or resume changes nothing), and recomputes
  // the energy. Refuses 404 WORK_010, 409 WORK_013 for pause/resume of an ended session, 422
  // WORK_015 for a set naming an unknown exercise; nothing is written on a refusal.
  boost::asio::awaitable<result<session>> update(std::string user_id, std::string id,
                                                 session_patch patch);

  // Completes the running session now or at `ended_at`; an open pause ends there. Refuses 400
  // VAL_001 (ended_at) in the future, before the start, or past 24 h of active time; 404
  // WORK_010; 409 WORK_013 when it already ended.
  boost::asio::awaitable<result<session>> complete(std::string user_id, std::string id,
                                                   std::optional<instant> ended_at);

  // Cancels the running session now (it counts in no stats or streak). 404 WORK_010, 409
  // WORK_013.
  boost::asio::awaitable<result<session>> cancel(std::string user_id, std::string id);

  // A page of the user's sessions (without sets), newest first; the query is validated.
  boost::asio::awaitable<history_page> history(std::string user_id, history_query q);

  // Completed sessions per bucket of local days, volumes per muscle group.
  boost::asio::awaitable<stats_report> stats(std::string user_id, stats_query q);

  // Personal records per exercise over the user's completed sessions.
  boost::asio::awaitable<std::vector<exercise_records>> records(std::string user_id);

  // Day and week streaks in the user's zone, against the weekly goal (default 3).
  boost::asio::awaitable<workout_streaks> streaks(std::string user_id);

  // The energy-out of workouts: kcal of the user's completed sessions per local day (the day
  // each started, in its zone) in [from, to] (YYYY-MM-DD, validated by the caller), days
  // without a workout left out. For the nutrition module's daily budget. Throws pg::unavailable.
  boost::asio::awaitable<std::vector<day_kcal>> kcal_by_day(std::string user_id, std::string from,
                                                            std::string to);

  // The completed sessions of the current ISO week in the user's zone and the weekly goal, for
  // the analytics dashboard. Throws pg::unavailable.
  boost::asio::awaitable<week_summary> this_week(std::string user_id);

  // The workouts part of the data export as JSON text: {"exercise_logs": [...], "sessions":
  // [...]}, every row of the user's with every column but user_id, instants with Z.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  boost::asio::awaitable<int> goal_of(std::string user_id);
  boost::asio::awaitable<result<session>> finish(std::string user_id, std::string id,
                                                 std::optional<instant> ended_at, bool complete);

  pg::database& db_;
  const clock& clock_;
  session_sources sources_;
};

}  // namespace ugoki::workouts
