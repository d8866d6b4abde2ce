// Fasting domain types.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ugoki::fasting {

// A fasting protocol as reference data: a schedule, not only a ratio of hours.
struct protocol {
  std::string id;
  std::string slug;
  std::string name;
  std::string kind;  // daily_tre | weekly | alternate_day | extended
  std::string description;
  int fasting_minutes = 0;
  int eating_window_minutes = 0;
  std::optional<int> fast_day_kcal;
  std::optional<int> fast_days_per_week;
  std::string weekday_rules_json = "{}";  // JSON object, as stored
  std::string difficulty;                 // beginner | intermediate | advanced
  std::string recommended_frequency;      // daily | weekly | occasional
  std::string benefits_json = "[]";       // JSON array of strings
  std::string considerations_json = "[]";
  // {"de": {"name"?, "description"?, "benefits"?, "considerations"?}, ...}, as stored (0034).
  std::string translations_json = "{}";
  // The language the text fields are in: "en" as stored; dto::localised sets another.
  std::string language = "en";
};

using instant = std::chrono::system_clock::time_point;

// A fasting stage as reference data: where it starts and ends, in seconds since the last meal.
struct stage {
  std::string slug;
  std::string name;
  std::int64_t starts_after_seconds = 0;
  std::optional<std::int64_t> ends_after_seconds;  // nullopt: open-ended (the last stage)
  std::string summary;
  std::string description;
  std::string source;
  std::string disclaimer;
  // {"de": {"name"?, "summary"?, "description"?, "disclaimer"?}, ...}, as stored (0034).
  std::string translations_json = "{}";
  // The language the text fields are in: "en" as stored; dto::localised sets another.
  std::string language = "en";
};

// One fast of a user. Instants are whole seconds.
struct session {
  std::string id;
  std::optional<std::string> protocol_id;
  std::optional<std::string> protocol_slug;  // snapshot at start
  std::optional<std::string> protocol_name;
  std::string status;  // active | completed | ended_early | cancelled
  instant started_at;
  instant target_end_at;
  std::optional<instant> ended_at;
  std::string timezone;                       // the user's zone at start
  std::optional<std::string> end_local_date;  // YYYY-MM-DD, for completed and ended_early
  std::optional<std::string> notes;
  std::string source;  // app | import | admin
  instant created_at;
  instant updated_at;
};

// POST /fasting/sessions, validated: at least one of protocol_id and target_seconds.
struct start_request {
  std::optional<std::string> protocol_id;
  std::optional<std::int64_t> target_seconds;  // overrides the protocol's length when both given
  std::optional<instant> started_at;           // nullopt: now
  std::optional<std::string> notes;
};

// PATCH /fasting/sessions/:id: absent fields stay; `clear_notes` sets notes to null.
struct session_patch {
  std::optional<std::string> notes;
  bool clear_notes = false;
  std::optional<std::int64_t> target_seconds;
  std::optional<instant> started_at;
};

// GET /fasting/sessions/history filters and page position.
struct history_query {
  std::optional<std::string> from;    // YYYY-MM-DD, local start date in the session's zone
  std::optional<std::string> to;      // YYYY-MM-DD, inclusive
  std::optional<std::string> status;  // one of session::status
  int limit = 20;
  // Keyset position from the cursor: started_at in epoch microseconds and the id.
  std::optional<std::int64_t> after_started_us;
  std::optional<std::string> after_id;
};

struct history_page {
  std::vector<session> items;
  bool has_more = false;
};

// A check-in during a fast (how do you feel?).
struct session_log {
  std::string id;
  std::string session_id;
  instant logged_at;
  std::optional<int> mood;           // 1..5
  std::optional<int> energy;         // 1..5
  std::optional<int> hunger;         // 1..5
  std::string symptoms_json = "[]";  // JSON array of strings, as stored
  std::optional<std::string> note;
  instant created_at;
};

struct new_log {
  std::optional<instant> logged_at;  // nullopt: now
  std::optional<int> mood;
  std::optional<int> energy;
  std::optional<int> hunger;
  std::string symptoms_json = "[]";  // JSON array of distinct strings, built by dto
  std::optional<std::string> note;
};

// A stage as the timer shows it: which one, and when it starts (or started) for this fast.
struct stage_mark {
  std::string slug;
  std::string name;
  std::string summary;
  std::string language = "en";  // of name and summary
  instant starts_at;
  std::optional<instant> ends_at;  // nullopt for the open-ended last stage
};

// Where a running fast stands at `as_of` (see stages.hpp for the rules).
struct timer_state {
  std::int64_t elapsed_seconds = 0;
  std::int64_t remaining_seconds = 0;  // 0 once the target has passed
  double progress = 0;                 // elapsed / target; may exceed 1
  std::optional<stage_mark> current_stage;
  std::optional<stage_mark> next_stage;
};

// The active fast with its timer, as GET /fasting/sessions/current and the dashboard show it.
struct active_session_view {
  session s;
  timer_state timer;
  instant as_of;
};

}  // namespace ugoki::fasting
