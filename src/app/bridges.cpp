// The cross-module adapters of bridges.hpp: each converts another module's types into the
// structs the asking module declares, so neither depends on the other.
#include "app/bridges.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "auth/deletion.hpp"
#include "auth/dto.hpp"
#include "auth/service.hpp"
#include "fasting/plan_service.hpp"
#include "fasting/service.hpp"
#include "nutrition/diary_service.hpp"
#include "user/dto.hpp"
#include "user/service.hpp"

namespace ugoki::app {

namespace {

using boost::asio::awaitable;

// The export part is the module's own rendering: the export document is JSON, and each module
// renders its part of it (GET /auth/sessions's items here).
awaitable<std::optional<std::string>> sessions_json(auth::service& svc, std::string user_id) {
  auto list = co_await svc.sessions(std::move(user_id), "");
  co_return auth::dto::render_sessions(list);
}

awaitable<std::optional<analytics::running_fast>> running_fast_of(fasting::service& svc,
                                                                  std::string user_id) {
  std::optional<fasting::active_session_view> view = co_await svc.current(std::move(user_id));
  if (!view) {
    co_return std::nullopt;
  }
  analytics::running_fast f;
  f.id = view->s.id;
  f.protocol_name = view->s.protocol_name;
  f.started_at = view->s.started_at;
  f.target_end_at = view->s.target_end_at;
  f.elapsed_seconds = view->timer.elapsed_seconds;
  f.remaining_seconds = view->timer.remaining_seconds;
  f.progress = view->timer.progress;
  if (const auto& stage = view->timer.current_stage) {
    f.current_stage = analytics::running_fast::stage{stage->slug, stage->name};
  }
  co_return f;
}

awaitable<analytics::fast_streak> fast_streak_of(fasting::plan_service& svc, std::string user_id) {
  fasting::streak_summary summary = co_await svc.streaks(std::move(user_id));
  analytics::fast_streak s;
  s.planned_days_only = summary.planned_days_only;
  s.current = summary.current_streak;
  s.longest = summary.longest_streak;
  if (summary.last_completed_date) {
    s.last_completed_date = std::chrono::year_month_day(*summary.last_completed_date);
  }
  co_return s;
}

awaitable<analytics::workout_week> workout_week_of(workouts::service& svc, std::string user_id) {
  workouts::week_summary w = co_await svc.this_week(std::move(user_id));
  analytics::workout_week out;
  out.week_start = w.week_start;
  out.sessions = w.sessions;
  out.active_seconds = w.active_seconds;
  out.kcal = w.kcal;
  out.goal_sessions = w.goal_sessions;
  co_return out;
}

awaitable<analytics::nutrition_today> nutrition_today_of(nutrition::diary_service& diary,
                                                         std::string user_id) {
  nutrition::diary_service::intake in = co_await diary.today(std::move(user_id));
  co_return analytics::nutrition_today{std::move(in.date), in.kcal, in.goal};
}

awaitable<workouts::body_mass> body_mass_for(analytics::service& metrics, user::service& users,
                                             std::string user_id) {
  if (std::optional<double> kg = co_await metrics.latest_weight_kg(user_id)) {
    co_return workouts::body_mass{*kg, false};
  }
  if (std::optional<double> kg = co_await users.profile_weight_kg(std::move(user_id))) {
    co_return workouts::body_mass{*kg, false};
  }
  co_return workouts::body_mass{};
}

awaitable<std::optional<workouts::instant>> fast_start_of(fasting::service& svc,
                                                          std::string user_id) {
  std::optional<fasting::active_session_view> view = co_await svc.current(std::move(user_id));
  if (!view) {
    co_return std::nullopt;
  }
  co_return view->s.started_at;
}

awaitable<std::optional<int>> goal_of(user::service& users, std::string user_id) {
  auto prefs = co_await users.get_preferences(std::move(user_id));
  if (!prefs) {
    co_return std::nullopt;  // the account is gone: the default goal
  }
  co_return prefs->workout_goal_sessions_per_week;
}

awaitable<std::optional<std::string>> workouts_json(workouts::service& svc, std::string user_id) {
  co_return co_await svc.export_part(std::move(user_id));
}

awaitable<nutrition::diner> diner_for(user::service& users, std::string user_id) {
  nutrition::diner d;
  auto me = co_await users.get_me(user_id);
  if (!me) {
    co_return d;  // the account is gone: nothing to filter by
  }
  d.allergies = std::move(me->prof.allergies);
  auto prefs = user::dto::read_dietary_preferences(me->prof.dietary_preferences_json);
  d.diet = std::move(prefs.diet);
  d.excluded_foods = std::move(prefs.excluded_foods);
  auto settings = co_await users.get_preferences(std::move(user_id));
  if (settings) {
    d.daily_kcal_goal = settings->daily_kcal_goal;
  }
  co_return d;
}

// One query (the profile through live_accounts); the preferences row is not read.
awaitable<nutrition::diner> profile_diner_for(user::service& users, std::string user_id) {
  nutrition::diner d;
  auto me = co_await users.get_me(std::move(user_id));
  if (!me) {
    co_return d;  // the account is gone: nothing to filter by
  }
  d.allergies = std::move(me->prof.allergies);
  auto prefs = user::dto::read_dietary_preferences(me->prof.dietary_preferences_json);
  d.diet = std::move(prefs.diet);
  d.excluded_foods = std::move(prefs.excluded_foods);
  co_return d;
}

awaitable<std::optional<nutrition::active_fast>> diary_fast_of(fasting::service& svc,
                                                               std::string user_id) {
  std::optional<fasting::active_session_view> view = co_await svc.current(std::move(user_id));
  if (!view) {
    co_return std::nullopt;
  }
  co_return nutrition::active_fast{view->s.id, view->s.started_at};
}

awaitable<result<nutrition::ended_fast>> end_fast_for_meal(fasting::service& svc,
                                                           std::string user_id, std::string id,
                                                           nutrition::instant at) {
  auto ended = co_await svc.end(std::move(user_id), std::move(id), at);
  if (!ended) {
    co_return ended.error();
  }
  co_return nutrition::ended_fast{ended->id, ended->status};
}

awaitable<std::optional<int>> kcal_goal_of(user::service& users, std::string user_id) {
  auto prefs = co_await users.get_preferences(std::move(user_id));
  if (!prefs) {
    co_return std::nullopt;
  }
  co_return prefs->daily_kcal_goal;
}

}  // namespace

nutrition::diary_sources diary_sources_of(fasting::service& fasting, user::service& users) {
  nutrition::diary_sources s;
  s.running_fast = [&fasting](std::string user_id) {
    return diary_fast_of(fasting, std::move(user_id));
  };
  s.end_fast = [&fasting](std::string user_id, std::string id, nutrition::instant at) {
    return end_fast_for_meal(fasting, std::move(user_id), std::move(id), at);
  };
  s.kcal_goal = [&users](std::string user_id) { return kcal_goal_of(users, std::move(user_id)); };
  return s;
}

analytics::dashboard_sources dashboard_sources_of(fasting::service& sessions,
                                                  fasting::plan_service& plans,
                                                  workouts::service& workouts,
                                                  nutrition::diary_service& diary) {
  analytics::dashboard_sources s;
  // Plain lambdas returning the coroutine call: a capturing lambda must not itself be a
  // coroutine (its captures would die with the lambda object before the frame resumes).
  s.active_fast = [&sessions](std::string user_id) {
    return running_fast_of(sessions, std::move(user_id));
  };
  s.fasting_streak = [&plans](std::string user_id) {
    return fast_streak_of(plans, std::move(user_id));
  };
  s.workouts_this_week = [&workouts](std::string user_id) {
    return workout_week_of(workouts, std::move(user_id));
  };
  s.nutrition = [&diary](std::string user_id) {
    return nutrition_today_of(diary, std::move(user_id));
  };
  return s;
}

workouts::body_mass_source body_mass_of(analytics::service& metrics, user::service& users) {
  return [&metrics, &users](std::string user_id) {
    return body_mass_for(metrics, users, std::move(user_id));
  };
}

workouts::running_fast_source running_fast_start_of(fasting::service& fasting) {
  return [&fasting](std::string user_id) { return fast_start_of(fasting, std::move(user_id)); };
}

workouts::weekly_goal_source weekly_goal_of(user::service& users) {
  return [&users](std::string user_id) { return goal_of(users, std::move(user_id)); };
}

user::export_part workouts_part_of(workouts::service& svc) {
  return {"workouts",
          [&svc](std::string user_id) { return workouts_json(svc, std::move(user_id)); }};
}

user::export_part sessions_part_of(auth::service& svc) {
  return {"sessions",
          [&svc](std::string user_id) { return sessions_json(svc, std::move(user_id)); }};
}

nutrition::diner_source diner_of(user::service& users) {
  return [&users](std::string user_id) { return diner_for(users, std::move(user_id)); };
}

nutrition::diner_source allergies_of(user::service& users) {
  return [&users](std::string user_id) { return profile_diner_for(users, std::move(user_id)); };
}

namespace {

boost::asio::awaitable<void> apply_subscription_role(auth::service& svc, std::string user_id,
                                                     bool premium) {
  // nullopt: the account is deleted or erased; there is no role left to set.
  co_await svc.apply_plan(std::move(user_id), premium);
}

}  // namespace

billing::role_applier subscription_role_of(auth::service& svc) {
  return [&svc](std::string user_id, bool premium) {
    return apply_subscription_role(svc, std::move(user_id), premium);
  };
}

user::account_deleter account_deleter_of(auth::deletion& accounts) {
  return [&accounts](std::string user_id, std::string password, std::string request_id) {
    return accounts.delete_account(std::move(user_id), std::move(password), std::move(request_id));
  };
}

}  // namespace ugoki::app
