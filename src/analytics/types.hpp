// Domain structs of the analytics module: metric points, ingest counts, progress series.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace ugoki::analytics {

// One measurement as the store writes it. `value` is in the registry's unit for metric_type
// (kg, count, bpm, ...): callers convert before (the Apple Health import turns lb into kg).
struct metric_point {
  time::instant time;
  std::string metric_type;
  double value = 0;
  std::string source;
  // The text of a JSON object (at most a few KB), stored as jsonb; nullopt stores {}.
  std::optional<std::string> metadata_json;
  // The platform's record identity (HealthKit UUID, Health Connect client record id) and its
  // change counter. A newer version replaces the point the record named; an older or equal one
  // is ignored. external_version without external_id is meaningless and must not be set.
  std::optional<std::string> external_id;
  std::optional<std::int64_t> external_version;
};

// What one ingest did: new points, points replaced by a newer external version, and points
// ignored (same key already stored, or an older/equal external version).
struct ingest_result {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t duplicates = 0;
};

enum class bucket_size { hour, day, week, month };

// One bucket of a progress series: its start (hour: a UTC hour; day/week/month: local midnight
// of its first day in the user's zone) and the aggregate of the points in it.
struct bucket {
  time::instant start;
  std::int64_t count = 0;
  double sum = 0;
  double min = 0;
  double max = 0;
};

struct series {
  std::string metric_type;
  bucket_size size = bucket_size::day;
  std::string timezone;
  time::instant from;
  time::instant to;
  std::vector<bucket> buckets;
};

// One metric in GET /analytics/progress. Levels (weight, heart rate) compare points; additive
// metrics (steps, kcal) compare local-day totals: `latest_value` is then the latest day's sum
// and `latest_time` that day's local midnight.
struct metric_progress {
  std::string metric_type;
  double latest_value = 0;
  time::instant latest_time;
  std::optional<double> change_7d;  // latest minus the value 7 days before now; null if none
  std::optional<double> change_30d;
};

// The stored half of the dashboard (the fasting part comes from providers).
struct dashboard_metrics {
  std::string timezone;
  std::string local_date;  // "YYYY-MM-DD" of now in the user's zone
  std::optional<double> weight_kg;
  std::optional<time::instant> weight_time;
  std::optional<double> weight_change_7d;
  std::optional<double> weight_change_30d;
  double steps_today = 0;
  double active_kcal_today = 0;
};

// The caller's running fast as the dashboard shows it. The fasting module owns fasts: the
// composition root (app/bridges.cpp) fills this from its service.
struct running_fast {
  std::string id;
  std::optional<std::string> protocol_name;  // nullopt for a custom target
  time::instant started_at;
  time::instant target_end_at;
  std::int64_t elapsed_seconds = 0;
  std::int64_t remaining_seconds = 0;  // 0 once the target has passed
  double progress = 0;                 // elapsed / target; may exceed 1
  struct stage {
    std::string slug;  // "catabolic"
    std::string name;  // its display name
  };
  std::optional<stage> current_stage;  // nullopt when the fast is in no stage
};

// The caller's fasting streak, from the fasting module (through app/bridges.cpp).
struct fast_streak {
  // Only the days the user's plan fasts on count ("planned_day"); otherwise every day ("day").
  bool planned_days_only = false;
  int current = 0;
  int longest = 0;
  std::optional<std::chrono::year_month_day> last_completed_date;  // local date
};

// The caller's workouts of the current ISO week in their zone, from the workouts module
// (through app/bridges.cpp).
struct workout_week {
  std::string week_start;  // YYYY-MM-DD, a Monday
  int sessions = 0;        // completed
  std::int64_t active_seconds = 0;
  int kcal = 0;
  int goal_sessions = 3;  // the user's weekly goal (preferences), default 3
};

// Today's food intake against the goal, from the nutrition module (through app/bridges.cpp).
struct nutrition_today {
  std::string date;  // YYYY-MM-DD in the caller's zone
  double kcal_in = 0;
  std::optional<int> kcal_goal;  // daily_kcal_goal; nullopt when the user set none
};

// Consecutive local days, ending today or yesterday, with at least one manual entry.
struct logging_streak {
  int current_days = 0;
  int longest_days = 0;  // within the days examined (the last 400)
  std::optional<std::string> last_logged_date;
};

}  // namespace ugoki::analytics
