// JSON <-> preferences and onboarding structs (/users/me/preferences, /users/me/onboarding).
#include "user/dto.hpp"

#include "user/dto_fields.hpp"

namespace ugoki::user::dto {

namespace {

namespace bj = boost::json;

// The notification kinds a user can toggle (the notifications.type values).
constexpr std::string_view notification_kinds[] = {"fasting_reminder",
                                                   "fasting_completed",
                                                   "workout_reminder",
                                                   "achievement",
                                                   "streak",
                                                   "subscription",
                                                   "system"};

constexpr std::string_view goals[] = {"lose_weight",   "improve_energy", "metabolic_health",
                                      "build_fitness", "longevity",      "mental_clarity",
                                      "better_sleep",  "gut_health"};

std::optional<std::map<std::string, bool>> toggles(json::field_reader& r, const bj::object& body) {
  const auto& v = body.at("notification_types");
  if (!v.is_object()) {
    r.add_error("notification_types", "must be an object of booleans");
    return std::nullopt;
  }
  std::map<std::string, bool> out;
  bool ok = true;
  for (const auto& kv : v.as_object()) {
    std::string field = "notification_types." + std::string(kv.key());
    bool known = false;
    for (auto k : notification_kinds) {
      known = known || kv.key() == k;
    }
    if (!known) {
      r.add_error(field, "is not a known notification type");
      ok = false;
    } else if (!kv.value().is_bool()) {
      r.add_error(field, "must be true or false");
      ok = false;
    } else {
      out[std::string(kv.key())] = kv.value().as_bool();
    }
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<int> small(std::optional<std::int64_t> v) {
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<std::string> hh_mm(json::field_reader& r, std::string_view name) {
  return detail::checked(r, name, 5, detail::is_hh_mm, "must be a time HH:MM (00:00-23:59)");
}

}  // namespace

std::string render_preferences(const preferences& p) {
  bj::object notif;
  notif["push_enabled"] = p.push_enabled;
  notif["email_enabled"] = p.email_enabled;
  notif["quiet_hours_start"] = json::nullable(p.quiet_hours_start);
  notif["quiet_hours_end"] = json::nullable(p.quiet_hours_end);
  bj::object types;
  // Every known kind is listed; a kind never toggled is enabled (the table's convention).
  for (auto k : notification_kinds) {
    auto it = p.notification_types.find(std::string(k));
    types[k] = it == p.notification_types.end() || it->second;
  }
  bj::object o;
  o["units"] = p.units;
  o["language"] = p.language;
  o["week_starts_on"] = p.week_starts_on;
  o["fasting_goal_hours"] = json::nullable(p.fasting_goal_hours);
  o["fasting_goal_sessions_per_week"] = json::nullable(p.fasting_goal_sessions_per_week);
  o["workout_goal_sessions_per_week"] = json::nullable(p.workout_goal_sessions_per_week);
  o["workout_goal_minutes_per_week"] = json::nullable(p.workout_goal_minutes_per_week);
  o["daily_water_goal_ml"] = json::nullable(p.daily_water_goal_ml);
  o["daily_step_goal"] = json::nullable(p.daily_step_goal);
  o["daily_kcal_goal"] = json::nullable(p.daily_kcal_goal);
  o["push_enabled"] = p.push_enabled;
  o["email_enabled"] = p.email_enabled;
  o["quiet_hours_start"] = json::nullable(p.quiet_hours_start);
  o["quiet_hours_end"] = json::nullable(p.quiet_hours_end);
  o["notification_types"] = std::move(types);
  o["updated_at"] = json::nullable(p.updated_at);
  return json::serialize(o);
}

result<preferences_patch> parse_preferences_patch(std::string_view body) {
  auto parsed = json::parse_object(body);
  if (!parsed) {
    return std::move(parsed.error());
  }
  const bj::object& obj = *parsed;
  json::field_reader r(obj);
  r.reject_unknown({"units", "language", "week_starts_on", "fasting_goal_hours",
                    "fasting_goal_sessions_per_week", "workout_goal_sessions_per_week",
                    "workout_goal_minutes_per_week", "daily_water_goal_ml", "daily_step_goal",
                    "daily_kcal_goal", "push_enabled", "email_enabled", "quiet_hours_start",
                    "quiet_hours_end", "notification_types"});
  for (auto name : {"units", "language", "week_starts_on", "push_enabled", "email_enabled",
                    "notification_types"}) {
    if (r.is_null(name)) {
      r.add_error(name, "cannot be null");
    }
  }
  preferences_patch p;
  p.units = r.one_of("units", {"metric", "imperial"});
  p.language = detail::checked(r, "language", 35, detail::is_language_tag,
                               "must be a language tag such as en or pt-BR");
  if (r.has("week_starts_on") && !r.is_null("week_starts_on")) {
    auto d = r.integer("week_starts_on", 1, 7);
    if (d && *d != 1 && *d != 7) {
      r.add_error("week_starts_on", "must be 1 (Monday) or 7 (Sunday)");
    } else {
      p.week_starts_on = small(d);
    }
  }
  auto goal = [&](std::string_view name, std::int64_t min, std::int64_t max) {
    return detail::patch<int>(r, name, [&] { return small(r.integer(name, min, max)); });
  };
  p.fasting_goal_hours = goal("fasting_goal_hours", 12, 72);
  p.fasting_goal_sessions_per_week = goal("fasting_goal_sessions_per_week", 1, 7);
  p.workout_goal_sessions_per_week = goal("workout_goal_sessions_per_week", 1, 14);
  p.workout_goal_minutes_per_week = goal("workout_goal_minutes_per_week", 1, 3000);
  p.daily_water_goal_ml = goal("daily_water_goal_ml", 250, 10000);
  p.daily_step_goal = goal("daily_step_goal", 500, 100000);
  p.daily_kcal_goal = goal("daily_kcal_goal", 800, 10000);
  p.push_enabled = r.boolean("push_enabled");
  p.email_enabled = r.boolean("email_enabled");
  // Each time given is checked on its own, then the pair, so a bad time is named even when its
  // partner is missing.
  const bool has_start = r.has("quiet_hours_start");
  const bool has_end = r.has("quiet_hours_end");
  const bool start_null = r.is_null("quiet_hours_start");
  const bool end_null = r.is_null("quiet_hours_end");
  p.quiet_hours_start = hh_mm(r, "quiet_hours_start");
  p.quiet_hours_end = hh_mm(r, "quiet_hours_end");
  if (has_start != has_end) {
    r.add_error(has_start ? "quiet_hours_end" : "quiet_hours_start",
                "quiet_hours_start and quiet_hours_end are set together");
  } else if (has_start) {
    if (start_null != end_null) {
      r.add_error("quiet_hours_end", "quiet_hours_start and quiet_hours_end are cleared together");
    } else if (p.quiet_hours_start && p.quiet_hours_end &&
               *p.quiet_hours_start == *p.quiet_hours_end) {
      r.add_error("quiet_hours_end", "must differ from quiet_hours_start");
    }
    p.quiet_hours_set = true;
  }
  if (r.has("notification_types") && !r.is_null("notification_types")) {
    p.notification_types = toggles(r, obj);
  }
  return r.finish(std::move(p));
}

result<onboarding_answers> parse_onboarding(std::string_view body) {
  auto parsed = json::parse_object(body);
  if (!parsed) {
    return std::move(parsed.error());
  }
  const bj::object& obj = *parsed;
  json::field_reader r(obj);
  r.reject_unknown({"goals", "fasting_experience", "activity_level", "eating_window_start",
                    "wake_time", "sleep_time", "pregnant", "breastfeeding", "diabetes_medication",
                    "eating_disorder_history", "under_18", "underweight"});
  onboarding_answers a;
  auto list = detail::string_list(r, obj, "goals", 8, 32);
  if (!list && !r.has("goals")) {
    r.add_error("goals", "is required");
  } else if (list) {
    if (list->empty()) {
      r.add_error("goals", "must name at least one goal");
    }
    for (const auto& g : *list) {
      bool known = false;
      for (auto k : goals) {
        known = known || g == k;
      }
      if (!known) {
        std::string all;
        for (auto k : goals) {
          all += all.empty() ? "" : ", ";
          all += k;
        }
        r.add_error("goals", "items must be one of: " + all);
        break;
      }
    }
    a.goals = std::move(*list);
  }
  a.fasting_experience =
      r.one_of("fasting_experience", {"none", "some", "experienced"}, true).value_or("");
  a.activity_level =
      r.one_of("activity_level", {"sedentary", "light", "moderate", "active", "very_active"}, true)
          .value_or("");
  a.eating_window_start = hh_mm(r, "eating_window_start");
  a.wake_time = hh_mm(r, "wake_time");
  a.sleep_time = hh_mm(r, "sleep_time");
  a.pregnant = r.boolean("pregnant").value_or(false);
  a.breastfeeding = r.boolean("breastfeeding").value_or(false);
  a.diabetes_medication = r.boolean("diabetes_medication").value_or(false);
  a.eating_disorder_history = r.boolean("eating_disorder_history").value_or(false);
  a.under_18 = r.boolean("under_18").value_or(false);
  a.underweight = r.boolean("underweight").value_or(false);
  return r.finish(std::move(a));
}

std::string encode_answers(const onboarding_answers& a) {
  bj::object o;
  bj::array g;
  for (const auto& s : a.goals) {
    g.emplace_back(s);
  }
  o["goals"] = std::move(g);
  o["fasting_experience"] = a.fasting_experience;
  o["activity_level"] = a.activity_level;
  o["eating_window_start"] = json::nullable(a.eating_window_start);
  o["wake_time"] = json::nullable(a.wake_time);
  o["sleep_time"] = json::nullable(a.sleep_time);
  o["pregnant"] = a.pregnant;
  o["breastfeeding"] = a.breastfeeding;
  o["diabetes_medication"] = a.diabetes_medication;
  o["eating_disorder_history"] = a.eating_disorder_history;
  o["under_18"] = a.under_18;
  o["underweight"] = a.underweight;
  return json::serialize(o);
}

std::string render_onboarding(const onboarding_result& r) {
  bj::object rec;
  if (r.advice.protocol_slug) {
    bj::object proto;
    proto["id"] = json::nullable(r.protocol_id);
    proto["slug"] = *r.advice.protocol_slug;
    proto["name"] = json::nullable(r.protocol_name);
    rec["protocol"] = std::move(proto);
  } else {
    rec["protocol"] = nullptr;
  }
  rec["fitness_level"] = r.advice.fitness_level;
  rec["consult_doctor"] = r.advice.consult_doctor;
  bj::array reasons;
  for (const auto& s : r.advice.reasons) {
    reasons.emplace_back(s);
  }
  rec["reasons"] = std::move(reasons);
  rec["message"] = r.advice.message;
  bj::object o;
  o["recommendation"] = std::move(rec);
  o["completed_at"] = r.completed_at;
  return json::serialize(o);
}

}  // namespace ugoki::user::dto
