// Read-side SQL of the analytics module. Instants travel as epoch microseconds both ways, so
// the session TimeZone never matters; the user's zone is read from the user module's view
// user_zones (0018) in the same statement, so a series is always computed in one zone.
#include "analytics/store.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "core/pg/database.hpp"

namespace ugoki::analytics::store {

namespace {

using boost::asio::awaitable;

// Instants cross the wire as microseconds since the epoch (int8): $n::int8 in, extract(epoch)
// out, so no text parsing on either side. The user's zone comes from the user module's view.
constexpr pg::statement zone_sql{"analytics_zone", R"(
SELECT (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')))"};

// Hours are stored per local clock hour (0017); floor(from) is the local hour holding `from`.
constexpr pg::statement hour_series_sql{"analytics_series_hour", R"(
SELECT (extract(epoch from bucket_start) * 1000000)::int8, count, sum, min, max
  FROM progress_metrics_hourly
 WHERE user_id = $1::uuid AND metric_type = $2
   AND bucket_start >= date_trunc('hour',
         (timestamptz 'epoch' + $3::int8 * interval '1 microsecond'),
         (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')))
   AND bucket_start < (timestamptz 'epoch' + $4::int8 * interval '1 microsecond')
 ORDER BY bucket_start)"};

// Days are stored per local date; `day >=` uses the primary key, bucket_start bounds the end.
constexpr pg::statement day_series_sql{"analytics_series_day", R"(
SELECT (extract(epoch from bucket_start) * 1000000)::int8, count, sum, min, max
  FROM progress_metrics_daily
 WHERE user_id = $1::uuid AND metric_type = $2
   AND day >= ((timestamptz 'epoch' + $3::int8 * interval '1 microsecond') AT TIME ZONE
         (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')))::date
   AND bucket_start < (timestamptz 'epoch' + $4::int8 * interval '1 microsecond')
 ORDER BY day)"};

// Weeks (ISO, from Monday) and months are sums of local days; $5 is 'week' or 'month'.
constexpr pg::statement period_series_sql{"analytics_series_period", R"(
WITH z AS (
  SELECT (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC'))
         AS name)
SELECT (extract(epoch from (date_trunc($5, d.day::timestamp) AT TIME ZONE z.name)) * 1000000)::int8
         AS start,
       sum(d.count)::int8, sum(d.sum), min(d.min), max(d.max)
  FROM progress_metrics_daily d CROSS JOIN z
 WHERE d.user_id = $1::uuid AND d.metric_type = $2
   AND d.day >= date_trunc($5, (timestamptz 'epoch' + $3::int8 * interval '1 microsecond')
                                 AT TIME ZONE z.name)::date
   AND d.bucket_start < (timestamptz 'epoch' + $4::int8 * interval '1 microsecond')
 GROUP BY 1 ORDER BY 1)"};

// Each lateral is one backward primary-key probe (user, metric, time) per metric.
constexpr pg::statement progress_sql{"analytics_progress", R"(
WITH m AS (SELECT DISTINCT metric_type FROM progress_metrics_daily WHERE user_id = $1::uuid)
SELECT m.metric_type, l.value, (extract(epoch from l.time) * 1000000)::int8, w.value, mo.value,
       ld.sum, (extract(epoch from ld.bucket_start) * 1000000)::int8, dw.sum, dm.sum
  FROM m
  CROSS JOIN LATERAL (SELECT value, time FROM progress_metrics p WHERE p.user_id = $1::uuid
      AND p.metric_type = m.metric_type ORDER BY time DESC LIMIT 1) l
  LEFT JOIN LATERAL (SELECT value FROM progress_metrics p WHERE p.user_id = $1::uuid
      AND p.metric_type = m.metric_type
      AND p.time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond') - interval '7 days'
      ORDER BY time DESC LIMIT 1) w ON true
  LEFT JOIN LATERAL (SELECT value FROM progress_metrics p WHERE p.user_id = $1::uuid
      AND p.metric_type = m.metric_type
      AND p.time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond') - interval '30 days'
      ORDER BY time DESC LIMIT 1) mo ON true
  CROSS JOIN LATERAL (SELECT day, sum, bucket_start FROM progress_metrics_daily d
      WHERE d.user_id = $1::uuid AND d.metric_type = m.metric_type
      ORDER BY day DESC LIMIT 1) ld
  LEFT JOIN progress_metrics_daily dw ON dw.user_id = $1::uuid
      AND dw.metric_type = m.metric_type AND dw.day = ld.day - 7
  LEFT JOIN progress_metrics_daily dm ON dm.user_id = $1::uuid
      AND dm.metric_type = m.metric_type AND dm.day = ld.day - 30
 ORDER BY m.metric_type)"};

constexpr pg::statement dashboard_sql{"analytics_dashboard", R"(
WITH z AS (
  SELECT (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC'))
         AS name),
t AS (SELECT ((timestamptz 'epoch' + $2::int8 * interval '1 microsecond') AT TIME ZONE z.name)::date
             AS today, z.name FROM z),
wl AS (SELECT value, time FROM progress_metrics WHERE user_id = $1::uuid
          AND metric_type = 'weight_kg'
          AND time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
        ORDER BY time DESC LIMIT 1)
SELECT t.name, t.today::text,
       (SELECT value FROM wl), (SELECT (extract(epoch from time) * 1000000)::int8 FROM wl),
       (SELECT value FROM progress_metrics WHERE user_id = $1::uuid AND metric_type = 'weight_kg'
           AND time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
                       - interval '7 days'
         ORDER BY time DESC LIMIT 1),
       (SELECT value FROM progress_metrics WHERE user_id = $1::uuid AND metric_type = 'weight_kg'
           AND time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
                       - interval '30 days'
         ORDER BY time DESC LIMIT 1),
       coalesce((SELECT sum FROM progress_metrics_daily WHERE user_id = $1::uuid
                    AND metric_type = 'steps' AND day = t.today), 0),
       coalesce((SELECT sum FROM progress_metrics_daily WHERE user_id = $1::uuid
                    AND metric_type = 'active_kcal' AND day = t.today), 0)
  FROM t)"};

constexpr pg::statement day_sum_sql{"analytics_day_sum", R"(
SELECT coalesce(sum(sum), 0)::float8 FROM progress_metrics_daily
 WHERE user_id = $1::uuid AND metric_type = $2 AND day = $3::date)"};

constexpr pg::statement latest_weight_sql{"analytics_latest_weight", R"(
SELECT value FROM progress_metrics
 WHERE user_id = $1::uuid AND metric_type = 'weight_kg'
   AND time <= (timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
 ORDER BY time DESC LIMIT 1)"};

// Served by progress_metrics_manual_idx (0015).
constexpr pg::statement manual_days_sql{"analytics_manual_days", R"(
WITH z AS (
  SELECT (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC'))
         AS name)
SELECT ((timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
          AT TIME ZONE z.name)::date::text,
       coalesce((SELECT array_agg(d ORDER BY d DESC)::text[] FROM (
         SELECT DISTINCT (p.time AT TIME ZONE z.name)::date AS d FROM progress_metrics p
          WHERE p.user_id = $1::uuid AND p.source = 'manual'
            AND p.time > (timestamptz 'epoch' + $2::int8 * interval '1 microsecond')
                         - interval '400 days') days), '{}')
  FROM z)"};

// The progress part of GET /users/me/export (docs/privacy.md): every analytics table of the
// user's; progress_metrics can hold millions of points, so it is capped at $2, newest first.
constexpr pg::statement export_sql{"analytics_export", R"(
WITH n AS (SELECT count(*) AS total FROM progress_metrics WHERE user_id = $1::uuid)
SELECT jsonb_build_object(
  'metrics_total', n.total,
  'metrics_truncated', n.total > $2::int8,
  'metrics', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.time DESC), '[]')
                FROM (SELECT * FROM progress_metrics WHERE user_id = $1::uuid
                       ORDER BY time DESC LIMIT $2::int8) t),
  'metric_records', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at),
                                     '[]')
                       FROM progress_metric_records t WHERE t.user_id = $1::uuid),
  'daily', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                      ORDER BY t.metric_type, t.bucket_start), '[]')
              FROM progress_metrics_daily t WHERE t.user_id = $1::uuid),
  'imports', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'file_path'
                                        ORDER BY t.created_at), '[]')
                FROM metric_imports t WHERE t.user_id = $1::uuid)
)::text
FROM n)"};

constexpr pg::statement partitions_ahead_sql{"analytics_ensure_partitions_ahead", R"(
SELECT ensure_progress_partitions(date_trunc('month', now())::date, 4))"};

std::int64_t micros(time::instant t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

time::instant from_micros(std::int64_t us) {
  return time::instant(
      std::chrono::duration_cast<time::instant::duration>(std::chrono::microseconds(us)));
}

std::chrono::year_month_day date_of(std::string_view text) {
  auto d = time::parse_date(text);
  // PostgreSQL writes ISO dates; anything else is a broken server, not a client mistake.
  if (!d) {
    throw pg::error("", "analytics: unexpected date text from the database");
  }
  return *d;
}

// Splits "{2026-03-29,2026-03-28}" (a date[] as text: no quoting needed).
std::vector<std::chrono::year_month_day> dates_of(std::string_view array_text) {
  std::vector<std::chrono::year_month_day> out;
  if (array_text.size() < 2) {
    return out;
  }
  std::string_view body = array_text.substr(1, array_text.size() - 2);
  while (!body.empty()) {
    const auto comma = body.find(',');
    out.push_back(date_of(body.substr(0, comma)));
    body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 1);
  }
  return out;
}

}  // namespace

awaitable<series> read_series(pg::database& db, std::string user_id, std::string metric_type,
                              bucket_size size, time::instant from, time::instant to) {
  series s;
  s.metric_type = metric_type;
  s.size = size;
  s.from = from;
  s.to = to;
  pg::params zone_args{user_id};
  pg::params args{user_id, metric_type, micros(from), micros(to)};
  const pg::statement* stmt = &day_series_sql;
  if (size == bucket_size::hour) {
    stmt = &hour_series_sql;
  } else if (size == bucket_size::week || size == bucket_size::month) {
    stmt = &period_series_sql;
    args.add(size == bucket_size::week ? "week" : "month");
  }
  std::vector<pg::command> cmds;
  cmds.push_back({&zone_sql, zone_args});
  cmds.push_back({stmt, args});
  std::vector<pg::result> results = co_await db.pipeline(cmds);
  s.timezone = results[0][0].get<std::string>(0);
  for (pg::row r : results[1]) {
    bucket b;
    b.start = from_micros(r.get<std::int64_t>(0));
    b.count = r.get<std::int64_t>(1);
    b.sum = r.get<double>(2);
    b.min = r.get<double>(3);
    b.max = r.get<double>(4);
    s.buckets.push_back(b);
  }
  co_return s;
}

awaitable<std::vector<progress_row>> read_progress(pg::database& db, std::string user_id,
                                                   time::instant now) {
  pg::params args{user_id, micros(now)};
  pg::result res = co_await db.query(progress_sql, args);
  std::vector<progress_row> out;
  for (pg::row r : res) {
    progress_row p;
    p.metric_type = r.get<std::string>(0);
    p.latest_value = r.get<double>(1);
    p.latest_time = from_micros(r.get<std::int64_t>(2));
    p.value_7d_ago = r.get<std::optional<double>>(3);
    p.value_30d_ago = r.get<std::optional<double>>(4);
    p.latest_day_sum = r.get<double>(5);
    p.latest_day_start = from_micros(r.get<std::int64_t>(6));
    p.day_sum_7d_ago = r.get<std::optional<double>>(7);
    p.day_sum_30d_ago = r.get<std::optional<double>>(8);
    out.push_back(std::move(p));
  }
  co_return out;
}

awaitable<std::optional<double>> latest_weight_kg(pg::database& db, std::string user_id,
                                                  time::instant now) {
  pg::params args{user_id, micros(now)};
  pg::result res = co_await db.query(latest_weight_sql, args);
  if (res.empty()) {
    co_return std::nullopt;
  }
  co_return res[0].get<double>(0);
}

awaitable<double> day_sum(pg::database& db, std::string user_id, std::string metric_type,
                          std::string date) {
  pg::params args{user_id, metric_type, date};
  pg::result res = co_await db.query(day_sum_sql, args);
  co_return res[0].get<double>(0);
}

awaitable<dashboard_metrics> read_dashboard(pg::database& db, std::string user_id,
                                            time::instant now) {
  pg::params args{user_id, micros(now)};
  pg::result res = co_await db.query(dashboard_sql, args);
  pg::row r = res[0];
  dashboard_metrics d;
  d.timezone = r.get<std::string>(0);
  d.local_date = r.get<std::string>(1);
  d.weight_kg = r.get<std::optional<double>>(2);
  if (auto us = r.get<std::optional<std::int64_t>>(3)) {
    d.weight_time = from_micros(*us);
  }
  const auto week_ago = r.get<std::optional<double>>(4);
  const auto month_ago = r.get<std::optional<double>>(5);
  if (d.weight_kg && week_ago) {
    d.weight_change_7d = *d.weight_kg - *week_ago;
  }
  if (d.weight_kg && month_ago) {
    d.weight_change_30d = *d.weight_kg - *month_ago;
  }
  d.steps_today = r.get<double>(6);
  d.active_kcal_today = r.get<double>(7);
  co_return d;
}

awaitable<std::string> read_export(pg::database& db, std::string user_id, std::int64_t max_points) {
  std::vector<pg::command> cmds;
  cmds.push_back({&pg::utc_for_this_transaction, pg::params{}});
  cmds.push_back({&export_sql, pg::params{user_id, max_points}});
  std::vector<pg::result> results = co_await db.pipeline(cmds);
  co_return results[1][0].get<std::string>(0);
}

awaitable<void> ensure_partitions_ahead(pg::database& db) {
  co_await db.query(partitions_ahead_sql);
}

awaitable<manual_days> read_manual_days(pg::database& db, std::string user_id, time::instant now) {
  pg::params args{user_id, micros(now)};
  pg::result res = co_await db.query(manual_days_sql, args);
  manual_days out;
  out.today = date_of(res[0].text(0));
  out.days = dates_of(res[0].text(1));
  co_return out;
}

}  // namespace ugoki::analytics::store
