// Fasting plans and insights: plan checks, upcoming fasts, streaks, stats, export/import.
#include "fasting/plan_service.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

#include "core/clock.hpp"
#include "core/time.hpp"
#include "fasting/errors.hpp"
#include "fasting/plan_errors.hpp"
#include "fasting/plan_store.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;
using std::chrono::days;
using std::chrono::sys_days;

sys_days to_days(const std::string& text) {
  auto d = time::parse_date(text);
  return d ? sys_days(*d) : sys_days{};
}

// What the app calls a planned fast, by what the plan is.
std::string fast_kind(const schedule& plan) {
  if (plan.kind == "weekly") {
    return "fast_day";
  }
  if (plan.kind == "alternate_day") {
    return "alternate_day";
  }
  if (plan.kind == "extended" || plan.fasting_minutes > 24 * 60) {
    return "extended";
  }
  return "daily_window";
}

}  // namespace

fast_day_rule rule_of(const std::optional<schedule>& plan) {
  fast_day_rule rule;
  if (!plan) {
    return rule;
  }
  if (plan->kind == "alternate_day" && plan->anchor_date) {
    rule.kind = fast_day_rule::mode::alternate;
    rule.anchor = to_days(*plan->anchor_date);
    return rule;
  }
  rule.weekdays = weekday_mask(plan->weekdays);
  // A plan for all seven days is the calendar: keep "day" as the streak unit.
  if (rule.weekdays != 0x7f && rule.weekdays != 0) {
    rule.kind = fast_day_rule::mode::weekdays;
  }
  return rule;
}

plan_service::plan_service(pg::database& db, const clock& clock, zone_check is_timezone,
                           plan_settings settings)
    : db_(db), clock_(clock), is_timezone_(std::move(is_timezone)), settings_(settings) {}

awaitable<result<schedule>> plan_service::get_schedule(std::string user_id) {
  auto found = co_await plan_store::find_schedule(db_, user_id, clock_.now());
  if (!found) {
    co_return errors::schedule_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<schedule>> plan_service::put_schedule(std::string user_id, schedule_draft draft) {
  const auto now = clock_.now();
  schedule_input& in = draft.input;
  std::vector<field_error> problems = std::move(draft.invalid);
  auto named = [&problems](std::string_view field) {
    return std::any_of(problems.begin(), problems.end(),
                       [field](const field_error& e) { return e.field == field; });
  };
  // The plan's coherence reads these; when one did not parse, check_plan would judge a guess.
  bool plan_readable = !named("protocol_id") && !named("fasting_seconds") && !named("weekdays") &&
                       !named("anchor_date");
  plan_shape shape;
  shape.kind = "custom";
  if (in.protocol_id) {
    auto proto = co_await plan_store::find_protocol(db_, *in.protocol_id);
    if (!proto && problems.empty()) {
      co_return errors::invalid_protocol();
    }
    if (proto) {
      shape.kind = proto->kind;
      shape.fast_days = proto->fast_days_per_week;
      shape.non_consecutive = proto->non_consecutive;
      in.fasting_minutes = proto->fasting_minutes;
    } else {
      plan_readable = false;
    }
  }
  shape.fasting_minutes = in.fasting_minutes.value_or(0);
  shape.has_anchor = in.anchor_date.has_value();
  const bool alternate = shape.kind == "alternate_day";
  if (in.weekdays) {
    shape.weekdays = *in.weekdays;
  } else if (!alternate && shape.kind != "weekly") {
    // Daily, extended and custom plans default to every day; 5:2 must choose its days.
    shape.weekdays = {1, 2, 3, 4, 5, 6, 7};
  }
  if (plan_readable) {
    for (auto& e : check_plan(shape)) {
      problems.push_back(std::move(e));
    }
  }
  if (in.timezone) {
    bool known = co_await is_timezone_(*in.timezone);
    if (!known) {
      problems.push_back({"timezone", "must be an IANA time zone name such as Europe/Berlin"});
    }
  }
  if (!problems.empty()) {
    co_return validation(std::move(problems));
  }
  if (!in.timezone) {
    auto local = co_await plan_store::user_local_now(db_, user_id, now);
    in.timezone = local.timezone;
  }
  if (alternate) {
    // The cycle's phase: the first fast day is today unless the user picked one.
    in.weekdays = std::vector<int>{1, 2, 3, 4, 5, 6, 7};
    if (!in.anchor_date) {
      in.anchor_date = co_await plan_store::zone_today(db_, *in.timezone, now);
    }
  } else {
    std::set<int> sorted(shape.weekdays.begin(), shape.weekdays.end());
    in.weekdays = std::vector<int>(sorted.begin(), sorted.end());
  }
  co_return co_await plan_store::save_schedule(db_, user_id, in, now);
}

awaitable<result<upcoming_fasts>> plan_service::upcoming(std::string user_id,
                                                         std::optional<sys_days> from, int count) {
  const auto now = clock_.now();
  auto plan = co_await plan_store::find_schedule(db_, user_id, now);
  if (!plan) {
    co_return errors::schedule_not_found();
  }
  const sys_days today = to_days(plan->today);
  const sys_days first = from.value_or(today);
  if (first < today || first > today + days(366)) {
    co_return validation({{"from", "must be a date from today to a year ahead"}});
  }
  // A fast that started on an earlier day may still be running today: look back its length in
  // days. A window in the future starts at `from` sharp.
  const int lookback = first == today ? (plan->fasting_minutes + 24 * 60 - 1) / (24 * 60) : 0;
  auto dates = planned_days(rule_of(plan), first - days(lookback), count + lookback);
  auto resolved = co_await plan_store::resolve_fasts(db_, plan->timezone, plan->start_time,
                                                     plan->fasting_minutes, dates);
  upcoming_fasts out;
  out.timezone = plan->timezone;
  out.today = plan->today;
  const std::string kind = fast_kind(*plan);
  for (auto& f : resolved) {
    if (f.end_at <= now) {
      continue;
    }
    f.kind = kind;
    f.fast_day_kcal = plan->fast_day_kcal;
    out.fasts.push_back(std::move(f));
  }
  co_return out;
}

awaitable<streak_summary> plan_service::streaks(std::string user_id) {
  const auto now = clock_.now();
  auto local = co_await plan_store::user_local_now(db_, user_id, now);
  auto plan = co_await plan_store::find_schedule(db_, user_id, now);
  auto fasts = co_await plan_store::finished_fasts(db_, user_id);
  streak_summary s = compute_streaks(fasts, rule_of(plan), local.today);
  s.timezone = std::move(local.timezone);
  co_return s;
}

awaitable<result<daily_stats>> plan_service::stats(std::string user_id,
                                                   std::optional<sys_days> from,
                                                   std::optional<sys_days> to) {
  const auto now = clock_.now();
  if (!to) {
    auto local = co_await plan_store::user_local_now(db_, user_id, now);
    to = local.today;
  }
  if (!from) {
    from = *to - days(6);
  }
  if (*to < *from) {
    co_return validation({{"to", "must not be before from"}});
  }
  if ((*to - *from).count() + 1 > settings_.max_stats_days) {
    co_return validation({{"to", "the range may span at most " +
                                     std::to_string(settings_.max_stats_days) + " days"}});
  }
  auto out = co_await plan_store::stats(db_, user_id, *from, *to, now);
  out.from = *from;
  out.to = *to;
  co_return out;
}

awaitable<std::vector<portable_fast>> plan_service::export_fasts(std::string user_id) {
  co_return co_await plan_store::export_fasts(db_, user_id);
}

awaitable<result<import_result>> plan_service::import_csv(std::string user_id,
                                                          std::string_view csv) {
  const auto now = clock_.now();
  import_parse parsed = parse_import_csv(csv, now, settings_.max_import_rows);
  if (parsed.malformed) {
    co_return validation(std::move(parsed.errors));
  }
  auto slug_list = co_await plan_store::protocol_slugs(db_);
  std::unordered_set<std::string> slugs(slug_list.begin(), slug_list.end());
  std::set<std::string> zones;
  for (const auto& r : parsed.rows) {
    if (r.timezone) {
      zones.insert(*r.timezone);
    }
  }
  std::set<std::string> unknown_zones;
  for (const auto& z : zones) {
    bool known = co_await is_timezone_(z);
    if (!known) {
      unknown_zones.insert(z);
    }
  }
  for (const auto& r : parsed.rows) {
    const std::string where = "line " + std::to_string(r.line);
    if (r.protocol_slug && !slugs.contains(*r.protocol_slug)) {
      parsed.errors.push_back({where, "protocol must be a protocol slug such as 16-8, or empty"});
    }
    if (r.timezone && unknown_zones.contains(*r.timezone)) {
      parsed.errors.push_back({where, "timezone must be an IANA time zone name, or empty"});
    }
  }
  if (!parsed.errors.empty()) {
    co_return errors::import_invalid(std::move(parsed.errors));
  }
  if (parsed.rows.empty()) {
    co_return import_result{};
  }
  auto local = co_await plan_store::user_local_now(db_, user_id, now);
  for (auto& r : parsed.rows) {
    if (!r.timezone) {
      r.timezone = local.timezone;
    }
  }
  auto outcome = co_await plan_store::import_fasts(db_, user_id, parsed.rows);
  if (outcome.concurrent_overlap) {
    // A fast started or imported concurrently between the check and the insert.
    co_return errors::import_overlaps({});
  }
  if (!outcome.overlapping_lines.empty()) {
    std::vector<field_error> details;
    for (int line : outcome.overlapping_lines) {
      details.push_back({"line " + std::to_string(line), "overlaps a fast already recorded"});
    }
    co_return errors::import_overlaps(std::move(details));
  }
  co_return outcome.result;
}

}  // namespace ugoki::fasting
