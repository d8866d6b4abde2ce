// Request parsers of the fasting session routes: every field checked, every error collected.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/query.hpp"
#include "core/time.hpp"
#include "fasting/dto.hpp"
#include "fasting/time_rules.hpp"

namespace ugoki::fasting::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_notes = 2000;
constexpr std::size_t max_symptoms = 20;
constexpr std::size_t max_symptom_length = 50;

// An RFC 3339 instant with any offset that `rule` (time_rules.hpp) accepts at `now`, or nullopt
// (recording the error) when present and bad.
std::optional<instant> read_instant(json::field_reader& r, std::string_view name, instant now,
                                    const char* (*rule)(instant, instant) = future_problem) {
  auto s = r.string(name, 1, 64);
  if (!s) {
    return std::nullopt;
  }
  auto t = time::parse_rfc3339(*s);
  if (!t) {
    r.add_error(std::string(name), "must be an RFC 3339 date-time such as 2026-01-31T07:00:00Z");
  } else if (const char* problem = rule(*t, now)) {
    r.add_error(std::string(name), problem);
    return std::nullopt;
  }
  return t;
}

// target_hours as whole seconds; fractional hours allowed (16.5 h).
std::optional<std::int64_t> read_target(json::field_reader& r) {
  auto hours = r.number("target_hours", 1, 168);
  if (!hours) {
    return std::nullopt;
  }
  return std::llround(*hours * 3600);
}

// symptoms: an array of distinct strings, serialised for the jsonb column.
std::optional<std::string> read_symptoms(json::field_reader& r, const bj::object& obj) {
  auto it = obj.find("symptoms");
  if (it == obj.end() || it->value().is_null()) {
    return std::nullopt;
  }
  if (!it->value().is_array()) {
    r.add_error("symptoms", "must be an array of strings");
    return std::nullopt;
  }
  const auto& arr = it->value().as_array();
  if (arr.size() > max_symptoms) {
    r.add_error("symptoms", "must have at most 20 items");
    return std::nullopt;
  }
  bj::array out;
  for (const auto& v : arr) {
    if (!v.is_string()) {
      r.add_error("symptoms", "must be an array of strings");
      return std::nullopt;
    }
    std::string_view s = v.as_string();
    std::size_t code_points = 0;
    for (unsigned char c : s) {
      code_points += (c & 0xC0) != 0x80;
    }
    if (code_points < 1 || code_points > max_symptom_length) {
      r.add_error("symptoms", "items must be between 1 and 50 characters");
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), v) == out.end()) {
      out.push_back(v);
    }
  }
  return json::serialize(out);
}

}  // namespace

result<start_request> parse_start(std::string_view body, instant now) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"protocol_id", "target_hours", "started_at", "notes"});
  start_request req;
  req.protocol_id = r.uuid("protocol_id");
  req.target_seconds = read_target(r);
  req.started_at = read_instant(r, "started_at", now, start_problem);
  req.notes = r.string("notes", 1, max_notes);
  bool named = (r.has("protocol_id") && !r.is_null("protocol_id")) ||
               (r.has("target_hours") && !r.is_null("target_hours"));
  if (!named) {
    r.add_error("protocol_id", "protocol_id or target_hours is required");
  }
  return r.finish(std::move(req));
}

result<session_patch> parse_patch(std::string_view body, instant now) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"notes", "target_hours", "started_at"});
  session_patch p;
  p.clear_notes = r.is_null("notes");
  p.notes = r.string("notes", 1, max_notes);
  for (auto name : {"target_hours", "started_at"}) {
    if (r.is_null(name)) {
      r.add_error(name, "may not be null");
    }
  }
  p.target_seconds = read_target(r);
  p.started_at = read_instant(r, "started_at", now);
  return r.finish(std::move(p));
}

result<std::optional<instant>> parse_end(std::string_view body, instant now) {
  if (body.empty()) {
    return std::optional<instant>();
  }
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"ended_at"});
  auto ended = read_instant(r, "ended_at", now);
  return r.finish(std::move(ended));
}

result<new_log> parse_log(std::string_view body, instant now) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"logged_at", "mood", "energy", "hunger", "symptoms", "note"});
  new_log l;
  l.logged_at = read_instant(r, "logged_at", now);
  auto scale = [&r](std::string_view name) -> std::optional<int> {
    auto v = r.integer(name, 1, 5);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  };
  l.mood = scale("mood");
  l.energy = scale("energy");
  l.hunger = scale("hunger");
  auto symptoms = read_symptoms(r, *obj);
  l.note = r.string("note", 1, max_notes);
  if (r.ok() && !l.mood && !l.energy && !l.hunger && !l.note && (!symptoms || *symptoms == "[]")) {
    r.add_error("mood", "at least one of mood, energy, hunger, symptoms and note is required");
  }
  l.symptoms_json = symptoms.value_or("[]");
  return r.finish(std::move(l));
}

result<history_query> parse_history(const history_params& p, const cursor_codec& codec) {
  query::reader r;
  history_query q;
  q.limit = r.integer("limit", p.limit, 1, 100).value_or(q.limit);
  auto date = [&r](const char* name, const std::optional<std::string>& raw) {
    if (raw && !time::parse_date(*raw)) {
      r.add_error(name, "must be a date YYYY-MM-DD");
      return std::optional<std::string>();
    }
    return raw;
  };
  q.from = date("from", p.from);
  q.to = date("to", p.to);
  // Both parsed: ISO dates compare correctly as text.
  if (q.from && q.to && *q.from > *q.to) {
    r.add_error("from", "must not be after to");
  }
  q.status = r.one_of("status", p.status, {"active", "completed", "ended_early", "cancelled"});
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

}  // namespace ugoki::fasting::dto
