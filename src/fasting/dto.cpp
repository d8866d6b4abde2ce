// Fasting JSON shapes.
#include "fasting/dto.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ugoki::fasting::dto {

namespace {

boost::json::value optional_int(const std::optional<int>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

std::string render_protocol(const protocol& p) {
  boost::json::object o;
  o["id"] = p.id;
  o["slug"] = p.slug;
  o["name"] = p.name;
  o["kind"] = p.kind;
  o["description"] = p.description;
  o["fasting_seconds"] = std::int64_t{p.fasting_minutes} * 60;
  o["eating_window_seconds"] = std::int64_t{p.eating_window_minutes} * 60;
  o["fast_day_kcal"] = optional_int(p.fast_day_kcal);
  o["fast_days_per_week"] = optional_int(p.fast_days_per_week);
  // JSONB columns arrive as JSON text written by our own seeds; parse to embed them as values.
  o["weekday_rules"] = boost::json::parse(p.weekday_rules_json);
  o["difficulty"] = p.difficulty;
  o["recommended_frequency"] = p.recommended_frequency;
  o["benefits"] = boost::json::parse(p.benefits_json);
  o["considerations"] = boost::json::parse(p.considerations_json);
  return boost::json::serialize(o);
}

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

}  // namespace ugoki::fasting::dto
