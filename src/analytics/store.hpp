// Read-side SQL of the analytics module: progress series from the rollups, the progress
// summary, the dashboard's stored figures, the days with manual entries, the user's part of the
// data export; and the monthly partitions' upkeep.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::analytics::store {

// The buckets of `metric_type` for `user_id` whose start lies in [floor(from), to), where
// floor is the bucket containing `from`, oldest first, with the user's zone (UTC when the
// profile has none) in series::timezone. Hour buckets are local clock hours from the hourly
// rollups, the others from the local-day rollups; both are exact in every zone. One round trip.
// Throws pg::unavailable when the database is down.
boost::asio::awaitable<series> read_series(pg::database& db, std::string user_id,
                                           std::string metric_type, bucket_size size,
                                           time::instant from, time::instant to);

// Per metric the user has any point of, the raw figures GET /analytics/progress needs: latest
// point and the last points at or before now-7d / now-30d, and the same for local-day sums.
struct progress_row {
  std::string metric_type;
  double latest_value = 0;
  time::instant latest_time;
  std::optional<double> value_7d_ago;
  std::optional<double> value_30d_ago;
  double latest_day_sum = 0;
  time::instant latest_day_start;
  std::optional<double> day_sum_7d_ago;  // the local day 7 days before the latest day
  std::optional<double> day_sum_30d_ago;
};
// One round trip, sorted by metric type. Errors as read_series.
boost::asio::awaitable<std::vector<progress_row>> read_progress(pg::database& db,
                                                                std::string user_id,
                                                                time::instant now);

// Latest weight and its change, today's steps and active kcal in the user's zone. One round
// trip. Errors as read_series.
boost::asio::awaitable<dashboard_metrics> read_dashboard(pg::database& db, std::string user_id,
                                                         time::instant now);

// The user's latest weight_kg value at or before `now`, or nullopt. One round trip on the
// metric's time index. Errors as read_series.
boost::asio::awaitable<std::optional<double>> latest_weight_kg(pg::database& db,
                                                               std::string user_id,
                                                               time::instant now);

// The sum of one metric over a local day (YYYY-MM-DD, validated by the caller) from the daily
// rollup; 0 when the user has no point that day. One round trip on its primary key.
boost::asio::awaitable<double> day_sum(pg::database& db, std::string user_id,
                                       std::string metric_type, std::string date);

// The local dates (newest first) within the 400 days before `now` on which the user has any
// manual point, and today's local date. Errors as read_series.
struct manual_days {
  std::chrono::year_month_day today;
  std::vector<std::chrono::year_month_day> days;
};
boost::asio::awaitable<manual_days> read_manual_days(pg::database& db, std::string user_id,
                                                     time::instant now);

// Everything analytics holds of `user_id` for the data export, read in one statement (one
// snapshot) as jsonb text: {daily, imports, metrics, metrics_total, metric_records,
// metrics_truncated} (jsonb's key order), each row with every column but user_id (and the
// imports' file_path, a server path). `metrics` holds the newest `max_points` points, newest
// first, `metrics_total` the count of all, `metrics_truncated` whether some were left out; daily
// rollups by metric and bucket, records and imports by creation. Instants are spelled as
// PostgreSQL does in UTC ("2026-01-31T07:00:00.123+00:00"). Throws pg::unavailable when the
// database is down.
boost::asio::awaitable<std::string> read_export(pg::database& db, std::string user_id,
                                                std::int64_t max_points);

// SELECT ensure_progress_partitions(<this month>, 4) (migration 0010): the monthly partitions of
// progress_metrics for this month and the next three exist afterwards (idempotent). Throws
// pg::unavailable when the database is down.
boost::asio::awaitable<void> ensure_partitions_ahead(pg::database& db);

}  // namespace ugoki::analytics::store
