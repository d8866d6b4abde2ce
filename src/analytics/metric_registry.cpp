// The metric registry's table and the point validation shared by every ingest path.
#include "analytics/metric_registry.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace ugoki::analytics {

namespace {

using namespace std::chrono;

// Sorted by type (find_metric bisects). Ranges bound one point, generously: they reject unit
// mix-ups (pounds as kg, a fraction as percent) and typos, not unusual bodies.
constexpr std::array<metric_info, 10> registry{{
    {"active_kcal", "kcal", 0, 20000, true, "Active energy burned in the sample's interval"},
    {"blood_glucose_mmol_l", "mmol/L", 0.5, 50, false, "Blood glucose"},
    {"body_fat_pct", "%", 1, 80, false, "Body fat percentage"},
    {"heart_rate_bpm", "bpm", 20, 300, false, "Heart rate"},
    {"resting_heart_rate_bpm", "bpm", 20, 200, false, "Resting heart rate"},
    {"sleep_minutes", "min", 0, 1440, true, "Minutes asleep in the sample's interval"},
    {"steps", "count", 0, 200000, true, "Steps in the sample's interval"},
    {"waist_cm", "cm", 30, 300, false, "Waist circumference"},
    {"water_ml", "ml", 0, 10000, true, "Water drunk"},
    {"weight_kg", "kg", 20, 700, false, "Body weight"},
}};

std::string number_text(double v) {
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

}  // namespace

std::span<const metric_info> all_metrics() {
  return registry;
}

const metric_info* find_metric(std::string_view type) {
  auto it = std::lower_bound(registry.begin(), registry.end(), type,
                             [](const metric_info& m, std::string_view t) { return m.type < t; });
  if (it == registry.end() || it->type != type) {
    return nullptr;
  }
  return &*it;
}

bool is_point_source(std::string_view source) {
  return std::find(std::begin(point_sources), std::end(point_sources), source) !=
         std::end(point_sources);
}

time::instant earliest_point_time() {
  return sys_days{year{1900} / January / 1};
}

std::vector<field_error> validate_point(const metric_point& p, time::instant now,
                                        std::string_view prefix) {
  std::vector<field_error> errors;
  auto fail = [&](std::string_view field, std::string message) {
    errors.push_back({std::string(prefix) + std::string(field), std::move(message)});
  };
  const metric_info* info = find_metric(p.metric_type);
  if (info == nullptr) {
    fail("metric_type", "is not a known metric type");
  } else if (!std::isfinite(p.value) || p.value < info->min || p.value > info->max) {
    fail("value", "must be between " + number_text(info->min) + " and " + number_text(info->max) +
                      " " + std::string(info->unit));
  }
  if (!is_point_source(p.source)) {
    fail("source",
         "must be one of manual, healthkit, health_connect, google_fit, withings, "
         "import");
  }
  if (p.time > now + max_future_skew) {
    fail("time", "must not be in the future");
  } else if (p.time < earliest_point_time()) {
    fail("time", "must not be before 1900-01-01");
  }
  if (p.external_id && (p.external_id->empty() || p.external_id->size() > max_external_id_bytes)) {
    fail("external_id", "must be 1 to 255 characters");
  }
  if (p.external_version && (!p.external_id || *p.external_version < 0)) {
    fail("external_version", "must be a non-negative integer sent with external_id");
  }
  if (p.metadata_json && p.metadata_json->size() > max_metadata_bytes) {
    fail("metadata", "must be at most 4096 bytes of JSON");
  }
  return errors;
}

}  // namespace ugoki::analytics
