// JSON <-> fasting plan, upcoming fasts, streaks, stats, export and import results.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "fasting/plan_types.hpp"
#include "fasting/portability.hpp"
#include "fasting/streaks.hpp"

namespace ugoki::fasting::plan_dto {

// Parses a PUT /fasting/schedule body: exactly one of protocol_id (UUID) and fasting_seconds
// (3600..604800, whole minutes); start_time "HH:MM" (required); weekdays (1..7 distinct ISO
// weekdays); timezone (1..64 chars; the service checks the name); anchor_date (YYYY-MM-DD);
// reminder_minutes_before (0..1440 or null). Refuses 400 VAL_001 only for a body that is not a
// JSON object; bad and unknown fields are listed in the draft's `invalid`, for
// plan_service::put_schedule to name together with the ones it finds.
result<schedule_draft> parse_schedule(std::string_view body);

// GET /fasting/schedule/upcoming's query: days 1..60 (default 14), from YYYY-MM-DD.
struct upcoming_query {
  int days = 14;
  std::optional<std::chrono::sys_days> from;
};
// The raw parameters (nullopt when absent); 400 VAL_001 naming each bad one.
result<upcoming_query> parse_upcoming(const std::optional<std::string>& days,
                                      const std::optional<std::string>& from);

// GET /fasting/stats's query: from and to YYYY-MM-DD, each optional (the service defaults them).
struct stats_query {
  std::optional<std::chrono::sys_days> from;
  std::optional<std::chrono::sys_days> to;
};
// 400 VAL_001 naming each bad one.
result<stats_query> parse_stats(const std::optional<std::string>& from,
                                const std::optional<std::string>& to);

// GET /fasting/sessions/export's format: csv (the default) or json; 400 VAL_001 otherwise.
enum class export_format { csv, json };
result<export_format> parse_export_format(const std::optional<std::string>& format);

std::string render_schedule(const schedule& s);
std::string render_upcoming(const upcoming_fasts& u, int days);
std::string render_streaks(const streak_summary& s);
std::string render_stats(const daily_stats& s);
// {"count", "fasts": [...]} with instants in RFC 3339 and durations in seconds.
std::string render_export(const std::vector<portable_fast>& fasts);
std::string render_import(const import_result& r);

}  // namespace ugoki::fasting::plan_dto
