// Adapters through which one module asks another, built only by the composition root: the
// analytics dashboard reads the fasting module's timer and streaks without depending on it, and
// the user module's DELETE /users/me reaches auth's account deletion.
#pragma once

#include "analytics/service.hpp"
#include "billing/service.hpp"
#include "nutrition/diary_types.hpp"
#include "nutrition/recipes_types.hpp"
#include "user/account_routes.hpp"
#include "user/export.hpp"
#include "workouts/calories.hpp"
#include "workouts/service.hpp"

namespace ugoki::fasting {
class service;
class plan_service;
}  // namespace ugoki::fasting
namespace ugoki::user {
class service;
}
namespace ugoki::nutrition {
class diary_service;
}
namespace ugoki::auth {
class deletion;
class service;
}  // namespace ugoki::auth

namespace ugoki::app {

// The dashboard's parts from other modules as analytics' structs: the running fast with its
// stage (fasting::service::current), the streak (fasting::plan_service::streaks) and this
// week's workouts (workouts::service::this_week). The services must outlive the providers.
analytics::dashboard_sources dashboard_sources_of(fasting::service& sessions,
                                                  fasting::plan_service& plans,
                                                  workouts::service& workouts,
                                                  nutrition::diary_service& diary);

// The workouts' body mass: the latest weight_kg metric (analytics), else the profile's weight
// (user), else workouts::default_body_mass_kg marked estimated. Both services must outlive it.
workouts::body_mass_source body_mass_of(analytics::service& metrics, user::service& users);

// What the workouts need of other modules at start and for streaks: the start of the running
// fast (fasting::service::current) and the weekly goal (user preferences'
// workout_goal_sessions_per_week). The services must outlive the functions.
workouts::running_fast_source running_fast_start_of(fasting::service& fasting);
workouts::weekly_goal_source weekly_goal_of(user::service& users);

// The data export's "workouts" part (workouts::service::export_part). `svc` must outlive it.
user::export_part workouts_part_of(workouts::service& svc);

// What the food diary needs of other modules: the running fast and ending it
// (fasting::service) and the daily kcal goal (user preferences, for the dashboard's intake;
// the day view reads the goal, the workouts' kcal and the active_kcal metric through the views
// those modules publish, migration 0032). The services must outlive the functions.
nutrition::diary_sources diary_sources_of(fasting::service& fasting, user::service& users);

// Billing's entitlement -> the account's role, through auth::service::apply_plan (users.role
// and every live session of the account; billing never writes auth's data). Throws when it did
// not finish (the billing job retries). `svc` must outlive the function.
billing::role_applier subscription_role_of(auth::service& svc);

// The data export's "sessions" part: the user's signed-in devices (auth::service::sessions, in
// Redis) as GET /auth/sessions renders them. `svc` must outlive the part.
user::export_part sessions_part_of(auth::service& svc);

// What the nutrition plans need of the caller's profile (user::service::get_me and
// get_preferences): allergies, dietary_preferences' diet and excluded foods, daily_kcal_goal.
// An account that is gone reads as an empty diner. `users` must outlive the function.
nutrition::diner_source diner_of(user::service& users);
// The caller's profile allergies, diet and excluded foods without the preferences' kcal goal:
// one read of the profile (user::service::get_me), for every recipe list. `users` must outlive it.
nutrition::diner_source allergies_of(user::service& users);

// DELETE /users/me (a user-module route) deleting the account through auth, which owns the
// password, the sessions and the account row. `accounts` must outlive the returned function.
user::account_deleter account_deleter_of(auth::deletion& accounts);

}  // namespace ugoki::app
