// The analytics module's rules: point validation against the registry, series ranges, the
// progress summary, the dashboard and streaks. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/types.hpp"
#include "core/error.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
namespace jobs {
class registry;
}
}  // namespace ugoki

namespace ugoki::analytics {

// What the dashboard and streaks take from other modules, as analytics needs it; wired in
// app/bridges.cpp from those modules' services. An empty function answers null (the module is
// not wired).
struct dashboard_sources {
  // The caller's running fast, or nullopt when none runs. May throw pg::unavailable.
  std::function<boost::asio::awaitable<std::optional<running_fast>>(std::string user_id)>
      active_fast;
  // The caller's fasting streak. May throw pg::unavailable.
  std::function<boost::asio::awaitable<fast_streak>(std::string user_id)> fasting_streak;
  // The caller's workouts this week. May throw pg::unavailable.
  std::function<boost::asio::awaitable<workout_week>(std::string user_id)> workouts_this_week;
  // The caller's food intake today. May throw pg::unavailable.
  std::function<boost::asio::awaitable<nutrition_today>(std::string user_id)> nutrition;
};

struct dashboard {
  dashboard_metrics metrics;
  std::optional<running_fast> active_fast;
  std::optional<fast_streak> fasting_streak;       // nullopt when the source is not wired
  std::optional<workout_week> workouts_this_week;  // nullopt when the source is not wired
  std::optional<nutrition_today> nutrition;        // nullopt when the source is not wired
};

struct streaks {
  std::optional<fast_streak> fasting;  // nullopt when the source is not wired
  logging_streak logging;
};

// A series request as dto::parse_series_query resolves it: from < to, and the range no longer
// than the bucket size allows.
struct series_query {
  std::string metric_type;
  bucket_size size = bucket_size::day;
  time::instant from;
  time::instant to;
};

class service {
 public:
  // All references must outlive the service.
  service(pg::database& db, const clock& clock, dashboard_sources sources = {})
      : db_(db), clock_(clock), sources_(std::move(sources)) {}

  // The service's clock, for the parsers whose rules depend on it (a point's time, the default
  // series window), so one answer can name every bad field.
  time::instant now() const;

  // Validates every point (metric_registry::validate_point, fields named points[i].field) and
  // stores the batch in one transaction. Refuses with 400 VAL_001 naming every bad point,
  // storing nothing (dto::parse_points applies the same rules first, beside the shapes).
  // Throws pg::unavailable when the database is down.
  boost::asio::awaitable<result<ingest_result>> ingest(std::string user_id,
                                                       std::vector<metric_point> points);

  // Deletes one of the caller's points (dto::parse_point_key has checked the metric type and
  // source). Refuses with 404 ANLY_001 when there is no such point of this user.
  boost::asio::awaitable<result<void>> delete_point(std::string user_id, std::string metric_type,
                                                    time::instant at, std::string source);

  // Latest value and 7/30-day change per metric the user has any point of, by metric type.
  boost::asio::awaitable<std::vector<metric_progress>> progress(std::string user_id);

  // Buckets of one metric over [q.from, q.to) (the range as dto::parse_series_query resolved
  // and checked it). Refuses with 404 ANLY_002 for a metric the registry does not know.
  boost::asio::awaitable<result<series>> get_series(std::string user_id, series_query q);

  // The dashboard: stored figures and the providers' parts, run concurrently.
  boost::asio::awaitable<dashboard> get_dashboard(std::string user_id);

  // The user's latest weight_kg point at or before now, or nullopt when there is none (the
  // workouts' body mass, through app/bridges.cpp). One indexed read; throws pg::unavailable.
  boost::asio::awaitable<std::optional<double>> latest_weight_kg(std::string user_id);

  // The sum of `metric_type` over the user's local day `date` (YYYY-MM-DD), 0 without points:
  // the food diary's active_kcal, through app/bridges.cpp. Throws pg::unavailable.
  boost::asio::awaitable<double> day_sum(std::string user_id, std::string metric_type,
                                         std::string date);

  // The fasting streak (provider) and the logging streak (days with a manual entry).
  boost::asio::awaitable<streaks> get_streaks(std::string user_id);

  // The `progress` part of the user's data export (GET /users/me/export) as JSON text, read in
  // one snapshot: {daily, imports, metrics, metrics_total, metric_records, metrics_truncated}
  // with every analytics row of the user's (no user_id, no import file_path), the newest
  // `max_points` points newest first, and instants in RFC 3339 UTC with Z (store::read_export,
  // dto::render_export). Throws pg::unavailable when the database is down.
  boost::asio::awaitable<std::string> export_progress(std::string user_id, std::int64_t max_points);

 private:
  pg::database& db_;
  const clock& clock_;
  dashboard_sources sources_;
};

// The periodic job that keeps the monthly partitions of progress_metrics ahead of time (the
// kind's name predates the module and is kept for jobs already queued).
inline constexpr std::string_view partitions_job_kind = "progress.ensure_partitions";

// Registers partitions_job_kind in `kinds`: the partitions of this month and the next three
// exist afterwards (idempotent; store::ensure_partitions_ahead). `db` must outlive `kinds`.
void add_partition_job_kind(jobs::registry& kinds, pg::database& db);

}  // namespace ugoki::analytics
