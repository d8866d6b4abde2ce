// JSON for fasting plans and insights: the schedule parser and the response renderers.
#include "fasting/plan_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <chrono>

#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::fasting::plan_dto {

namespace {

namespace bj = boost::json;

using json::nullable;
using std::chrono::sys_days;

std::string date_text(sys_days d) {
  return time::format_date(std::chrono::year_month_day(d));
}

// An optional integer query parameter in [min, max], recording an error naming it otherwise.
std::optional<int> int_param(std::vector<field_error>& errors, std::string_view name,
                             const std::optional<std::string>& text, int min, int max) {
  if (!text) {
    return std::nullopt;
  }
  int v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc() || ptr != text->data() + text->size() || v < min ||
      v > max) {
    errors.push_back({std::string(name), "must be an integer from " + std::to_string(min) + " to " +
                                             std::to_string(max)});
    return std::nullopt;
  }
  return v;
}

// An optional date query parameter YYYY-MM-DD, recording an error naming it otherwise.
std::optional<sys_days> date_param(std::vector<field_error>& errors, std::string_view name,
                                   const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  auto d = time::parse_date(*text);
  if (!d) {
    errors.push_back({std::string(name), "must be a date YYYY-MM-DD"});
    return std::nullopt;
  }
  return sys_days(*d);
}

// "HH:MM", 00:00..23:59.
bool is_hh_mm(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) ||
      !digit(s[4])) {
    return false;
  }
  return (s[0] - '0') * 10 + (s[1] - '0') < 24 && (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

std::optional<std::vector<int>> weekdays(json::field_reader& r, const bj::object& body) {
  auto it = body.find("weekdays");
  if (it == body.end() || it->value().is_null()) {
    return std::nullopt;
  }
  const char* message = "must be an array of 1 to 7 ISO weekdays (1 = Monday .. 7 = Sunday)";
  if (!it->value().is_array()) {
    r.add_error("weekdays", message);
    return std::nullopt;
  }
  const auto& arr = it->value().as_array();
  std::vector<int> out;
  for (const auto& v : arr) {
    if (!v.is_int64() || v.as_int64() < 1 || v.as_int64() > 7) {
      r.add_error("weekdays", message);
      return std::nullopt;
    }
    out.push_back(static_cast<int>(v.as_int64()));
  }
  if (out.empty() || out.size() > 7) {
    r.add_error("weekdays", message);
    return std::nullopt;
  }
  return out;
}

bj::object week_object(const week_totals& w) {
  bj::object o;
  o["week_start"] = date_text(w.week_start);
  o["fasts_completed"] = w.fasts_completed;
  o["fasts_ended_early"] = w.fasts_ended_early;
  o["seconds_fasted"] = w.seconds_fasted;
  return o;
}

}  // namespace

result<schedule_draft> parse_schedule(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"protocol_id", "fasting_seconds", "weekdays", "start_time", "timezone",
                    "anchor_date", "reminder_minutes_before"});
  schedule_input in;
  in.protocol_id = r.uuid("protocol_id");
  auto seconds = r.integer("fasting_seconds", 3600, 7 * 24 * 3600);
  if (seconds && *seconds % 60 != 0) {
    r.add_error("fasting_seconds", "must be a whole number of minutes");
  } else if (seconds) {
    in.fasting_minutes = static_cast<int>(*seconds / 60);
  }
  const bool has_protocol = r.has("protocol_id") && !r.is_null("protocol_id");
  const bool has_seconds = r.has("fasting_seconds") && !r.is_null("fasting_seconds");
  if (has_protocol == has_seconds) {
    r.add_error(has_protocol ? "fasting_seconds" : "protocol_id",
                "give exactly one of protocol_id and fasting_seconds");
  }
  in.weekdays = weekdays(r, *obj);
  if (auto t = r.string("start_time", 5, 5, true); t) {
    if (is_hh_mm(*t)) {
      in.start_time = *t;
    } else {
      r.add_error("start_time", "must be a local time HH:MM");
    }
  }
  in.timezone = r.string("timezone", 1, 64);
  if (auto d = r.string("anchor_date", 10, 10); d) {
    if (auto parsed = time::parse_date(*d)) {
      in.anchor_date = std::chrono::sys_days(*parsed);
    } else {
      r.add_error("anchor_date", "must be a date YYYY-MM-DD");
    }
  }
  if (auto m = r.integer("reminder_minutes_before", 0, 1440)) {
    in.reminder_minutes_before = static_cast<int>(*m);
  }
  return schedule_draft{std::move(in), r.errors()};
}

result<upcoming_query> parse_upcoming(const std::optional<std::string>& days,
                                      const std::optional<std::string>& from) {
  std::vector<field_error> errors;
  upcoming_query q;
  q.days = int_param(errors, "days", days, 1, 60).value_or(q.days);
  q.from = date_param(errors, "from", from);
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  return q;
}

result<stats_query> parse_stats(const std::optional<std::string>& from,
                                const std::optional<std::string>& to) {
  std::vector<field_error> errors;
  stats_query q;
  q.from = date_param(errors, "from", from);
  q.to = date_param(errors, "to", to);
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  return q;
}

result<export_format> parse_export_format(const std::optional<std::string>& format) {
  if (!format || *format == "csv") {
    return export_format::csv;
  }
  if (*format == "json") {
    return export_format::json;
  }
  return validation({{"format", "must be csv or json"}});
}

std::string render_schedule(const schedule& s) {
  bj::object o;
  o["id"] = s.id;
  o["protocol_id"] = nullable(s.protocol_id);
  o["protocol_slug"] = nullable(s.protocol_slug);
  o["protocol_name"] = nullable(s.protocol_name);
  o["kind"] = s.kind;
  o["fasting_seconds"] = std::int64_t{s.fasting_minutes} * 60;
  o["fast_day_kcal"] = nullable(s.fast_day_kcal);
  bj::array days;
  for (int d : s.weekdays) {
    days.push_back(d);
  }
  o["weekdays"] = std::move(days);
  o["start_time"] = s.start_time;
  o["timezone"] = s.timezone;
  o["anchor_date"] = nullable(s.anchor_date);
  o["reminder_minutes_before"] = nullable(s.reminder_minutes_before);
  o["created_at"] = s.created_at;
  o["updated_at"] = s.updated_at;
  return json::serialize(o);
}

std::string render_upcoming(const upcoming_fasts& u, int days) {
  bj::object o;
  o["timezone"] = u.timezone;
  o["today"] = u.today;
  o["days"] = days;
  bj::array fasts;
  for (const auto& f : u.fasts) {
    bj::object item;
    item["local_date"] = f.local_date;
    item["kind"] = f.kind;
    item["start_at"] = time::format_rfc3339(f.start_at);
    item["end_at"] = time::format_rfc3339(f.end_at);
    item["start_local"] = f.start_local;
    item["end_local"] = f.end_local;
    item["fasting_seconds"] = std::int64_t{f.fasting_minutes} * 60;
    item["fast_day_kcal"] = nullable(f.fast_day_kcal);
    fasts.push_back(std::move(item));
  }
  o["fasts"] = std::move(fasts);
  return json::serialize(o);
}

std::string render_streaks(const streak_summary& s) {
  bj::object o;
  o["unit"] = s.planned_days_only ? "planned_day" : "day";
  o["timezone"] = s.timezone;
  o["today"] = date_text(s.today);
  o["current_streak"] = s.current_streak;
  o["current_streak_start"] = nullable(s.current_streak_start, date_text);
  o["current_streak_end"] = nullable(s.current_streak_end, date_text);
  o["longest_streak"] = s.longest_streak;
  o["last_completed_date"] = nullable(s.last_completed_date, date_text);
  bj::object totals;
  totals["fasts_completed"] = s.fasts_completed;
  totals["fasts_ended_early"] = s.fasts_ended_early;
  totals["seconds_fasted"] = s.seconds_fasted;
  totals["average_seconds"] = nullable(s.average_seconds);
  totals["completion_rate"] = nullable(s.completion_rate);
  o["totals"] = std::move(totals);
  o["this_week"] = week_object(s.this_week);
  o["last_week"] = week_object(s.last_week);
  return json::serialize(o);
}

std::string render_stats(const daily_stats& s) {
  bj::object o;
  o["timezone"] = s.timezone;
  o["from"] = date_text(s.from);
  o["to"] = date_text(s.to);
  std::int64_t total = 0;
  bj::array days;
  for (const auto& d : s.days) {
    bj::object item;
    item["date"] = d.date;
    item["day_seconds"] = d.day_seconds;
    item["seconds_fasted"] = d.seconds_fasted;
    item["fasts"] = d.fasts;
    total += d.seconds_fasted;
    days.push_back(std::move(item));
  }
  o["seconds_fasted"] = total;
  o["days"] = std::move(days);
  return json::serialize(o);
}

std::string render_export(const std::vector<portable_fast>& fasts) {
  bj::array items;
  for (const auto& f : fasts) {
    bj::object o;
    o["date"] = f.local_date;
    o["started_at"] = time::format_rfc3339(f.started_at);
    o["ended_at"] = nullable(f.ended_at, [](auto t) { return time::format_rfc3339(t); });
    o["duration_seconds"] = nullable(f.ended_at, [&f](auto t) {
      return std::chrono::duration_cast<std::chrono::seconds>(t - f.started_at).count();
    });
    o["target_seconds"] = f.target_seconds;
    o["status"] = f.status;
    o["protocol"] = f.protocol_slug.empty() ? bj::value(nullptr) : bj::value(f.protocol_slug);
    o["protocol_name"] = f.protocol_name.empty() ? bj::value(nullptr) : bj::value(f.protocol_name);
    o["timezone"] = f.timezone;
    o["notes"] = f.notes.empty() ? bj::value(nullptr) : bj::value(f.notes);
    items.push_back(std::move(o));
  }
  bj::object o;
  o["count"] = items.size();
  o["fasts"] = std::move(items);
  return json::serialize(o);
}

std::string render_import(const import_result& r) {
  bj::object o;
  o["imported"] = r.imported;
  o["skipped_duplicates"] = r.skipped_duplicates;
  return json::serialize(o);
}

}  // namespace ugoki::fasting::plan_dto
