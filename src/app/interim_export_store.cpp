// TEMPORARY (issue 11): SQL of the export parts no module's store holds yet (see the header).
// Every part is one statement, as the export's single statement had them; the connections'
// TimeZone is UTC, so instants come out as +00:00 and the exporter spells them with Z.
#include "app/interim_export_store.hpp"

#include <stdexcept>
#include <string>

#include "core/pg/database.hpp"

namespace ugoki::app::interim {

namespace {

using boost::asio::awaitable;

// Moves to the fasting module.
constexpr pg::statement fasting_sql{"export_fasting", R"(
SELECT jsonb_build_object(
  'schedules', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                  FROM fasting_schedules t WHERE t.user_id = $1::uuid),
  'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                 FROM fasting_sessions t WHERE t.user_id = $1::uuid),
  'logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
             FROM fasting_logs t WHERE t.user_id = $1::uuid))::text)"};

// Moves to the analytics module. progress_metrics can hold millions of points: the newest
// $2 are carried, with the total and whether that cut any; the daily rollups always whole.
constexpr pg::statement progress_sql{"export_progress", R"(
WITH total AS (SELECT count(*) AS n FROM progress_metrics WHERE user_id = $1::uuid)
SELECT jsonb_build_object(
  'metrics_total', (SELECT n FROM total),
  'metrics', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.time DESC), '[]')
                FROM (SELECT * FROM progress_metrics WHERE user_id = $1::uuid
                       ORDER BY time DESC LIMIT $2::int) t),
  'metrics_truncated', (SELECT n > $2::int FROM total),
  'metric_records', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                               ORDER BY t.created_at), '[]')
                       FROM progress_metric_records t WHERE t.user_id = $1::uuid),
  'daily', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                      ORDER BY t.metric_type, t.bucket_start), '[]')
              FROM progress_metrics_daily t WHERE t.user_id = $1::uuid),
  'imports', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'file_path'
                                        ORDER BY t.created_at), '[]')
                FROM metric_imports t WHERE t.user_id = $1::uuid))::text)"};

// No module owns these tables yet.
constexpr pg::statement workouts_sql{"export_workouts", R"(
SELECT jsonb_build_object(
  'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                 FROM workout_sessions t WHERE t.user_id = $1::uuid),
  'exercise_logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                              ORDER BY t.created_at), '[]')
                      FROM exercise_logs t WHERE t.user_id = $1::uuid))::text)"};

constexpr pg::statement nutrition_sql{"export_nutrition", R"(
SELECT jsonb_build_object(
  'meal_plans', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                   FROM meal_plans t WHERE t.user_id = $1::uuid),
  'meal_plan_items', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                                ORDER BY t.created_at), '[]')
                        FROM meal_plan_items t WHERE t.user_id = $1::uuid),
  'meal_logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                  FROM meal_logs t WHERE t.user_id = $1::uuid),
  'shopping_list', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                              ORDER BY t.created_at), '[]')
                      FROM shopping_list_items t WHERE t.user_id = $1::uuid))::text)"};

// Push tokens are credentials, not the user's data; dedupe keys are internal.
constexpr pg::statement notifications_sql{"export_notifications", R"(
SELECT jsonb_build_object(
  'inbox', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'dedupe_key'
                                      ORDER BY t.created_at), '[]')
              FROM notifications t WHERE t.user_id = $1::uuid),
  'devices', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'token'
                                        ORDER BY t.created_at), '[]')
                FROM device_tokens t WHERE t.user_id = $1::uuid))::text)"};

constexpr pg::statement billing_sql{"export_billing", R"(
SELECT jsonb_build_object(
  'subscriptions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                              ORDER BY t.created_at), '[]')
                      FROM subscriptions t WHERE t.user_id = $1::uuid))::text)"};

awaitable<std::optional<std::string>> run(pg::database& db, const pg::statement& stmt,
                                          pg::params args) {
  pg::result rows = co_await db.query(stmt, args);
  co_return rows[0].get<std::string>(0);
}

// A part that runs `stmt` with the user id (and `extra`, when given, as $2).
user::export_part part_of(std::string name, pg::database& db, const pg::statement& stmt,
                          std::optional<int> extra = std::nullopt) {
  return {std::move(name), [&db, &stmt, extra](std::string user_id) {
            pg::params args{user_id};
            if (extra) {
              args.add(*extra);
            }
            return run(db, stmt, std::move(args));
          }};
}

}  // namespace

user::export_part fasting_part(pg::database& db) {
  return part_of("fasting", db, fasting_sql);
}

user::export_part progress_part(pg::database& db, int max_points) {
  return part_of("progress", db, progress_sql, max_points);
}

user::export_part unowned_part(pg::database& db, std::string_view name) {
  if (name == "workouts") {
    return part_of("workouts", db, workouts_sql);
  }
  if (name == "nutrition") {
    return part_of("nutrition", db, nutrition_sql);
  }
  if (name == "notifications") {
    return part_of("notifications", db, notifications_sql);
  }
  if (name == "billing") {
    return part_of("billing", db, billing_sql);
  }
  throw std::invalid_argument("no such export part: " + std::string(name));
}

}  // namespace ugoki::app::interim
