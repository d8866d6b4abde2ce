// JSON <-> analytics structs: metric batches in, counts, series, summaries and dashboards out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/service.hpp"
#include "analytics/types.hpp"
#include "core/error.hpp"

namespace ugoki::analytics::dto {

// Most points one POST /analytics/metrics carries.
inline constexpr std::size_t max_batch_points = 1000;

// Parses {"points": [{time, metric_type, value, source, metadata?, external_id?,
// external_version?}, ...]}: 1..1000 points, no other keys, each point's shapes and types and
// the registry's rules at `now` (validate_point: metric type, value range, source, time).
// Refuses with 400 VAL_001 naming every bad field of every point in one answer (at most 50),
// as `points[3].time`, or `points` for a missing, empty or oversized array.
result<std::vector<metric_point>> parse_points(std::string_view body, time::instant now);

// The query of DELETE /analytics/metrics (metric_type, time, source, all required): a
// registered metric type, an RFC 3339 time and a known source. Refuses with 400 VAL_001 naming
// every missing or bad parameter at once.
struct point_key {
  std::string metric_type;
  time::instant time;
  std::string source;
};
result<point_key> parse_point_key(std::optional<std::string> metric_type,
                                  std::optional<std::string> time,
                                  std::optional<std::string> source);

// from/to (RFC 3339 instants) and bucket (hour|day|week|month, default day), resolved: to
// defaults to `now`, from to `to` minus 1 day (hour), 30 days (day), 12 weeks (week) or 1 year
// (month). Refuses with 400 VAL_001 naming every bad parameter at once: malformed ones, and
// `from` when it is not before `to` or the range is longer than the bucket allows (hour: 31
// days, day: 3 years, week: 10 years, month: 50 years). The metric type is the service's to judge
// (404 ANLY_002).
result<series_query> parse_series_query(std::string metric_type, std::optional<std::string> from,
                                        std::optional<std::string> to,
                                        std::optional<std::string> bucket, time::instant now);

std::string render_ingest(const ingest_result& r);
std::string render_series(const series& s);
std::string render_progress(const std::vector<metric_progress>& items);
std::string render_dashboard(const dashboard& d);
std::string render_streaks(const streaks& s);

// The progress part of the data export from store::read_export's jsonb text: the same document
// with every string that is an instant as PostgreSQL spells it in UTC
// ("2026-01-31T07:00:00.123+00:00") written RFC 3339 with Z ("2026-01-31T07:00:00.123Z"), as
// the whole export has always done (json::spell_instants_with_z); object keys and other strings
// are left alone. Pure.
std::string render_export(std::string_view jsonb_text);

}  // namespace ugoki::analytics::dto
