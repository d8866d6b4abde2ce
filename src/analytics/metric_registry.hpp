// The registry of metric types (unit, valid range, additive or not) and the point validation
// every ingest path (POST /analytics/metrics, the Apple Health import) applies before storing.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/types.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace ugoki::analytics {

struct metric_info {
  std::string_view type;  // "weight_kg"
  std::string_view unit;  // "kg"
  double min;             // inclusive bounds of one point's value
  double max;
  // Additive metrics (steps, kcal, ...) are totals over a bucket, so progress answers their sum;
  // the others (weight, heart rate, ...) are levels, answered as avg/min/max.
  bool additive;
  std::string_view description;
};

// Every registered metric, sorted by type. docs/metrics.md lists the same table.
std::span<const metric_info> all_metrics();
// The metric named `type`, or nullptr when it is not registered.
const metric_info* find_metric(std::string_view type);

// Where points come from; "import" is what the Apple Health import writes.
inline constexpr std::string_view point_sources[] = {"manual",     "healthkit", "health_connect",
                                                     "google_fit", "withings",  "import"};
bool is_point_source(std::string_view source);

// A point's time must not be ahead of now by more than this (phone clocks drift) ...
inline constexpr std::chrono::minutes max_future_skew{5};
// ... nor before 1900-01-01T00:00:00Z.
time::instant earliest_point_time();

// Most bytes of a point's metadata JSON text and of its external_id.
inline constexpr std::size_t max_metadata_bytes = 4096;
inline constexpr std::size_t max_external_id_bytes = 255;

// Checks one point against the registry: known metric_type, finite value within its range,
// known source, time within [earliest_point_time(), now + max_future_skew], external_id length,
// external_version >= 0 and only with an external_id, metadata size. Returns one error per bad
// field, named `prefix` + field ("points[17].value"); empty when the point is fine.
std::vector<field_error> validate_point(const metric_point& p, time::instant now,
                                        std::string_view prefix);

}  // namespace ugoki::analytics
