// The analytics module's rules: validation before storage, summaries, the dashboard, streaks.
#include "analytics/service.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string>
#include <tuple>
#include <utility>

#include "analytics/dto.hpp"
#include "analytics/errors.hpp"
#include "analytics/metric_registry.hpp"
#include "analytics/progress_store.hpp"
#include "analytics/store.hpp"
#include "analytics/streaks.hpp"
#include "core/clock.hpp"
#include "core/jobs/runner.hpp"

namespace ugoki::analytics {

namespace {

using boost::asio::awaitable;

// A response names at most this many bad fields; a 1000-point batch with one systematic
// mistake would otherwise answer a megabyte of details.
constexpr std::size_t max_reported_errors = 50;

awaitable<std::optional<running_fast>> active_fast_of(const dashboard_sources& sources,
                                                      std::string user_id) {
  if (!sources.active_fast) {
    co_return std::nullopt;
  }
  std::optional<running_fast> fast = co_await sources.active_fast(std::move(user_id));
  co_return fast;
}

awaitable<std::optional<fast_streak>> fasting_streak_of(const dashboard_sources& sources,
                                                        std::string user_id) {
  if (!sources.fasting_streak) {
    co_return std::nullopt;
  }
  fast_streak streak = co_await sources.fasting_streak(std::move(user_id));
  co_return streak;
}

awaitable<std::optional<workout_week>> workout_week_of(const dashboard_sources& sources,
                                                       std::string user_id) {
  if (!sources.workouts_this_week) {
    co_return std::nullopt;
  }
  workout_week week = co_await sources.workouts_this_week(std::move(user_id));
  co_return week;
}

awaitable<std::optional<nutrition_today>> nutrition_of(const dashboard_sources& sources,
                                                       std::string user_id) {
  if (!sources.nutrition) {
    co_return std::nullopt;
  }
  nutrition_today today = co_await sources.nutrition(std::move(user_id));
  co_return today;
}

awaitable<void> ensure_partitions(pg::database& db) {
  co_await store::ensure_partitions_ahead(db);
}

std::optional<double> change(double latest, std::optional<double> before) {
  if (!before) {
    return std::nullopt;
  }
  return latest - *before;
}

}  // namespace

time::instant service::now() const {
  return clock_.now();
}

awaitable<result<ingest_result>> service::ingest(std::string user_id,
                                                 std::vector<metric_point> points) {
  const auto now = clock_.now();
  std::vector<field_error> errors;
  for (std::size_t i = 0; i < points.size() && errors.size() < max_reported_errors; ++i) {
    auto bad = validate_point(points[i], now, "points[" + std::to_string(i) + "].");
    errors.insert(errors.end(), bad.begin(), bad.end());
  }
  if (!errors.empty()) {
    co_return validation(std::move(errors));
  }
  ingest_result r =
      co_await progress_store::insert_points(db_, std::move(user_id), std::move(points));
  co_return r;
}

awaitable<result<void>> service::delete_point(std::string user_id, std::string metric_type,
                                              time::instant at, std::string source) {
  const bool deleted = co_await progress_store::delete_point(
      db_, std::move(user_id), std::move(metric_type), at, std::move(source));
  if (!deleted) {
    co_return errors::point_not_found();
  }
  co_return result<void>{};
}

awaitable<std::vector<metric_progress>> service::progress(std::string user_id) {
  std::vector<store::progress_row> rows =
      co_await store::read_progress(db_, std::move(user_id), clock_.now());
  std::vector<metric_progress> out;
  for (const auto& r : rows) {
    const metric_info* info = find_metric(r.metric_type);
    metric_progress p;
    p.metric_type = r.metric_type;
    if (info != nullptr && info->additive) {
      p.latest_value = r.latest_day_sum;
      p.latest_time = r.latest_day_start;
      p.change_7d = change(r.latest_day_sum, r.day_sum_7d_ago);
      p.change_30d = change(r.latest_day_sum, r.day_sum_30d_ago);
    } else {
      p.latest_value = r.latest_value;
      p.latest_time = r.latest_time;
      p.change_7d = change(r.latest_value, r.value_7d_ago);
      p.change_30d = change(r.latest_value, r.value_30d_ago);
    }
    out.push_back(std::move(p));
  }
  co_return out;
}

awaitable<result<series>> service::get_series(std::string user_id, series_query q) {
  if (find_metric(q.metric_type) == nullptr) {
    co_return errors::unknown_metric();
  }
  series s =
      co_await store::read_series(db_, std::move(user_id), q.metric_type, q.size, q.from, q.to);
  co_return s;
}

awaitable<dashboard> service::get_dashboard(std::string user_id) {
  using namespace boost::asio::experimental::awaitable_operators;
  // The stored figures and each module's part are independent: one await for all five.
  auto all = store::read_dashboard(db_, user_id, clock_.now()) &&
             active_fast_of(sources_, user_id) && fasting_streak_of(sources_, user_id) &&
             workout_week_of(sources_, user_id) && nutrition_of(sources_, user_id);
  auto parts = co_await std::move(all);
  dashboard d;
  d.metrics = std::move(std::get<0>(parts));
  d.active_fast = std::move(std::get<1>(parts));
  d.fasting_streak = std::move(std::get<2>(parts));
  d.workouts_this_week = std::move(std::get<3>(parts));
  d.nutrition = std::move(std::get<4>(parts));
  co_return d;
}

awaitable<double> service::day_sum(std::string user_id, std::string metric_type, std::string date) {
  co_return co_await store::day_sum(db_, std::move(user_id), std::move(metric_type),
                                    std::move(date));
}

awaitable<std::optional<double>> service::latest_weight_kg(std::string user_id) {
  co_return co_await store::latest_weight_kg(db_, std::move(user_id), clock_.now());
}

awaitable<streaks> service::get_streaks(std::string user_id) {
  using namespace boost::asio::experimental::awaitable_operators;
  auto both =
      store::read_manual_days(db_, user_id, clock_.now()) && fasting_streak_of(sources_, user_id);
  auto parts = co_await std::move(both);
  streaks s;
  const store::manual_days& days = std::get<0>(parts);
  s.logging = compute_logging_streak(days.today, days.days);
  s.fasting = std::move(std::get<1>(parts));
  co_return s;
}

awaitable<std::string> service::export_progress(std::string user_id, std::int64_t max_points) {
  std::string stored = co_await store::read_export(db_, std::move(user_id), max_points);
  co_return dto::render_export(stored);
}

void add_partition_job_kind(jobs::registry& kinds, pg::database& db) {
  kinds.add(std::string(partitions_job_kind),
            [&db](const jobs::job&) { return ensure_partitions(db); });
}

}  // namespace ugoki::analytics
