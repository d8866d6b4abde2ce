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
// external_version?}, ...]}: 1..1000 points, no other keys. Checks shapes and types only (the
// registry's ranges are the service's job). Refuses with 400 VAL_001 naming each bad field as
// `points[3].time`, or `points` for a missing, empty or oversized array.
result<std::vector<metric_point>> parse_points(std::string_view body);

// The query of DELETE /analytics/metrics (metric_type, time, source, all required). Refuses
// with 400 VAL_001 naming each missing or malformed parameter.
struct point_key {
  std::string metric_type;
  time::instant time;
  std::string source;
};
result<point_key> parse_point_key(std::optional<std::string> metric_type,
                                  std::optional<std::string> time,
                                  std::optional<std::string> source);

// from/to (RFC 3339 instants) and bucket (hour|day|week|month, default day). Refuses with 400
// VAL_001 naming each malformed parameter.
result<series_query> parse_series_query(std::string metric_type, std::optional<std::string> from,
                                        std::optional<std::string> to,
                                        std::optional<std::string> bucket);

std::string render_ingest(const ingest_result& r);
std::string render_series(const series& s);
std::string render_progress(const std::vector<metric_progress>& items);
std::string render_dashboard(const dashboard& d);
std::string render_streaks(const streaks& s);

}  // namespace ugoki::analytics::dto
