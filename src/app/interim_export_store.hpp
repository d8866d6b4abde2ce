// TEMPORARY (issue 11): the data export's parts whose tables have no owning module's store to
// hold their SQL yet. Each moves out when its module offers an export function, and app.cpp then
// takes that module's part instead:
// - fasting: moves to the fasting module (fasting::export_json, being written on its branch);
// - progress: moves to the analytics module (its export function, being written on its branch);
// - workouts, nutrition, notifications, billing: those modules do not exist yet. No route
//   writes their tables, but the export must stay complete, so their parts are kept exactly as
//   the export had them.
#pragma once

#include <string_view>

#include "user/export.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::app::interim {

// "fasting": {schedules, sessions, logs}. Moves to the fasting module.
user::export_part fasting_part(pg::database& db);

// "progress": {metrics_total, metrics (the newest `max_points`), metrics_truncated,
// metric_records, daily, imports}. Moves to the analytics module.
user::export_part progress_part(pg::database& db, int max_points);

// The part `name` of a table group no module owns yet: "workouts" {sessions, exercise_logs},
// "nutrition" {meal_plans, meal_plan_items, meal_logs, shopping_list}, "notifications" {inbox,
// devices}, "billing" {subscriptions}. Throws std::invalid_argument for any other name.
user::export_part unowned_part(pg::database& db, std::string_view name);

}  // namespace ugoki::app::interim
