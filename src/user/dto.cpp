// JSON <-> profile structs (GET/PATCH /users/me) and the encrypted-list encoding.
#include "user/dto.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>

#include <stdexcept>

#include "core/time.hpp"
#include "user/dto_fields.hpp"

namespace ugoki::user::dto {

namespace {

namespace bj = boost::json;

bj::array to_array(const std::vector<std::string>& items) {
  bj::array a;
  for (const auto& s : items) {
    a.emplace_back(s);
  }
  return a;
}

// Stored documents are ours (validated before writing); a broken one renders as empty rather
// than failing the owner's whole profile.
bj::value parse_stored(const std::string& json, bj::value fallback) {
  boost::system::error_code ec;
  auto v = bj::parse(json, ec);
  return ec ? fallback : v;
}

bool is_https_url(std::string_view s) {
  auto u = boost::urls::parse_absolute_uri(s);
  return u && u->scheme() == "https" && u->has_authority() && !u->encoded_host().empty() &&
         !u->has_userinfo();
}

constexpr std::string_view profile_fields[] = {
    "display_name",        "avatar_url",        "gender",   "height_cm", "weight_kg",
    "body_fat_percentage", "fitness_level",     "timezone", "locale",    "dietary_preferences",
    "date_of_birth",       "health_conditions", "allergies"};

// Fields of the account or of record: a body naming them is refused rather than ignored, so a
// client never believes it changed its role or email here.
constexpr std::string_view read_only_fields[] = {"id",
                                                 "user_id",
                                                 "email",
                                                 "role",
                                                 "email_verified",
                                                 "created_at",
                                                 "updated_at",
                                                 "deleted_at",
                                                 "onboarding_completed_at",
                                                 "onboarding_answers",
                                                 "pii_key_id",
                                                 "recommended_protocol_id"};

// dietary_preferences: {"diet": one of diets, "excluded_foods": [<= 30 strings]}.
std::optional<std::string> dietary_preferences(json::field_reader& r, const bj::object& body) {
  const auto& v = body.at("dietary_preferences");
  if (!v.is_object()) {
    r.add_error("dietary_preferences", "must be an object");
    return std::nullopt;
  }
  const auto& obj = v.as_object();
  json::field_reader inner(obj);
  inner.reject_unknown({"diet", "excluded_foods"});
  auto diet =
      inner.one_of("diet", {"omnivore", "vegetarian", "vegan", "pescatarian", "keto", "paleo",
                            "low_carb", "mediterranean", "halal", "kosher", "other"});
  auto excluded = detail::string_list(inner, obj, "excluded_foods", 30, 50);
  if (!inner.ok()) {
    // Re-home the nested errors under the parent field so clients see the full path.
    for (const auto& key : obj) {
      std::string_view k = key.key();
      bool bad = k != "diet" && k != "excluded_foods";
      bad = bad || (k == "diet" && !diet && !key.value().is_null());
      bad = bad || (k == "excluded_foods" && !excluded && !key.value().is_null());
      if (bad) {
        r.add_error("dietary_preferences." + std::string(k), "is not valid");
      }
    }
    return std::nullopt;
  }
  bj::object out;
  if (diet) {
    out["diet"] = *diet;
  }
  if (excluded) {
    out["excluded_foods"] = to_array(*excluded);
  }
  return json::serialize(out);
}

bj::object profile_object(const profile& pr) {
  bj::object p;
  p["display_name"] = json::nullable(pr.display_name);
  p["avatar_url"] = json::nullable(pr.avatar_url);
  p["gender"] = json::nullable(pr.gender);
  p["height_cm"] = json::nullable(pr.height_cm);
  p["weight_kg"] = json::nullable(pr.weight_kg);
  p["body_fat_percentage"] = json::nullable(pr.body_fat_percentage);
  p["fitness_level"] = json::nullable(pr.fitness_level);
  p["timezone"] = pr.timezone;
  p["locale"] = pr.locale;
  p["dietary_preferences"] = parse_stored(pr.dietary_preferences_json, bj::object());
  p["date_of_birth"] = json::nullable(pr.date_of_birth);
  p["health_conditions"] = to_array(pr.health_conditions);
  p["allergies"] = to_array(pr.allergies);
  p["onboarding_answers"] = pr.onboarding_answers_json
                                ? parse_stored(*pr.onboarding_answers_json, nullptr)
                                : bj::value(nullptr);
  p["onboarding_completed_at"] = json::nullable(pr.onboarding_completed_at);
  p["recommended_protocol_id"] = json::nullable(pr.recommended_protocol_id);
  p["updated_at"] = json::nullable(pr.updated_at);
  return p;
}

}  // namespace

std::string render_profile(const profile& p) {
  return json::serialize(profile_object(p));
}

std::string render_me(const me& m) {
  bj::object o;
  o["id"] = m.id;
  o["email"] = m.email;
  o["email_verified"] = m.email_verified;
  o["role"] = m.role;
  o["created_at"] = m.created_at;
  o["profile"] = profile_object(m.prof);
  return json::serialize(o);
}

result<profile_patch> parse_profile_patch(std::string_view body, const profile_rules& rules) {
  auto parsed = json::parse_object(body);
  if (!parsed) {
    return std::move(parsed.error());
  }
  const bj::object& obj = *parsed;
  json::field_reader r(obj);
  for (const auto& kv : obj) {
    for (auto ro : read_only_fields) {
      if (kv.key() == ro) {
        r.add_error(std::string(ro), "cannot be changed here");
      }
    }
  }
  for (const auto& kv : obj) {
    bool known = false;
    for (auto f : profile_fields) {
      known = known || kv.key() == f;
    }
    for (auto f : read_only_fields) {
      known = known || kv.key() == f;
    }
    if (!known) {
      r.add_error(std::string(kv.key()), "is not allowed");
    }
  }
  profile_patch p;
  p.display_name = detail::patch<std::string>(r, "display_name",
                                              [&] { return r.string("display_name", 1, 100); });
  p.avatar_url = detail::patch<std::string>(r, "avatar_url", [&] {
    return detail::checked(r, "avatar_url", 500, is_https_url, "must be an https URL");
  });
  p.gender = detail::patch<std::string>(r, "gender", [&] {
    return r.one_of("gender", {"female", "male", "non_binary", "other", "prefer_not_to_say"});
  });
  p.height_cm =
      detail::patch<double>(r, "height_cm", [&] { return r.number("height_cm", 50, 272); });
  p.weight_kg =
      detail::patch<double>(r, "weight_kg", [&] { return r.number("weight_kg", 20, 500); });
  p.body_fat_percentage = detail::patch<double>(
      r, "body_fat_percentage", [&] { return r.number("body_fat_percentage", 2, 75); });
  p.fitness_level = detail::patch<std::string>(r, "fitness_level", [&] {
    return r.one_of("fitness_level", {"beginner", "intermediate", "advanced"});
  });
  for (auto name : {"timezone", "locale"}) {
    if (r.is_null(name)) {
      r.add_error(name, "cannot be null");
    }
  }
  p.timezone = r.string("timezone", 1, 64);
  p.locale = detail::checked(r, "locale", 35, detail::is_language_tag,
                             "must be a language tag such as en or pt-BR");
  if (r.is_null("dietary_preferences")) {
    p.dietary_preferences_json = "{}";
  } else if (r.has("dietary_preferences")) {
    p.dietary_preferences_json = dietary_preferences(r, obj);
  }
  p.date_of_birth = detail::patch<std::string>(r, "date_of_birth", [&] {
    return detail::checked(
        r, "date_of_birth", 10,
        [](const std::string& s) { return time::parse_date(s).has_value(); },
        "must be a date (YYYY-MM-DD)");
  });
  p.health_conditions = detail::patch<std::vector<std::string>>(r, "health_conditions", [&] {
    return detail::string_list(r, obj, "health_conditions", 20, 100);
  });
  p.allergies = detail::patch<std::vector<std::string>>(
      r, "allergies", [&] { return detail::string_list(r, obj, "allergies", 20, 100); });
  // The fields that parsed are checked against the zone list and today's date here too, so
  // they are named in the same answer as the others.
  std::vector<field_error> problems;
  rules.check(p, problems);
  for (auto& e : problems) {
    r.add_error(std::move(e.field), std::move(e.message));
  }
  return r.finish(std::move(p));
}

result<std::string> parse_delete_account(std::string_view body) {
  // Same bound as login: old passwords may predate today's policy, but nobody makes us hash MiBs.
  constexpr std::size_t max_password_chars = 1024;
  auto parsed = json::parse_object(body);
  if (!parsed) {
    return std::move(parsed.error());
  }
  json::field_reader r(*parsed);
  r.reject_unknown({"password"});
  auto password = r.string("password", 1, max_password_chars, true);
  return r.finish(password.value_or(""));
}

std::string encode_list(const std::vector<std::string>& items) {
  return json::serialize(to_array(items));
}

std::vector<std::string> decode_list(std::string_view text) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_array()) {
    throw std::invalid_argument("stored list is not a JSON array");
  }
  std::vector<std::string> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_string()) {
      throw std::invalid_argument("stored list holds a non-string");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

dietary_preferences_view read_dietary_preferences(std::string_view json) {
  dietary_preferences_view out;
  boost::system::error_code ec;
  auto v = bj::parse(json, ec);
  if (ec || !v.is_object()) {
    return out;
  }
  const auto& o = v.as_object();
  if (auto d = o.if_contains("diet"); d != nullptr && d->is_string()) {
    out.diet = std::string(d->as_string());
  }
  if (auto f = o.if_contains("excluded_foods"); f != nullptr && f->is_array()) {
    for (const auto& x : f->as_array()) {
      if (x.is_string()) {
        out.excluded_foods.emplace_back(x.as_string());
      }
    }
  }
  return out;
}

}  // namespace ugoki::user::dto
