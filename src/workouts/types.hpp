// Workout sessions' domain types: sessions, their sets, and the stats, records and streaks read
// from them. No JSON, SQL or HTTP.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::workouts {

using instant = std::chrono::system_clock::time_point;

// One performed set or interval, keyed in its session by the slot (round, position).
struct set_log {
  std::string exercise_id;
  int round = 1;     // 1..100
  int position = 1;  // 1..1000: the set number within the round
  std::optional<int> reps;
  std::optional<double> weight_kg;
  std::optional<int> duration_seconds;
  std::optional<int> rest_seconds;
  std::optional<double> distance_m;
  std::optional<int> rpe;  // 1..10
  bool completed = true;   // false: skipped, kept for completion rates
};

// A set as stored, with what the session's energy and the records need of its exercise.
struct stored_set {
  set_log s;
  std::string exercise_name;
  double met = 0;  // exercises.met_value
  instant updated_at;
};

// One workout of a user. Instants are whole seconds.
struct session {
  std::string id;
  std::string type;  // hiit | strength | cardio | mobility | other
  std::optional<std::string> routine_id;
  std::optional<std::string> routine_name;
  std::string routine_snapshot_json = "{}";
  std::string status;                // in_progress | completed | cancelled
  std::optional<instant> paused_at;  // set while paused
  instant started_at;
  std::optional<instant> ended_at;
  std::int64_t paused_seconds = 0;             // finished pauses
  std::optional<std::int64_t> active_seconds;  // set once the session ended
  bool fasted = false;
  std::optional<int> kcal;
  double body_mass_kg = 70;
  bool kcal_estimated = true;
  std::optional<int> perceived_exertion;
  std::optional<int> avg_heart_rate_bpm;
  std::optional<std::string> notes;
  std::string timezone;
  std::string local_date;  // YYYY-MM-DD of the start in `timezone`
  instant created_at;
  instant updated_at;
  std::vector<stored_set> sets;  // by (round, position)
};

inline constexpr std::string_view session_types[] = {"hiit", "strength", "cardio", "mobility",
                                                     "other"};

// POST /workouts/sessions, validated: a routine or a type (a routine's sessions are hiit
// unless the body names another type).
struct start_request {
  std::optional<std::string> id;  // client-generated UUID (offline creation)
  std::optional<std::string> routine_id;
  std::optional<std::string> type;
  std::optional<instant> started_at;  // nullopt: now
  std::optional<std::string> notes;
};

// A slot to remove from a session.
struct set_slot {
  int round = 1;
  int position = 1;
};

// PATCH /workouts/sessions/:id: absent fields stay; `clear_*` set a field to null.
struct session_patch {
  std::vector<set_log> sets;           // upserted by slot
  std::vector<set_slot> removed_sets;  // deleted by slot (an absent slot is no error)
  std::optional<std::string> notes;
  bool clear_notes = false;
  std::optional<int> avg_heart_rate_bpm;
  bool clear_heart_rate = false;
  std::optional<int> perceived_exertion;
  bool clear_exertion = false;
  enum class action { none, pause, resume };
  action act = action::none;
  bool touches_sets() const { return !sets.empty() || !removed_sets.empty(); }
};

// GET /workouts/sessions/history filters and page position.
struct history_query {
  std::optional<std::string> from;  // YYYY-MM-DD, local start date, inclusive
  std::optional<std::string> to;
  std::optional<std::string> type;
  std::optional<std::string> routine_id;
  std::optional<bool> fasted;
  std::optional<std::string> status;
  int limit = 20;
  std::optional<std::int64_t> after_started_us;
  std::optional<std::string> after_id;
};

struct history_page {
  std::vector<session> items;  // without their sets
  bool has_more = false;
};

// The workout kcal of one local day (the day the session started, in its zone): the
// energy-out the nutrition module adds to the day's budget.
struct day_kcal {
  std::string local_date;  // YYYY-MM-DD
  int kcal = 0;
  int sessions = 0;
};

// The dashboard's "this week": completed sessions of the current ISO week (Monday first) in
// the user's zone.
struct week_summary {
  std::string week_start;  // YYYY-MM-DD, a Monday
  int sessions = 0;
  std::int64_t active_seconds = 0;
  int kcal = 0;
  int goal_sessions = 3;
};

}  // namespace ugoki::workouts
