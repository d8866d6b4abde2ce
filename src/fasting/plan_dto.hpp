// JSON <-> fasting plan, upcoming fasts, streaks, stats, export and import results.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fasting/plan_types.hpp"
#include "fasting/portability.hpp"
#include "fasting/streaks.hpp"

namespace ugoki::fasting::plan_dto {

// Parses a PUT /fasting/schedule body: exactly one of protocol_id (UUID) and fasting_seconds
// (3600..604800, whole minutes); start_time "HH:MM" (required); weekdays (1..7 distinct ISO
// weekdays); timezone (1..64 chars; the service checks the name); anchor_date (YYYY-MM-DD);
// reminder_minutes_before (0..1440 or null). Raises 400 VAL_001 naming every bad or unknown
// field.
schedule_input parse_schedule(std::string_view body);

std::string render_schedule(const schedule& s);
std::string render_upcoming(const upcoming_fasts& u, int days);
std::string render_streaks(const streak_summary& s);
std::string render_stats(const daily_stats& s, std::string_view from, std::string_view to);
// {"count", "fasts": [...]} with instants in RFC 3339 and durations in seconds.
std::string render_export(const std::vector<portable_fast>& fasts);
std::string render_import(const import_result& r);

}  // namespace ugoki::fasting::plan_dto
