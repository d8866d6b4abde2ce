// JSON <-> analytics structs. Batches are read by hand rather than with field_reader so every
// error names its point's index (`points[17].value`). Every parser names all the bad fields it
// finds in one answer (issue 10 item 3): shapes, the registry's rules and comparisons together.
#include "analytics/dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "analytics/metric_registry.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::analytics::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_reported_errors = 50;
constexpr std::string_view point_fields[] = {"time",     "metric_type", "value",           "source",
                                             "metadata", "external_id", "external_version"};

class error_list {
 public:
  void add(std::string field, std::string message) {
    if (errors_.size() < max_reported_errors) {
      errors_.push_back({std::move(field), std::move(message)});
    }
  }
  bool full() const { return errors_.size() >= max_reported_errors; }
  bool empty() const { return errors_.empty(); }
  // 400 VAL_001 naming every field recorded.
  api_error failure() { return validation(std::move(errors_)); }

 private:
  std::vector<field_error> errors_;
};

// Reads one point and checks it against the registry at `now` (validate_point); records an
// error per bad field under `prefix`, each field named once: a field whose shape is wrong is not
// judged again by the registry.
void read_point(const bj::value& v, const std::string& prefix, time::instant now, metric_point& p,
                error_list& errors) {
  if (!v.is_object()) {
    errors.add(prefix.substr(0, prefix.size() - 1), "must be an object");
    return;
  }
  const bj::object& o = v.as_object();
  std::vector<std::string> named;  // fields already refused for their shape
  auto fail = [&](std::string_view field, std::string message) {
    named.emplace_back(field);
    errors.add(prefix + std::string(field), std::move(message));
  };
  for (const auto& kv : o) {
    if (std::find(std::begin(point_fields), std::end(point_fields), kv.key()) ==
        std::end(point_fields)) {
      fail(kv.key(), "is not allowed");
    }
  }
  auto text = [&](std::string_view name, bool required) -> std::optional<std::string> {
    auto it = o.find(name);
    if (it == o.end() || it->value().is_null()) {
      if (required) {
        fail(name, "is required");
      }
      return std::nullopt;
    }
    if (!it->value().is_string()) {
      fail(name, "must be a string");
      return std::nullopt;
    }
    return std::string(it->value().as_string());
  };
  if (auto t = text("time", true)) {
    if (auto parsed = time::parse_rfc3339(*t)) {
      p.time = *parsed;
    } else {
      fail("time", "must be an RFC 3339 date-time");
    }
  }
  if (auto m = text("metric_type", true)) {
    p.metric_type = std::move(*m);
  }
  if (auto s = text("source", true)) {
    p.source = std::move(*s);
  }
  p.external_id = text("external_id", false);
  auto value = o.find("value");
  if (value == o.end() || value->value().is_null()) {
    fail("value", "is required");
  } else if (!value->value().is_number()) {
    fail("value", "must be a number");
  } else {
    p.value = value->value().to_number<double>();
  }
  auto version = o.find("external_version");
  if (version != o.end() && !version->value().is_null()) {
    const bj::value& vv = version->value();
    if (vv.is_int64()) {
      p.external_version = vv.as_int64();
    } else if (vv.is_uint64()) {
      fail("external_version", "is too large");
    } else {
      fail("external_version", "must be an integer");
    }
  }
  auto meta = o.find("metadata");
  if (meta != o.end() && !meta->value().is_null()) {
    if (!meta->value().is_object()) {
      fail("metadata", "must be an object");
    } else {
      p.metadata_json = json::serialize(meta->value());
    }
  }
  for (auto& e : validate_point(p, now, "")) {
    if (std::find(named.begin(), named.end(), e.field) == named.end()) {
      errors.add(prefix + e.field, std::move(e.message));
    }
  }
}

struct window {
  std::chrono::system_clock::duration default_span;
  std::chrono::system_clock::duration max_span;
};

// The series a bucket size allows: the default range ending `to`, and the longest one.
window window_of(bucket_size s) {
  using std::chrono::days;
  using std::chrono::hours;
  switch (s) {
    case bucket_size::hour:
      return {hours(24), days(31)};
    case bucket_size::day:
      return {days(30), days(3 * 366)};
    case bucket_size::week:
      return {days(12 * 7), days(10 * 366)};
    case bucket_size::month:
      return {days(366), days(50 * 366)};
  }
  return {days(30), days(366)};
}

// {id, protocol_name, started_at, target_end_at, elapsed_seconds, remaining_seconds, progress,
// current_stage: {slug, name} | null}
bj::value fast_value(const running_fast& f) {
  bj::object o;
  o["id"] = f.id;
  o["protocol_name"] = json::nullable(f.protocol_name);
  o["started_at"] = time::format_rfc3339(f.started_at);
  o["target_end_at"] = time::format_rfc3339(f.target_end_at);
  o["elapsed_seconds"] = f.elapsed_seconds;
  o["remaining_seconds"] = f.remaining_seconds;
  o["progress"] = f.progress;
  o["current_stage"] = json::nullable(f.current_stage, [](const running_fast::stage& st) {
    return bj::object{{"slug", st.slug}, {"name", st.name}};
  });
  return o;
}

// {unit: day | planned_day, current_streak, longest_streak, last_completed_date}: the names of
// GET /fasting/streaks.
bj::value workout_week_value(const workout_week& w) {
  bj::object o;
  o["week_start"] = w.week_start;
  o["sessions"] = w.sessions;
  o["goal_sessions"] = w.goal_sessions;
  o["active_seconds"] = w.active_seconds;
  o["kcal"] = w.kcal;
  return o;
}

bj::value nutrition_value(const nutrition_today& n) {
  bj::object o;
  o["date"] = n.date;
  o["kcal_in"] = n.kcal_in;
  o["kcal_goal"] = json::nullable(n.kcal_goal);
  return o;
}

bj::value streak_value(const fast_streak& s) {
  bj::object o;
  o["unit"] = s.planned_days_only ? "planned_day" : "day";
  o["current_streak"] = s.current;
  o["longest_streak"] = s.longest;
  o["last_completed_date"] = json::nullable(s.last_completed_date, time::format_date);
  return o;
}

std::string_view bucket_name(bucket_size s) {
  switch (s) {
    case bucket_size::hour:
      return "hour";
    case bucket_size::day:
      return "day";
    case bucket_size::week:
      return "week";
    case bucket_size::month:
      return "month";
  }
  return "day";
}

std::string instant_text(time::instant t) {
  return time::format_rfc3339(t, /*millis=*/true);
}

}  // namespace

result<std::vector<metric_point>> parse_points(std::string_view body, time::instant now) {
  auto parsed = json::parse_object(body);
  if (!parsed) {
    return std::move(parsed.error());
  }
  const bj::object& root = *parsed;
  error_list errors;
  for (const auto& kv : root) {
    if (kv.key() != "points") {
      errors.add(kv.key(), "is not allowed");
    }
  }
  auto it = root.find("points");
  if (it == root.end() || !it->value().is_array()) {
    errors.add("points", "is required and must be an array");
    return errors.failure();
  }
  const bj::array& arr = it->value().as_array();
  if (arr.empty() || arr.size() > max_batch_points) {
    errors.add("points", "must hold 1 to 1000 points");
    return errors.failure();
  }
  std::vector<metric_point> points(arr.size());
  for (std::size_t i = 0; i < arr.size() && !errors.full(); ++i) {
    read_point(arr[i], "points[" + std::to_string(i) + "].", now, points[i], errors);
  }
  if (!errors.empty()) {
    return errors.failure();
  }
  return points;
}

result<point_key> parse_point_key(std::optional<std::string> metric_type,
                                  std::optional<std::string> time,
                                  std::optional<std::string> source) {
  error_list errors;
  point_key k;
  if (!metric_type || metric_type->empty()) {
    errors.add("metric_type", "is required");
  } else if (find_metric(*metric_type) == nullptr) {
    errors.add("metric_type", "is not a known metric type");
  } else {
    k.metric_type = std::move(*metric_type);
  }
  if (!source || source->empty()) {
    errors.add("source", "is required");
  } else if (!is_point_source(*source)) {
    errors.add("source", "is not a known source");
  } else {
    k.source = std::move(*source);
  }
  if (!time) {
    errors.add("time", "is required");
  } else if (auto t = time::parse_rfc3339(*time)) {
    k.time = *t;
  } else {
    errors.add("time", "must be an RFC 3339 date-time");
  }
  if (!errors.empty()) {
    return errors.failure();
  }
  return k;
}

result<series_query> parse_series_query(std::string metric_type, std::optional<std::string> from,
                                        std::optional<std::string> to,
                                        std::optional<std::string> bucket, time::instant now) {
  error_list errors;
  series_query q;
  q.metric_type = std::move(metric_type);
  // nullopt when absent or malformed (then named).
  auto instant = [&](std::string_view name, const std::optional<std::string>& text) {
    std::optional<time::instant> out;
    if (text) {
      out = time::parse_rfc3339(*text);
      if (!out) {
        errors.add(std::string(name), "must be an RFC 3339 date-time");
      }
    }
    return out;
  };
  const auto given_from = instant("from", from);
  const auto given_to = instant("to", to);
  bool bucket_ok = true;
  if (bucket) {
    if (*bucket == "hour") {
      q.size = bucket_size::hour;
    } else if (*bucket == "day") {
      q.size = bucket_size::day;
    } else if (*bucket == "week") {
      q.size = bucket_size::week;
    } else if (*bucket == "month") {
      q.size = bucket_size::month;
    } else {
      errors.add("bucket", "must be one of hour, day, week, month");
      bucket_ok = false;
    }
  }
  // The range is judged whenever its ends are known, also beside other bad parameters: a
  // malformed bound has been named already; the default `from` and the longest range depend on
  // the bucket.
  const bool to_known = given_to || !to;
  const bool from_known = given_from || (!from && bucket_ok);
  if (to_known && from_known) {
    const window w = window_of(q.size);
    q.to = given_to.value_or(now);
    q.from = given_from.value_or(q.to - w.default_span);
    if (q.from >= q.to) {
      errors.add("from", "must be before to");
    } else if (bucket_ok && q.to - q.from > w.max_span) {
      errors.add("from", "range too long for this bucket size");
    }
  }
  if (!errors.empty()) {
    return errors.failure();
  }
  return q;
}

std::string render_ingest(const ingest_result& r) {
  bj::object o;
  o["inserted"] = r.inserted;
  o["updated"] = r.updated;
  o["duplicates"] = r.duplicates;
  return json::serialize(o);
}

std::string render_series(const series& s) {
  const metric_info* info = find_metric(s.metric_type);
  const bool additive = info != nullptr && info->additive;
  bj::array buckets;
  buckets.reserve(s.buckets.size());
  for (const bucket& b : s.buckets) {
    bj::object o;
    o["start"] = instant_text(b.start);
    o["count"] = b.count;
    o["avg"] = b.sum / static_cast<double>(b.count);
    o["min"] = b.min;
    o["max"] = b.max;
    o["sum"] = additive ? bj::value(b.sum) : bj::value(nullptr);
    buckets.emplace_back(std::move(o));
  }
  bj::object o;
  o["metric_type"] = s.metric_type;
  o["unit"] = info != nullptr ? info->unit : "";
  o["additive"] = additive;
  o["bucket"] = bucket_name(s.size);
  o["timezone"] = s.timezone;
  o["from"] = instant_text(s.from);
  o["to"] = instant_text(s.to);
  o["buckets"] = std::move(buckets);
  return json::serialize(o);
}

std::string render_progress(const std::vector<metric_progress>& items) {
  bj::array metrics;
  for (const auto& p : items) {
    const metric_info* info = find_metric(p.metric_type);
    bj::object o;
    o["metric_type"] = p.metric_type;
    o["unit"] = info != nullptr ? info->unit : "";
    o["additive"] = info != nullptr && info->additive;
    o["latest_value"] = p.latest_value;
    o["latest_time"] = instant_text(p.latest_time);
    o["change_7d"] = json::nullable(p.change_7d);
    o["change_30d"] = json::nullable(p.change_30d);
    metrics.emplace_back(std::move(o));
  }
  bj::object o;
  o["metrics"] = std::move(metrics);
  return json::serialize(o);
}

std::string render_dashboard(const dashboard& d) {
  const dashboard_metrics& m = d.metrics;
  bj::object weight;
  if (m.weight_kg) {
    weight["value_kg"] = *m.weight_kg;
    weight["time"] = instant_text(*m.weight_time);
    weight["change_7d"] = json::nullable(m.weight_change_7d);
    weight["change_30d"] = json::nullable(m.weight_change_30d);
  }
  bj::object today;
  today["steps"] = m.steps_today;
  today["active_kcal"] = m.active_kcal_today;
  bj::object o;
  o["date"] = m.local_date;
  o["timezone"] = m.timezone;
  o["active_fast"] = json::nullable(d.active_fast, fast_value);
  o["fasting_streak"] = json::nullable(d.fasting_streak, streak_value);
  o["weight"] = m.weight_kg ? bj::value(std::move(weight)) : bj::value(nullptr);
  o["today"] = std::move(today);
  o["workouts_this_week"] = json::nullable(d.workouts_this_week, workout_week_value);
  o["nutrition_today"] = json::nullable(d.nutrition, nutrition_value);
  return json::serialize(o);
}

std::string render_streaks(const streaks& s) {
  bj::object logging;
  logging["current_days"] = s.logging.current_days;
  logging["longest_days"] = s.logging.longest_days;
  logging["last_logged_date"] = json::nullable(s.logging.last_logged_date);
  bj::object o;
  o["fasting"] = json::nullable(s.fasting, streak_value);
  o["logging"] = std::move(logging);
  return json::serialize(o);
}

std::string render_export(std::string_view jsonb_text) {
  // Our own statement's output: a parse failure is a bug (500), not a client mistake.
  bj::value doc = bj::parse(jsonb_text);
  json::spell_instants_with_z(doc);
  return json::serialize(doc);
}

}  // namespace ugoki::analytics::dto
