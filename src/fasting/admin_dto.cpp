// Parsers and renderers of the fasting protocols' administration (admin_dto.hpp); stages are
// admin_stage_dto.cpp.
#include "fasting/admin_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <array>

#include "core/json.hpp"
#include "core/query.hpp"
#include "core/text.hpp"
#include "core/version_guard.hpp"
#include "fasting/admin_fields.hpp"
#include "fasting/dto.hpp"

namespace ugoki::fasting::admin_dto {

namespace {

namespace bj = boost::json;

using admin_fields::sentences;
using admin_fields::text;

constexpr std::size_t max_weekday_rules_bytes = 2000;

// A protocol's translatable fields, with the English fields' limits.
constexpr std::array<admin_fields::translatable, 4> protocol_text{{
    {"name", 100},
    {"description", 4000},
    {"benefits", 0, true},
    {"considerations", 0, true},
}};

// Seconds in whole minutes within [min_s, max_s], as minutes.
std::optional<int> minutes(json::field_reader& r, std::string_view name, int min_s, int max_s,
                           bool required) {
  auto s = r.integer(name, min_s, max_s, required);
  if (!s) {
    return std::nullopt;
  }
  if (*s % 60 != 0) {
    r.add_error(std::string(name), "must be whole minutes (a multiple of 60)");
    return std::nullopt;
  }
  return static_cast<int>(*s / 60);
}

std::optional<std::string> weekday_rules(json::field_reader& r, const bj::object& o) {
  const bj::value* v = o.if_contains("weekday_rules");
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_object()) {
    r.add_error("weekday_rules", "must be an object");
    return std::nullopt;
  }
  std::string text = json::serialize(v->get_object());
  if (text.size() > max_weekday_rules_bytes) {
    r.add_error("weekday_rules", "must be at most 2000 bytes of JSON");
    return std::nullopt;
  }
  return text;
}

std::optional<std::optional<int>> nullable_int(json::field_reader& r, std::string_view name,
                                               int min, int max) {
  if (!r.has(name)) {
    return std::nullopt;
  }
  if (r.is_null(name)) {
    return std::optional<int>{};
  }
  if (auto v = r.integer(name, min, max)) {
    return std::optional<int>{static_cast<int>(*v)};
  }
  return std::nullopt;
}

// Every member but slug and version, each optional here; `required` makes the non-nullable
// ones required.
protocol_patch read_members(json::field_reader& r, const bj::object& o, bool required) {
  protocol_patch p;
  p.name = text(r, "name", 100, required);
  p.kind = r.one_of("kind", {"daily_tre", "weekly", "alternate_day", "extended"}, required);
  p.description = text(r, "description", 4000, required);
  p.fasting_minutes = minutes(r, "fasting_seconds", 3600, 604800, required);
  p.eating_window_minutes = minutes(r, "eating_window_seconds", 0, 86400, required);
  p.fast_day_kcal = nullable_int(r, "fast_day_kcal", 200, 1000);
  p.fast_days_per_week = nullable_int(r, "fast_days_per_week", 1, 6);
  p.weekday_rules_json = weekday_rules(r, o);
  p.difficulty = r.one_of("difficulty", {"beginner", "intermediate", "advanced"}, required);
  p.recommended_frequency =
      r.one_of("recommended_frequency", {"daily", "weekly", "occasional"}, required);
  p.benefits_json = sentences(r, o, "benefits", required);
  p.considerations_json = sentences(r, o, "considerations", required);
  if (auto s = r.integer("sort_order", 0, 100000)) {
    p.sort_order = static_cast<int>(*s);
  }
  p.active = r.boolean("active");
  p.translations_json = admin_fields::translations(r, o, protocol_text, !required);
  if (!required) {
    admin_fields::refuse_nulls(
        r, {"name", "kind", "description", "fasting_seconds", "eating_window_seconds",
            "weekday_rules", "difficulty", "recommended_frequency", "benefits", "considerations",
            "sort_order", "active", "translations"});
  }
  return p;
}

// An optional body: empty means {}.
result<bj::object> optional_object(std::string_view body) {
  if (text::trim_ows(body).empty()) {
    return bj::object{};
  }
  return json::parse_object(body);
}

// Stored documents are ours (validated before writing); a broken one renders as empty.
bj::value stored_object(const std::string& json_text) {
  boost::system::error_code ec;
  auto v = bj::parse(json_text, ec);
  return ec || !v.is_object() ? bj::value(bj::object()) : v;
}

}  // namespace

result<std::pair<int, int>> parse_page(const std::optional<std::string>& page,
                                       const std::optional<std::string>& per_page) {
  query::reader r;
  const query::offset_page p = r.offset(page, per_page);
  return r.finish(std::pair{p.page, p.per_page});
}

result<admin_protocol> parse_protocol(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "kind", "description", "fasting_seconds",
                    "eating_window_seconds", "fast_day_kcal", "fast_days_per_week", "weekday_rules",
                    "difficulty", "recommended_frequency", "benefits", "considerations",
                    "sort_order", "active", "translations"});
  admin_protocol out;
  out.p.slug = admin_fields::slug(r, true).value_or("");
  protocol_patch m = read_members(r, *obj, true);
  if (!r.ok()) {
    return *r.failure();
  }
  out.p.name = *m.name;
  out.p.kind = *m.kind;
  out.p.description = *m.description;
  out.p.fasting_minutes = *m.fasting_minutes;
  out.p.eating_window_minutes = *m.eating_window_minutes;
  out.p.fast_day_kcal = m.fast_day_kcal.value_or(std::nullopt);
  out.p.fast_days_per_week = m.fast_days_per_week.value_or(std::nullopt);
  out.p.weekday_rules_json = m.weekday_rules_json.value_or("{}");
  out.p.difficulty = *m.difficulty;
  out.p.recommended_frequency = *m.recommended_frequency;
  out.p.benefits_json = *m.benefits_json;
  out.p.considerations_json = *m.considerations_json;
  out.p.translations_json = m.translations_json.value_or("{}");
  out.sort_order = m.sort_order.value_or(0);
  out.active = m.active.value_or(true);
  return out;
}

result<protocol_patch> parse_protocol_patch(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "kind", "description", "fasting_seconds", "eating_window_seconds",
                    "fast_day_kcal", "fast_days_per_week", "weekday_rules", "difficulty",
                    "recommended_frequency", "benefits", "considerations", "sort_order", "active",
                    "translations", "version"});
  protocol_patch p = read_members(r, *obj, false);
  p.version = version_guard::require(r, if_match);
  if (r.ok() && p.empty()) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

result<std::optional<std::int64_t>> parse_precondition(std::string_view body,
                                                       std::string_view if_match) {
  auto obj = optional_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"version"});
  auto version = version_guard::read(r, if_match);
  return r.finish(version);
}

std::string render_admin_protocol(const admin_protocol& p) {
  std::string base = dto::render_protocol_fields(p.p);
  bj::object extra;
  extra["sort_order"] = p.sort_order;
  extra["active"] = p.active;
  extra["version"] = p.version;
  extra["translations"] = stored_object(p.p.translations_json);
  extra["updated_at"] = p.updated_at;
  std::string rest = json::serialize(extra);
  // Splice the admin members into the public object: the two shapes cannot drift apart.
  base.pop_back();
  return base + "," + rest.substr(1);
}

std::string render_admin_protocols(const protocol_page& page) {
  std::string out = "[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += render_admin_protocol(page.items[i]);
  }
  out += ']';
  return out;
}

}  // namespace ugoki::fasting::admin_dto
