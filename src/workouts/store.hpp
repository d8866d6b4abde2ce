// SQL for workout sessions and their sets (workout_sessions, exercise_logs; the exercises'
// names and METs are read by join). Every user-owned row is filtered by the caller's user_id,
// so another user's id reads as missing.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "workouts/records.hpp"
#include "workouts/stats.hpp"
#include "workouts/types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::workouts::store {

// Why a write changed nothing; the service turns each into its API error.
enum class refusal {
  none,
  id_taken,          // the client's id names an existing session (checked by the service)
  active_exists,     // workout_sessions_one_active_key
  overlap,           // workout_sessions_no_overlap
  unknown_exercise,  // exercise_logs' foreign key to exercises
};

template <class T>
struct write_result {
  std::optional<T> value;
  refusal why = refusal::none;
};

// A new session row, every value decided by the service.
struct new_session {
  std::optional<std::string> id;
  std::string type;
  std::optional<std::string> routine_id;
  std::optional<std::string> routine_name;
  std::string routine_snapshot_json = "{}";
  instant started_at;
  bool fasted = false;
  double body_mass_kg = 70;
  bool kcal_estimated = true;
  std::optional<std::string> notes;
};

// Inserts a running session, its zone from user_zones (UTC without a profile) and its local
// date from the start in that zone. An id that already exists inserts nothing: value nullopt
// with why id_taken (the service then looks the id up for a replay). Refusals active_exists and
// overlap come from the constraints, so racing starts cannot both win. Throws pg::unavailable.
boost::asio::awaitable<write_result<session>> insert_session(pg::database& db, std::string user_id,
                                                             const new_session& s);

// One of the user's (not deleted) sessions with its sets, or nullopt. One round trip.
boost::asio::awaitable<std::optional<session>> find_session(pg::database& db, std::string user_id,
                                                            std::string id);

// As find_session, inside `tx`, the session row locked until `tx` ends.
boost::asio::awaitable<std::optional<session>> lock_session(pg::transaction& tx,
                                                            const std::string& user_id,
                                                            const std::string& id);

// Deletes `removed` slots, upserts `sets` by slot, and returns the session's sets as they now
// are. Refusal unknown_exercise when a set names no exercise (the transaction is then failed
// and must be dropped). One round trip.
boost::asio::awaitable<write_result<std::vector<stored_set>>> write_sets(
    pg::transaction& tx, const std::string& user_id, const std::string& id,
    const std::vector<set_log>& sets, const std::vector<set_slot>& removed);

// Writes the session's mutable fields (status, end, durations, pause, notes, heart rate,
// exertion, kcal) from `s`; returns the new updated_at.
boost::asio::awaitable<instant> save_session(pg::transaction& tx, const std::string& user_id,
                                             const session& s);

// A page of the user's sessions (without sets), newest start first, after the keyset position.
boost::asio::awaitable<history_page> history(pg::database& db, std::string user_id,
                                             const history_query& q);

// Completed sessions and set volumes per muscle group whose local date lies in [from, to],
// optionally only (not) fasted ones. One round trip.
struct stats_input {
  std::vector<stats_session> sessions;
  std::vector<stats_volume> volumes;
};
boost::asio::awaitable<stats_input> stats_rows(pg::database& db, std::string user_id,
                                               std::string from, std::string to,
                                               std::optional<bool> fasted);

// Every completed set with a weight, reps or duration of the user's completed sessions.
boost::asio::awaitable<std::vector<record_set>> record_sets(pg::database& db, std::string user_id);

// Today in the user's zone (user_zones, UTC without a profile) at `now`, and the local date of
// every completed session.
struct streak_input {
  std::chrono::sys_days today;
  std::vector<std::chrono::sys_days> days;
};
boost::asio::awaitable<streak_input> streak_days(pg::database& db, std::string user_id,
                                                 instant now);

// kcal and count of the user's completed sessions per local day in [from, to], oldest first;
// days without a workout are left out.
boost::asio::awaitable<std::vector<day_kcal>> kcal_by_day(pg::database& db, std::string user_id,
                                                          std::string from, std::string to);

// The completed sessions of the ISO week holding `now` in the user's zone (goal not set).
boost::asio::awaitable<week_summary> this_week(pg::database& db, std::string user_id, instant now);

// The workouts part of the data export: {"exercise_logs": [...], "sessions": [...]} with every
// row of the user's (soft-deleted ones too) and every column but user_id, by created_at;
// instants as jsonb spells them in UTC (+00:00). One round trip.
boost::asio::awaitable<std::string> export_part(pg::database& db, std::string user_id);

}  // namespace ugoki::workouts::store
