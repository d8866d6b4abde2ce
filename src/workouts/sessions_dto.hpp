// JSON shapes of the workout sessions: the request parsers (every bad field named in one 400
// VAL_001, unknown members refused) and the renderers of sessions, pages, stats, records and
// streaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "workouts/records.hpp"
#include "workouts/service.hpp"
#include "workouts/streaks.hpp"
#include "workouts/types.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::workouts::dto {

// A PATCH logs at most this many sets (and removes at most this many slots).
inline constexpr std::size_t max_sets_per_patch = 200;

// POST /sessions: {id? (UUID), routine_id?, type?, started_at? (not in the future, at most
// 48 h back), notes? (1..2000)}; routine_id or type is required.
result<start_request> parse_start(std::string_view body, instant now);
// PATCH /sessions/:id: {sets? [{exercise_id, round? (1..100, default 1), position (1..1000),
// reps? (0..10000), weight_kg? (0..1000), duration_s? (0..86400), rest_s? (0..86400),
// distance_m? (0..1000000), rpe? (1..10), completed? (default true)}], removed_sets?
// [{round?, position}], notes?, avg_heart_rate_bpm? (20..250), perceived_exertion? (1..10)
// (null clears those three), action? ("pause" | "resume")}; at least one member; a slot at most
// once across sets and removed_sets. Errors name the item: "sets[2].reps".
result<session_patch> parse_patch(std::string_view body);
// POST /sessions/:id/complete: an empty body or {ended_at?} (not in the future).
result<std::optional<instant>> parse_complete(std::string_view body, instant now);
// POST /sessions/:id/cancel: an empty body or {}.
result<void> parse_cancel(std::string_view body);

// The query strings, as received.
struct history_params {
  std::optional<std::string> limit, cursor, from, to, type, routine_id, fasted, status;
};
result<history_query> parse_history(const history_params& p, const cursor_codec& codec);
struct stats_params {
  std::optional<std::string> from, to, bucket, fasted;
};
// from and to required (YYYY-MM-DD, from <= to), bucket day (default) | week | month, within
// 366 / 260 / 120 buckets; fasted true | false.
result<stats_query> parse_stats(const stats_params& p);

std::string render_session(const session& s);
std::string render_sessions(const std::vector<session>& items);
std::string render_pagination(const history_page& page, const cursor_codec& codec);
std::string render_stats(const stats_report& r);
std::string render_records(const std::vector<exercise_records>& records);
std::string render_streaks(const workout_streaks& s);
// The export part from the store's jsonb text, instants respelled with Z.
std::string render_export(std::string_view jsonb_text);

}  // namespace ugoki::workouts::dto
