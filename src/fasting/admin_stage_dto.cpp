// Parsers and renderers of the fasting stages' administration (admin_dto.hpp).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <array>

#include "core/json.hpp"
#include "core/version_guard.hpp"
#include "fasting/admin_dto.hpp"
#include "fasting/admin_fields.hpp"

namespace ugoki::fasting::admin_dto {

namespace {

namespace bj = boost::json;

using admin_fields::text;

// Stage boundaries are stored as numeric(6,2) hours: quarter hours are exact there, and finer
// boundaries would promise a precision the physiology does not have.
constexpr std::int64_t stage_step_seconds = 900;
constexpr std::int64_t max_stage_start_seconds = 604800;  // 7 days, the longest protocol

// A stage's translatable fields, with the English fields' limits (the sources are citations).
constexpr std::array<admin_fields::translatable, 4> stage_text{{
    {"name", 100},
    {"summary", 300},
    {"description", 4000},
    {"disclaimer", 1000},
}};

stage_patch read_stage_members(json::field_reader& r, const bj::object& o, bool required) {
  stage_patch p;
  p.name = text(r, "name", 100, required);
  if (auto s = r.integer("starts_after_seconds", 0, max_stage_start_seconds, required)) {
    if (*s % stage_step_seconds != 0) {
      r.add_error("starts_after_seconds", "must be whole quarter hours (a multiple of 900)");
    } else {
      p.starts_after_seconds = *s;
    }
  }
  p.summary = text(r, "summary", 300, required);
  p.description = text(r, "description", 4000, required);
  p.source = text(r, "source", 2000, required);
  p.disclaimer = text(r, "disclaimer", 1000, required);
  p.active = r.boolean("active");
  p.translations_json = admin_fields::translations(r, o, stage_text, !required);
  if (!required) {
    admin_fields::refuse_nulls(r, {"name", "starts_after_seconds", "summary", "description",
                                   "source", "disclaimer", "active", "translations"});
  }
  return p;
}

bj::value stored_translations(const std::string& json_text) {
  boost::system::error_code ec;
  auto v = bj::parse(json_text, ec);
  return ec || !v.is_object() ? bj::value(bj::object()) : v;
}

bj::object admin_stage_object(const admin_stage& a) {
  const stage& s = a.s;
  bj::object o;
  o["id"] = a.id;
  o["slug"] = s.slug;
  o["name"] = s.name;
  o["starts_after_seconds"] = s.starts_after_seconds;
  o["ends_after_seconds"] = json::nullable(s.ends_after_seconds);
  o["summary"] = s.summary;
  o["description"] = s.description;
  o["source"] = s.source;
  o["disclaimer"] = s.disclaimer;
  o["active"] = a.active;
  o["version"] = a.version;
  o["translations"] = stored_translations(s.translations_json);
  o["updated_at"] = a.updated_at;
  return o;
}

}  // namespace

result<admin_stage> parse_stage(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "starts_after_seconds", "summary", "description", "source",
                    "disclaimer", "active", "translations"});
  admin_stage out;
  out.s.slug = admin_fields::slug(r, true).value_or("");
  stage_patch m = read_stage_members(r, *obj, true);
  if (!r.ok()) {
    return *r.failure();
  }
  out.s.name = *m.name;
  out.s.starts_after_seconds = *m.starts_after_seconds;
  out.s.summary = *m.summary;
  out.s.description = *m.description;
  out.s.source = *m.source;
  out.s.disclaimer = *m.disclaimer;
  out.s.translations_json = m.translations_json.value_or("{}");
  out.active = m.active.value_or(true);
  return out;
}

result<stage_patch> parse_stage_patch(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "starts_after_seconds", "summary", "description", "source",
                    "disclaimer", "active", "translations", "version"});
  stage_patch p = read_stage_members(r, *obj, false);
  p.version = version_guard::require(r, if_match);
  if (r.ok() && p.empty()) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

std::string render_admin_stage(const admin_stage& s) {
  return json::serialize(admin_stage_object(s));
}

std::string render_admin_stages(const stage_page& page) {
  bj::array a;
  a.reserve(page.items.size());
  for (const auto& s : page.items) {
    a.push_back(admin_stage_object(s));
  }
  return json::serialize(a);
}

}  // namespace ugoki::fasting::admin_dto
