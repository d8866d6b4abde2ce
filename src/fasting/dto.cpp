// Fasting JSON renderers: protocols, stages, sessions, the running timer and logs.
#include "fasting/dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::fasting::dto {

namespace {

namespace bj = boost::json;

using json::nullable;

std::string instant_text(instant t) {
  return time::format_rfc3339(t);
}

std::int64_t seconds_between(instant from, instant to) {
  return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}

bj::object session_object(const session& s) {
  bj::object o;
  o["id"] = s.id;
  o["status"] = s.status;
  o["protocol_id"] = nullable(s.protocol_id);
  o["protocol_slug"] = nullable(s.protocol_slug);
  o["protocol_name"] = nullable(s.protocol_name);
  o["started_at"] = time::format_rfc3339(s.started_at);
  o["target_end_at"] = time::format_rfc3339(s.target_end_at);
  o["target_seconds"] = seconds_between(s.started_at, s.target_end_at);
  o["ended_at"] = nullable(s.ended_at, instant_text);
  o["duration_seconds"] =
      nullable(s.ended_at, [&s](instant end) { return seconds_between(s.started_at, end); });
  o["timezone"] = s.timezone;
  o["end_local_date"] = nullable(s.end_local_date);
  o["notes"] = nullable(s.notes);
  o["source"] = s.source;
  o["created_at"] = time::format_rfc3339(s.created_at);
  o["updated_at"] = time::format_rfc3339(s.updated_at);
  return o;
}

bj::value stage_mark_value(const std::optional<stage_mark>& m) {
  if (!m) {
    return nullptr;
  }
  bj::object o;
  o["slug"] = m->slug;
  o["name"] = m->name;
  o["summary"] = m->summary;
  o["language"] = m->language;
  o["starts_at"] = time::format_rfc3339(m->starts_at);
  o["ends_at"] = nullable(m->ends_at, instant_text);
  return o;
}

// Stored documents are ours (validated before writing); a broken one renders as empty rather
// than failing the owner's whole list.
bj::value parse_stored(const std::string& json) {
  boost::system::error_code ec;
  auto v = bj::parse(json, ec);
  return ec ? bj::value(bj::array()) : v;
}

bj::object log_object(const session_log& l) {
  bj::object o;
  o["id"] = l.id;
  o["session_id"] = l.session_id;
  o["logged_at"] = time::format_rfc3339(l.logged_at);
  o["mood"] = nullable(l.mood);
  o["energy"] = nullable(l.energy);
  o["hunger"] = nullable(l.hunger);
  o["symptoms"] = parse_stored(l.symptoms_json);
  o["note"] = nullable(l.note);
  o["created_at"] = time::format_rfc3339(l.created_at);
  return o;
}

// The translation of `translations_json` into `language`, or nullopt (none, English asked, or
// a stored document that is not an object: ours are validated, so that is never expected).
std::optional<bj::object> translation_of(const std::string& translations_json,
                                         std::string_view language) {
  if (language == "en" || translations_json.size() <= 2) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  bj::value doc = bj::parse(translations_json, ec);
  if (ec || !doc.is_object()) {
    return std::nullopt;
  }
  bj::value* one = doc.get_object().if_contains(language);
  if (one == nullptr || !one->is_object()) {
    return std::nullopt;
  }
  return std::move(one->get_object());
}

void take_text(const bj::object& t, std::string_view field, std::string& out) {
  if (const bj::value* v = t.if_contains(field); v != nullptr && v->is_string()) {
    out = std::string(v->get_string());
  }
}

void take_json(const bj::object& t, std::string_view field, std::string& out) {
  if (const bj::value* v = t.if_contains(field); v != nullptr && v->is_array()) {
    out = json::serialize(*v);
  }
}

bj::object protocol_object(const protocol& p);

}  // namespace

protocol localised(const protocol& p, std::string_view language) {
  protocol out = p;
  const std::optional<bj::object> t = translation_of(p.translations_json, language);
  if (!t) {
    out.language = "en";
    return out;
  }
  out.language = std::string(language);
  take_text(*t, "name", out.name);
  take_text(*t, "description", out.description);
  take_json(*t, "benefits", out.benefits_json);
  take_json(*t, "considerations", out.considerations_json);
  return out;
}

stage localised(const stage& s, std::string_view language) {
  stage out = s;
  const std::optional<bj::object> t = translation_of(s.translations_json, language);
  if (!t) {
    out.language = "en";
    return out;
  }
  out.language = std::string(language);
  take_text(*t, "name", out.name);
  take_text(*t, "summary", out.summary);
  take_text(*t, "description", out.description);
  take_text(*t, "disclaimer", out.disclaimer);
  return out;
}

std::string render_protocol(const protocol& p) {
  bj::object o = protocol_object(p);
  o["language"] = p.language;
  return json::serialize(o);
}

std::string render_protocol_fields(const protocol& p) {
  return json::serialize(protocol_object(p));
}

namespace {

bj::object protocol_object(const protocol& p) {
  bj::object o;
  o["id"] = p.id;
  o["slug"] = p.slug;
  o["name"] = p.name;
  o["kind"] = p.kind;
  o["description"] = p.description;
  o["fasting_seconds"] = std::int64_t{p.fasting_minutes} * 60;
  o["eating_window_seconds"] = std::int64_t{p.eating_window_minutes} * 60;
  o["fast_day_kcal"] = nullable(p.fast_day_kcal);
  o["fast_days_per_week"] = nullable(p.fast_days_per_week);
  // JSONB columns arrive as JSON text written by our own seeds; parse to embed them as values.
  o["weekday_rules"] = bj::parse(p.weekday_rules_json);
  o["difficulty"] = p.difficulty;
  o["recommended_frequency"] = p.recommended_frequency;
  o["benefits"] = bj::parse(p.benefits_json);
  o["considerations"] = bj::parse(p.considerations_json);
  return o;
}

}  // namespace

std::string render_protocols(const std::vector<std::string>& rendered) {
  std::string out = "[";
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (i != 0) {
      out += ",";
    }
    out += rendered[i];
  }
  out += "]";
  return out;
}

std::string render_stages(const std::vector<stage>& stages) {
  bj::array a;
  for (const auto& s : stages) {
    bj::object o;
    o["slug"] = s.slug;
    o["name"] = s.name;
    o["starts_after_seconds"] = s.starts_after_seconds;
    o["ends_after_seconds"] = nullable(s.ends_after_seconds);
    o["summary"] = s.summary;
    o["description"] = s.description;
    o["source"] = s.source;
    o["disclaimer"] = s.disclaimer;
    o["language"] = s.language;
    a.push_back(std::move(o));
  }
  return json::serialize(a);
}

std::string render_session(const session& s) {
  return json::serialize(session_object(s));
}

std::string render_current(const active_session_view& v) {
  bj::object o;
  o["session"] = session_object(v.s);
  o["elapsed_seconds"] = v.timer.elapsed_seconds;
  o["remaining_seconds"] = v.timer.remaining_seconds;
  o["progress"] = v.timer.progress;
  o["current_stage"] = stage_mark_value(v.timer.current_stage);
  o["next_stage"] = stage_mark_value(v.timer.next_stage);
  o["as_of"] = time::format_rfc3339(v.as_of);
  return json::serialize(o);
}

std::string render_sessions(const std::vector<session>& items) {
  bj::array a;
  a.reserve(items.size());
  for (const auto& s : items) {
    a.push_back(session_object(s));
  }
  return json::serialize(a);
}

std::string render_pagination(const history_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const session& last = page.items.back();
  return pagination_json(codec.encode_instant(last.started_at, last.id));
}

std::string render_log(const session_log& l) {
  return json::serialize(log_object(l));
}

std::string render_logs(const std::vector<session_log>& logs) {
  bj::array a;
  a.reserve(logs.size());
  for (const auto& l : logs) {
    a.push_back(log_object(l));
  }
  return json::serialize(a);
}

std::string render_export(std::string_view jsonb_text) {
  return json::spell_instants_with_z(jsonb_text);
}

}  // namespace ugoki::fasting::dto
