// Workout session JSON: request parsers that collect every bad field, and the renderers.
#include "workouts/sessions_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "core/query.hpp"
#include "core/time.hpp"

namespace ugoki::workouts::dto {

// Named rather than anonymous: unity builds share a batch with the library part's files.
namespace session_json {

namespace bj = boost::json;
using json::nullable;

constexpr std::size_t max_notes = 2000;

std::optional<instant> read_time(json::field_reader& r, std::string_view name, instant now,
                                 const char* (*rule)(instant, instant)) {
  auto s = r.string(name, 1, 64);
  if (!s) {
    return std::nullopt;
  }
  auto t = time::parse_rfc3339(*s);
  if (!t) {
    r.add_error(std::string(name), "must be an RFC 3339 date-time such as 2026-01-31T07:00:00Z");
    return std::nullopt;
  }
  if (const char* problem = rule(*t, now)) {
    r.add_error(std::string(name), problem);
    return std::nullopt;
  }
  return t;
}

std::optional<int> small(json::field_reader& r, std::string_view name, int min, int max,
                         bool required = false) {
  auto v = r.integer(name, min, max, required);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// Items of the array member `name`, each an object read by `read(item_reader, index)`; the
// item's errors are named "name[i].field".
template <class Read>
void read_items(json::field_reader& r, const bj::object& obj, std::string_view name, Read read) {
  auto it = obj.find(name);
  if (it == obj.end() || it->value().is_null()) {
    return;
  }
  if (!it->value().is_array()) {
    r.add_error(std::string(name), "must be an array of objects");
    return;
  }
  const auto& arr = it->value().as_array();
  if (arr.size() > max_sets_per_patch) {
    r.add_error(std::string(name), "must have at most 200 items");
    return;
  }
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string prefix = std::string(name) + "[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) {
      r.add_error(prefix, "must be an object");
      continue;
    }
    json::field_reader item(arr[i].as_object());
    read(item);
    for (const auto& e : item.errors()) {
      r.add_error(prefix + "." + e.field, e.message);
    }
  }
}

std::optional<std::chrono::sys_days> date_param(const std::optional<std::string>& raw,
                                                const char* name, bool required, query::reader& r) {
  if (!raw) {
    if (required) {
      r.add_error(name, "is required");
    }
    return std::nullopt;
  }
  auto d = time::parse_date(*raw);
  if (!d) {
    r.add_error(name, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return std::chrono::sys_days(*d);
}

std::string instant_text(instant t) {
  return time::format_rfc3339(t);
}

std::string day_text(std::chrono::sys_days d) {
  return time::format_date(std::chrono::year_month_day(d));
}

void write_set(json::writer& w, const stored_set& st) {
  const set_log& s = st.s;
  w.begin_object()
      .member("exercise_id", s.exercise_id)
      .member("exercise_name", st.exercise_name)
      .member("round", s.round)
      .member("position", s.position)
      .member("reps", s.reps)
      .member("weight_kg", s.weight_kg)
      .member("duration_s", s.duration_seconds)
      .member("rest_s", s.rest_seconds)
      .member("distance_m", s.distance_m)
      .member("rpe", s.rpe)
      .member("completed", s.completed)
      .end_object();
}

void write_instant(json::writer& w, std::string_view key, const std::optional<instant>& t) {
  w.key(key);
  if (t) {
    w.value(instant_text(*t));
  } else {
    w.null();
  }
}

// One renderer for the single session and the history's rows: written straight to text, since
// a page of 20 sessions as boost::json objects cost more than the query that read them.
void write_session(json::writer& w, const session& s, bool with_sets) {
  w.begin_object()
      .member("id", s.id)
      .member("type", s.type)
      .member("status", s.status)
      .member("paused", s.paused_at.has_value())
      .member("routine_id", s.routine_id)
      .member("routine_name", s.routine_name);
  write_instant(w, "started_at", s.started_at);
  write_instant(w, "ended_at", s.ended_at);
  w.member("paused_seconds", s.paused_seconds)
      .member("active_seconds", s.active_seconds)
      .member("fasted", s.fasted)
      .member("kcal", s.kcal)
      .member("body_mass_kg", s.body_mass_kg)
      .member("kcal_estimated", s.kcal_estimated)
      .member("perceived_exertion", s.perceived_exertion)
      .member("avg_heart_rate_bpm", s.avg_heart_rate_bpm)
      .member("notes", s.notes)
      .member("timezone", s.timezone)
      .member("local_date", s.local_date);
  write_instant(w, "created_at", s.created_at);
  write_instant(w, "updated_at", s.updated_at);
  if (with_sets) {
    // The snapshot is jsonb text from PostgreSQL: valid JSON by construction.
    w.key("routine").raw(s.routine_snapshot_json.empty() ? "{}" : s.routine_snapshot_json);
    w.key("sets").begin_array();
    for (const auto& st : s.sets) {
      write_set(w, st);
    }
    w.end_array();
  }
  w.end_object();
}

bj::value mark_value(const std::optional<record_mark>& m, const char* value_name) {
  if (!m) {
    return nullptr;
  }
  bj::object o;
  // Reps and seconds are whole numbers; only the kg figures are fractional.
  if (std::string_view(value_name) == "value_kg") {
    o[value_name] = m->value;
  } else {
    o[value_name] = std::llround(m->value);
  }
  o["weight_kg"] = nullable(m->weight_kg);
  o["reps"] = nullable(m->reps);
  o["session_id"] = m->session_id;
  o["performed_at"] = instant_text(m->performed_at);
  return o;
}

}  // namespace session_json

result<start_request> parse_start(std::string_view body, instant now) {
  using namespace session_json;
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"id", "routine_id", "type", "started_at", "notes"});
  start_request req;
  req.id = r.uuid("id");
  req.routine_id = r.uuid("routine_id");
  req.type = r.one_of("type", {"hiit", "strength", "cardio", "mobility", "other"});
  req.started_at = read_time(r, "started_at", now, start_time_problem);
  req.notes = r.string("notes", 1, max_notes);
  const bool named =
      (r.has("routine_id") && !r.is_null("routine_id")) || (r.has("type") && !r.is_null("type"));
  if (!named) {
    r.add_error("type", "routine_id or type is required");
  }
  if (req.id) {
    // The API writes ids in lowercase; a replay must find the row whatever the client's case.
    for (char& c : *req.id) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return r.finish(std::move(req));
}

result<session_patch> parse_patch(std::string_view body) {
  using namespace session_json;
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown(
      {"sets", "removed_sets", "notes", "avg_heart_rate_bpm", "perceived_exertion", "action"});
  session_patch p;
  std::set<std::pair<int, int>> slots;
  bool repeated = false;
  read_items(r, *obj, "sets", [&](json::field_reader& item) {
    item.reject_unknown({"exercise_id", "round", "position", "reps", "weight_kg", "duration_s",
                         "rest_s", "distance_m", "rpe", "completed"});
    set_log s;
    auto exercise = item.uuid("exercise_id", true);
    auto round = small(item, "round", 1, 100);
    auto position = small(item, "position", 1, 1000, true);
    s.reps = small(item, "reps", 0, 10000);
    s.weight_kg = item.number("weight_kg", 0, 1000);
    s.duration_seconds = small(item, "duration_s", 0, 86400);
    s.rest_seconds = small(item, "rest_s", 0, 86400);
    s.distance_m = item.number("distance_m", 0, 1000000);
    s.rpe = small(item, "rpe", 1, 10);
    s.completed = item.boolean("completed").value_or(true);
    if (item.ok() && exercise && position) {
      s.exercise_id = *exercise;
      for (char& c : s.exercise_id) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      s.round = round.value_or(1);
      s.position = *position;
      repeated = !slots.insert({s.round, s.position}).second || repeated;
      p.sets.push_back(std::move(s));
    }
  });
  read_items(r, *obj, "removed_sets", [&](json::field_reader& item) {
    item.reject_unknown({"round", "position"});
    auto round = small(item, "round", 1, 100);
    auto position = small(item, "position", 1, 1000, true);
    if (item.ok() && position) {
      set_slot slot{round.value_or(1), *position};
      repeated = !slots.insert({slot.round, slot.position}).second || repeated;
      p.removed_sets.push_back(slot);
    }
  });
  if (repeated) {
    r.add_error("sets", "each (round, position) slot may appear once in sets and removed_sets");
  }
  p.clear_notes = r.is_null("notes");
  p.notes = r.string("notes", 1, max_notes);
  p.clear_heart_rate = r.is_null("avg_heart_rate_bpm");
  p.avg_heart_rate_bpm = small(r, "avg_heart_rate_bpm", 20, 250);
  p.clear_exertion = r.is_null("perceived_exertion");
  p.perceived_exertion = small(r, "perceived_exertion", 1, 10);
  if (r.is_null("action")) {
    r.add_error("action", "may not be null");
  }
  if (auto action = r.one_of("action", {"pause", "resume"})) {
    p.act = *action == "pause" ? session_patch::action::pause : session_patch::action::resume;
  }
  if (obj->empty()) {
    r.add_error("sets", "at least one member is required");
  }
  return r.finish(std::move(p));
}

result<std::optional<instant>> parse_complete(std::string_view body, instant now) {
  using namespace session_json;
  if (body.empty()) {
    return std::optional<instant>();
  }
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"ended_at"});
  auto ended = read_time(r, "ended_at", now, future_time_problem);
  return r.finish(std::move(ended));
}

result<void> parse_cancel(std::string_view body) {
  using namespace session_json;
  if (body.empty()) {
    return {};
  }
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({});
  if (auto failure = r.failure()) {
    return std::move(*failure);
  }
  return {};
}

result<history_query> parse_history(const history_params& p, const cursor_codec& codec) {
  using namespace session_json;
  query::reader r;
  history_query q;
  q.limit = r.integer("limit", p.limit, 1, 100).value_or(q.limit);
  auto from = date_param(p.from, "from", false, r);
  auto to = date_param(p.to, "to", false, r);
  if (from && to && *from > *to) {
    r.add_error("from", "must not be after to");
  }
  if (from) {
    q.from = day_text(*from);
  }
  if (to) {
    q.to = day_text(*to);
  }
  q.type = r.one_of("type", p.type, session_types);
  if (p.routine_id) {
    if (json::is_uuid(*p.routine_id)) {
      q.routine_id = p.routine_id;
    } else {
      r.add_error("routine_id", "must be a UUID");
    }
  }
  q.fasted = r.boolean("fasted", p.fasted);
  q.status = r.one_of("status", p.status, {"in_progress", "completed", "cancelled"});
  if (p.cursor) {
    if (auto pos = codec.decode_instant(*p.cursor)) {
      q.after_started_us = pos->micros;
      q.after_id = std::move(pos->id);
    } else {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  return r.finish(std::move(q));
}

result<stats_query> parse_stats(const stats_params& p) {
  using namespace session_json;
  query::reader r;
  stats_query q;
  auto from = date_param(p.from, "from", true, r);
  auto to = date_param(p.to, "to", true, r);
  std::int64_t max_buckets = 366;
  if (p.bucket) {
    if (*p.bucket == "day") {
      q.bucket = stats_bucket::day;
    } else if (*p.bucket == "week") {
      q.bucket = stats_bucket::week;
      max_buckets = 260;
    } else if (*p.bucket == "month") {
      q.bucket = stats_bucket::month;
      max_buckets = 120;
    } else {
      r.add_error("bucket", "must be one of: day, week, month");
    }
  }
  q.fasted = r.boolean("fasted", p.fasted);
  if (from && to) {
    if (*from > *to) {
      r.add_error("from", "must not be after to");
    } else if (bucket_count(*from, *to, q.bucket) > max_buckets) {
      r.add_error("from", "the range may hold at most " + std::to_string(max_buckets) +
                              " buckets of this size");
    } else {
      q.from = *from;
      q.to = *to;
    }
  }
  return r.finish(std::move(q));
}

std::string render_session(const session& s) {
  json::writer w(1024);
  session_json::write_session(w, s, true);
  return w.take();
}

std::string render_sessions(const std::vector<session>& items) {
  using namespace session_json;
  json::writer w(512 * items.size() + 2);
  w.begin_array();
  for (const auto& s : items) {
    session_json::write_session(w, s, false);
  }
  w.end_array();
  return w.take();
}

std::string render_pagination(const history_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const session& last = page.items.back();
  return pagination_json(codec.encode_instant(last.started_at, last.id));
}

std::string render_stats(const stats_report& r) {
  using namespace session_json;
  static constexpr const char* bucket_names[] = {"day", "week", "month"};
  bj::array buckets;
  int sessions = 0;
  std::int64_t active = 0;
  int kcal = 0;
  std::map<std::string, double> volume;
  auto volume_object = [](const std::map<std::string, double>& v) {
    bj::object o;
    for (const auto& [group, kg] : v) {
      o[group] = kg;
    }
    return o;
  };
  for (const auto& row : r.rows) {
    bj::object b;
    b["start"] = day_text(row.start);
    b["sessions"] = row.sessions;
    b["active_seconds"] = row.active_seconds;
    b["active_minutes"] = std::llround(static_cast<double>(row.active_seconds) / 60.0);
    b["kcal"] = row.kcal;
    b["volume_kg"] = volume_object(row.volume_kg);
    buckets.push_back(std::move(b));
    sessions += row.sessions;
    active += row.active_seconds;
    kcal += row.kcal;
    for (const auto& [group, kg] : row.volume_kg) {
      volume[group] += kg;
    }
  }
  bj::object totals;
  totals["sessions"] = sessions;
  totals["active_seconds"] = active;
  totals["active_minutes"] = std::llround(static_cast<double>(active) / 60.0);
  totals["kcal"] = kcal;
  totals["volume_kg"] = volume_object(volume);
  bj::object o;
  o["from"] = day_text(r.query.from);
  o["to"] = day_text(r.query.to);
  o["bucket"] = bucket_names[static_cast<int>(r.query.bucket)];
  o["fasted"] = nullable(r.query.fasted);
  o["totals"] = std::move(totals);
  o["buckets"] = std::move(buckets);
  return json::serialize(o);
}

std::string render_records(const std::vector<exercise_records>& records) {
  using namespace session_json;
  bj::array a;
  for (const auto& e : records) {
    bj::object o;
    o["exercise_id"] = e.exercise_id;
    o["exercise_name"] = e.exercise_name;
    o["max_weight"] = mark_value(e.max_weight, "value_kg");
    bj::array at;
    for (const auto& m : e.max_reps_at_weight) {
      at.push_back(mark_value(m, "value_reps"));
    }
    o["max_reps_at_weight"] = std::move(at);
    o["best_estimated_1rm"] = mark_value(e.best_estimated_1rm, "value_kg");
    o["longest_duration"] = mark_value(e.longest_duration, "value_seconds");
    a.push_back(std::move(o));
  }
  bj::object out;
  out["formula_1rm"] = "epley";
  out["exercises"] = std::move(a);
  return json::serialize(out);
}

std::string render_streaks(const workout_streaks& s) {
  using namespace session_json;
  bj::object days;
  days["current"] = s.current_days;
  days["longest"] = s.longest_days;
  bj::object weeks;
  weeks["current"] = s.current_weeks;
  weeks["longest"] = s.longest_weeks;
  weeks["goal_sessions_per_week"] = s.goal_sessions_per_week;
  weeks["this_week_sessions"] = s.this_week_sessions;
  weeks["week_start"] = day_text(s.week_start);
  bj::object o;
  o["today"] = day_text(s.today);
  o["last_workout_date"] = nullable(s.last_workout_date, day_text);
  o["days"] = std::move(days);
  o["weeks"] = std::move(weeks);
  return json::serialize(o);
}

std::string render_export(std::string_view jsonb_text) {
  using namespace session_json;
  return json::spell_instants_with_z(jsonb_text);
}

}  // namespace ugoki::workouts::dto
