// Parsers and renderers of the workout reference data's administration (admin_dto.hpp).
#include "workouts/admin_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <span>

#include "core/json.hpp"
#include "core/language.hpp"
#include "core/query.hpp"
#include "core/text.hpp"
#include "core/version_guard.hpp"
#include "workouts/routine_rules.hpp"

namespace ugoki::workouts::admin_dto {

namespace {

namespace bj = boost::json;

// The closed vocabularies of migrations 0005 and 0021.
constexpr std::string_view muscle_groups[] = {
    "chest",  "back",        "shoulders",  "biceps",   "triceps",    "forearms",
    "core",   "obliques",    "lower_back", "glutes",   "quadriceps", "hamstrings",
    "calves", "hip_flexors", "adductors",  "full_body"};
constexpr std::string_view equipment_names[] = {"dumbbell",  "kettlebell", "resistance_band",
                                                "mini_band", "jump_rope",  "box"};
constexpr std::string_view goal_names[] = {"fat_loss", "endurance", "strength", "core",
                                           "low_impact"};
constexpr std::string_view blocks[] = {"warm_up", "main", "cool_down"};

constexpr std::size_t max_aliases = 10;
constexpr std::size_t max_alias_chars = 60;
constexpr std::size_t max_url_chars = 2000;
constexpr std::size_t max_slots = 50;
constexpr std::size_t max_notes_chars = 500;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') {
    return false;
  }
  char prev = 'a';
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) {
      return false;
    }
    prev = c;
  }
  return true;
}

// Plain text of 1..max characters: not blank, no control characters.
std::optional<std::string> plain(json::field_reader& r, std::string_view name, std::size_t max,
                                 bool required) {
  auto s = r.string(name, 1, max, required);
  if (s && (blank(*s) || has_control(*s))) {
    r.add_error(std::string(name), "must be text without control characters, not blank");
    return std::nullopt;
  }
  return s;
}

// A member that may be absent but not null (PATCH), named once.
void refuse_null(json::field_reader& r, std::span<const std::string_view> names) {
  for (std::string_view name : names) {
    if (r.has(name) && r.is_null(name)) {
      r.add_error(std::string(name), "cannot be null");
    }
  }
}

// An array of min..max distinct strings, each one of `allowed` (when given) or plain text of
// 1..max_chars. Absent: nullopt (and "is required" when required).
std::optional<std::vector<std::string>> string_list(json::field_reader& r, const bj::object& o,
                                                    std::string_view name, std::size_t min,
                                                    std::size_t max,
                                                    std::span<const std::string_view> allowed,
                                                    std::size_t max_chars, bool required,
                                                    bool distinct = true) {
  const bj::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error(std::string(name), "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().size() < min || v->get_array().size() > max) {
    r.add_error(std::string(name), "must be an array of " + std::to_string(min) + " to " +
                                       std::to_string(max) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  const auto& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string field = std::string(name) + "[" + std::to_string(i) + "]";
    if (!a[i].is_string()) {
      r.add_error(field, "must be a string");
      ok = false;
      continue;
    }
    std::string_view s = a[i].get_string();
    if (!allowed.empty()) {
      if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
        std::string list;
        for (auto w : allowed) {
          list += (list.empty() ? "" : ", ") + std::string(w);
        }
        r.add_error(field, "must be one of: " + list);
        ok = false;
        continue;
      }
    } else if (s.empty() || code_points(s) > max_chars || blank(s) || has_control(s)) {
      r.add_error(field, "must be text of 1 to " + std::to_string(max_chars) +
                             " characters without control characters");
      ok = false;
      continue;
    }
    if (distinct && std::find(out.begin(), out.end(), s) != out.end()) {
      r.add_error(field, "repeats an earlier item");
      ok = false;
      continue;
    }
    out.emplace_back(s);
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<std::vector<std::string>> instructions(json::field_reader& r, const bj::object& o,
                                                     bool required) {
  return string_list(r, o, "instructions", min_instructions, max_instructions, {},
                     max_instruction_chars, required, false);
}

// An https URL without spaces or control characters, or null (`clear` then holds).
std::optional<std::optional<std::string>> url(json::field_reader& r, std::string_view name) {
  if (!r.has(name)) {
    return std::nullopt;
  }
  if (r.is_null(name)) {
    return std::optional<std::string>{};
  }
  auto s = r.string(name, 9, max_url_chars);
  if (!s) {
    return std::nullopt;
  }
  if (s->rfind("https://", 0) != 0 || s->find(' ') != std::string::npos || has_control(*s)) {
    r.add_error(std::string(name), "must be an https:// URL");
    return std::nullopt;
  }
  return std::optional<std::string>{*s};
}

// met_value: 1.0..25.0 in tenths (numeric(4,1)).
std::optional<double> met(json::field_reader& r, bool required) {
  auto v = r.number("met_value", 1.0, 25.0, required);
  if (v && std::fabs(*v * 10 - std::round(*v * 10)) > 1e-6) {
    r.add_error("met_value", "must have at most one decimal");
    return std::nullopt;
  }
  return v ? std::optional<double>(std::round(*v * 10) / 10) : std::nullopt;
}

std::optional<std::string> met_source(json::field_reader& r, bool required) {
  auto s = r.string("met_source", 1, 64, required);
  if (!s) {
    return std::nullopt;
  }
  constexpr std::string_view a = "Compendium 2011 code ";
  constexpr std::string_view b = "Compendium 2024 code ";
  std::string_view v = *s;
  bool ok = (v.rfind(a, 0) == 0 || v.rfind(b, 0) == 0) && v.size() == a.size() + 5 &&
            std::all_of(v.begin() + a.size(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!ok) {
    r.add_error("met_source", "must be \"Compendium 2011 code NNNNN\" (or 2024)");
    return std::nullopt;
  }
  return s;
}

std::optional<int> small_int(json::field_reader& r, std::string_view name, int min, int max,
                             bool required = false) {
  auto v = r.integer(name, min, max, required);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// "translations": {"de": {...} | null}. Each language of language::served but English; each
// translation an object with at least one of name, description, instructions, within the
// English limits. Errors are named "translations.de.name".
admin::translations_change translations(json::field_reader& r, const bj::object& o,
                                        bool allow_null) {
  admin::translations_change out;
  const bj::value* v = o.if_contains("translations");
  if (v == nullptr) {
    return out;
  }
  if (!v->is_object()) {
    r.add_error("translations", "must be an object of languages to translations");
    return out;
  }
  bj::object set;
  for (const auto& kv : v->get_object()) {
    const std::string lang(kv.key());
    const std::string field = "translations." + lang;
    const bool served =
        lang != language::fallback &&
        std::find(language::served.begin(), language::served.end(), lang) != language::served.end();
    if (!served) {
      r.add_error(field, "must be one of: de, fr, es, it");
      continue;
    }
    if (kv.value().is_null() && allow_null) {
      out.remove.push_back(lang);
      continue;
    }
    if (!kv.value().is_object()) {
      r.add_error(field, allow_null ? "must be an object or null" : "must be an object");
      continue;
    }
    const bj::object& t = kv.value().get_object();
    json::field_reader tr(t);
    tr.reject_unknown({"name", "description", "instructions"});
    auto name = plain(tr, "name", max_name_chars, false);
    auto description = plain(tr, "description", max_description_chars, false);
    auto steps = instructions(tr, t, false);
    for (std::string_view m : {"name", "description", "instructions"}) {
      if (tr.has(m) && tr.is_null(m)) {
        tr.add_error(std::string(m), "cannot be null (leave it out to serve English)");
      }
    }
    if (tr.ok() && !name && !description && !steps) {
      tr.add_error("", "must have at least one of name, description, instructions");
    }
    for (const auto& e : tr.errors()) {
      r.add_error(e.field.empty() ? field : field + "." + e.field, e.message);
    }
    if (tr.ok()) {
      bj::object one;
      if (name) {
        one["name"] = *name;
      }
      if (description) {
        one["description"] = *description;
      }
      if (steps) {
        bj::array a;
        for (auto& s : *steps) {
          a.emplace_back(s);
        }
        one["instructions"] = std::move(a);
      }
      set[lang] = std::move(one);
    }
  }
  out.set_json = json::serialize(set);
  return out;
}

// Every exercise member but slug and translations, each optional here; `required` makes the
// required ones required.
admin::exercise_patch exercise_members(json::field_reader& r, const bj::object& o, bool required) {
  admin::exercise_patch p;
  p.name = plain(r, "name", max_name_chars, required);
  p.description = plain(r, "description", max_description_chars, required);
  p.instructions = instructions(r, o, required);
  p.muscle_groups =
      string_list(r, o, "muscle_groups", 1, std::size(muscle_groups), muscle_groups, 0, required);
  p.equipment =
      string_list(r, o, "equipment", 0, std::size(equipment_names), equipment_names, 0, false);
  p.aliases = string_list(r, o, "aliases", 0, max_aliases, {}, max_alias_chars, false);
  p.difficulty = r.one_of("difficulty", {"beginner", "intermediate", "advanced"}, required);
  p.category =
      r.one_of("category", {"cardio", "strength", "core", "plyometric", "mobility"}, required);
  p.met_value = met(r, required);
  p.met_source = met_source(r, required);
  p.is_unilateral = r.boolean("is_unilateral");
  p.video_url = url(r, "video_url");
  p.thumbnail_url = url(r, "thumbnail_url");
  p.sort_order = small_int(r, "sort_order", 0, 100000);
  p.active = r.boolean("active");
  return p;
}

constexpr std::string_view exercise_fields[] = {
    "name",          "description", "instructions", "muscle_groups", "equipment",     "aliases",
    "difficulty",    "category",    "met_value",    "met_source",    "is_unilateral", "video_url",
    "thumbnail_url", "sort_order",  "active",       "translations"};

// The members a PATCH may not null (all but the media URLs).
constexpr std::string_view exercise_not_null[] = {
    "name",          "description", "instructions", "muscle_groups", "equipment",
    "aliases",       "difficulty",  "category",     "met_value",     "met_source",
    "is_unilateral", "sort_order",  "active",       "translations"};

// One element of "exercises", its errors named "exercises[n].member".
std::optional<admin::routine_slot> parse_slot(const bj::value& v, std::size_t n,
                                              json::field_reader& outer) {
  const std::string prefix = "exercises[" + std::to_string(n) + "]";
  if (!v.is_object()) {
    outer.add_error(prefix, "must be an object");
    return std::nullopt;
  }
  json::field_reader r(v.as_object());
  r.reject_unknown({"block", "exercise_id", "work_seconds", "reps", "notes"});
  admin::routine_slot s;
  s.block = r.one_of("block", {"warm_up", "main", "cool_down"}).value_or("main");
  s.exercise_id = r.uuid("exercise_id", true).value_or("");
  s.work_seconds = small_int(r, "work_seconds", rules::min_work_seconds, rules::max_work_seconds);
  s.reps = small_int(r, "reps", 1, rules::max_reps);
  s.notes = plain(r, "notes", max_notes_chars, false);
  for (const auto& e : r.errors()) {
    outer.add_error(prefix + "." + e.field, e.message);
  }
  return r.ok() ? std::optional(std::move(s)) : std::nullopt;
}

std::optional<std::vector<admin::routine_slot>> slots(json::field_reader& r, const bj::object& o,
                                                      bool required) {
  const bj::value* v = o.if_contains("exercises");
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error("exercises", "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().empty() || v->get_array().size() > max_slots) {
    r.add_error("exercises", "must be an array of 1 to 50 slots");
    return std::nullopt;
  }
  const auto& a = v->get_array();
  std::vector<admin::routine_slot> out;
  for (std::size_t n = 0; n < a.size(); ++n) {
    if (auto s = parse_slot(a[n], n, r)) {
      out.push_back(std::move(*s));
    }
  }
  if (out.size() != a.size()) {
    return std::nullopt;
  }
  auto rank = [](const std::string& b) {
    return std::find(std::begin(blocks), std::end(blocks), b) - std::begin(blocks);
  };
  bool has_main = false;
  for (std::size_t n = 0; n < out.size(); ++n) {
    has_main = has_main || out[n].block == "main";
    if (n > 0 && rank(out[n].block) < rank(out[n - 1].block)) {
      r.add_error("exercises[" + std::to_string(n) + "].block",
                  "must keep the order warm_up, main, cool_down");
      return std::nullopt;
    }
  }
  if (!has_main) {
    r.add_error("exercises", "must have at least one slot in the main block");
    return std::nullopt;
  }
  return out;
}

admin::routine_patch routine_members(json::field_reader& r, const bj::object& o, bool required) {
  admin::routine_patch p;
  p.name = plain(r, "name", max_name_chars, required);
  p.description = plain(r, "description", max_description_chars, required);
  p.difficulty = r.one_of("difficulty", {"beginner", "intermediate", "advanced"}, required);
  p.category = r.one_of("category", {"hiit", "tabata", "emom", "amrap", "circuit"}, required);
  p.goals = string_list(r, o, "goals", 0, std::size(goal_names), goal_names, 0, false);
  p.rounds = small_int(r, "rounds", 1, rules::max_rounds, required);
  p.work_seconds =
      small_int(r, "work_seconds", rules::min_work_seconds, rules::max_work_seconds, required);
  p.rest_seconds = small_int(r, "rest_seconds", 0, rules::max_rest_seconds);
  p.rest_between_rounds_seconds =
      small_int(r, "rest_between_rounds_seconds", 0, rules::max_rest_between_rounds_seconds);
  p.is_premium = r.boolean("is_premium");
  p.sort_order = small_int(r, "sort_order", 0, 100000);
  p.active = r.boolean("active");
  p.exercises = slots(r, o, required);
  return p;
}

constexpr std::string_view routine_fields[] = {
    "name",         "description",  "difficulty",
    "category",     "goals",        "rounds",
    "work_seconds", "rest_seconds", "rest_between_rounds_seconds",
    "is_premium",   "sort_order",   "active",
    "exercises"};

// An optional body: empty means {}.
result<bj::object> optional_object(std::string_view body) {
  if (text::trim_ows(body).empty()) {
    return bj::object{};
  }
  return json::parse_object(body);
}

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

bj::object exercise_object(const admin::exercise_row& x) {
  const exercise& e = x.e;
  bj::object o;
  o["id"] = e.id;
  o["slug"] = e.slug;
  o["name"] = e.name;
  o["description"] = e.description;
  o["instructions"] = strings(e.instructions);
  o["muscle_groups"] = strings(e.muscle_groups);
  o["equipment"] = strings(e.equipment);
  o["aliases"] = strings(e.aliases);
  o["difficulty"] = e.difficulty;
  o["category"] = e.category;
  o["met_value"] = e.met_value;
  o["met_source"] = e.met_source;
  o["is_unilateral"] = e.is_unilateral;
  o["video_url"] = json::nullable(e.video_url);
  o["thumbnail_url"] = json::nullable(e.thumbnail_url);
  o["sort_order"] = e.sort_order;
  o["active"] = e.active;
  o["translations"] = boost::json::parse(x.translations_json);
  o["version"] = x.version;
  o["updated_at"] = x.updated_at;
  return o;
}

bj::object routine_object(const admin::routine_row& r) {
  bj::object o;
  o["id"] = r.id;
  o["slug"] = r.slug;
  o["name"] = r.name;
  o["description"] = r.description;
  o["difficulty"] = r.difficulty;
  o["category"] = r.category;
  o["goals"] = strings(r.goals);
  o["rounds"] = r.rounds;
  o["work_seconds"] = r.work_seconds;
  o["rest_seconds"] = r.rest_seconds;
  o["rest_between_rounds_seconds"] = r.rest_between_rounds_seconds;
  o["is_premium"] = r.is_premium;
  o["sort_order"] = r.sort_order;
  o["active"] = r.active;
  bj::array slots;
  for (const auto& s : r.exercises) {
    bj::object so;
    so["block"] = s.block;
    so["exercise_id"] = s.exercise_id;
    so["work_seconds"] = json::nullable(s.work_seconds);
    so["reps"] = json::nullable(s.reps);
    so["notes"] = json::nullable(s.notes);
    slots.push_back(std::move(so));
  }
  o["exercises"] = std::move(slots);
  o["equipment"] = strings(r.equipment);
  o["estimated_duration_seconds"] = r.estimated_duration_seconds;
  o["version"] = r.version;
  o["updated_at"] = r.updated_at;
  return o;
}

}  // namespace

result<admin::list_query> parse_list_query(const std::optional<std::string>& q,
                                           const std::optional<std::string>& active,
                                           const std::optional<std::string>& page,
                                           const std::optional<std::string>& per_page) {
  query::reader r;
  admin::list_query out;
  out.q = r.text("q", q, 1, 100);
  out.active = r.boolean("active", active);
  const query::offset_page p = r.offset(page, per_page);
  out.page = p.page;
  out.per_page = p.per_page;
  return r.finish(std::move(out));
}

result<exercise_input> parse_exercise(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "description", "instructions", "muscle_groups", "equipment",
                    "aliases", "difficulty", "category", "met_value", "met_source", "is_unilateral",
                    "video_url", "thumbnail_url", "sort_order", "active", "translations"});
  exercise_input out;
  if (auto slug = r.string("slug", 1, 64, true)) {
    if (!is_slug(*slug)) {
      r.add_error("slug", "must be lowercase words of a-z and 0-9 joined by single hyphens");
    } else {
      out.row.e.slug = *slug;
    }
  }
  admin::exercise_patch m = exercise_members(r, *obj, true);
  out.translations = translations(r, *obj, false);
  if (!r.ok()) {
    return *r.failure();
  }
  exercise& e = out.row.e;
  e.name = *m.name;
  e.description = *m.description;
  e.instructions = *m.instructions;
  e.muscle_groups = *m.muscle_groups;
  e.equipment = m.equipment.value_or(std::vector<std::string>{});
  e.aliases = m.aliases.value_or(std::vector<std::string>{});
  e.difficulty = *m.difficulty;
  e.category = *m.category;
  e.met_value = *m.met_value;
  e.met_source = *m.met_source;
  e.is_unilateral = m.is_unilateral.value_or(false);
  e.video_url = m.video_url.value_or(std::nullopt);
  e.thumbnail_url = m.thumbnail_url.value_or(std::nullopt);
  e.sort_order = m.sort_order.value_or(0);
  e.active = m.active.value_or(true);
  return out;
}

result<admin::exercise_patch> parse_exercise_patch(std::string_view body,
                                                   std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "description", "instructions", "muscle_groups", "equipment", "aliases",
                    "difficulty", "category", "met_value", "met_source", "is_unilateral",
                    "video_url", "thumbnail_url", "sort_order", "active", "translations",
                    "version"});
  refuse_null(r, exercise_not_null);
  admin::exercise_patch p = exercise_members(r, *obj, false);
  p.translations = translations(r, *obj, true);
  p.version = version_guard::require(r, if_match);
  const bool any = std::any_of(std::begin(exercise_fields), std::end(exercise_fields),
                               [&](std::string_view f) { return obj->contains(f); });
  if (r.ok() && !any) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

result<admin::routine_row> parse_routine(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "description", "difficulty", "category", "goals", "rounds",
                    "work_seconds", "rest_seconds", "rest_between_rounds_seconds", "is_premium",
                    "sort_order", "active", "exercises"});
  admin::routine_row out;
  if (auto slug = r.string("slug", 1, 64, true)) {
    if (!is_slug(*slug)) {
      r.add_error("slug", "must be lowercase words of a-z and 0-9 joined by single hyphens");
    } else {
      out.slug = *slug;
    }
  }
  admin::routine_patch m = routine_members(r, *obj, true);
  if (!r.ok()) {
    return *r.failure();
  }
  out.name = *m.name;
  out.description = *m.description;
  out.difficulty = *m.difficulty;
  out.category = *m.category;
  out.goals = m.goals.value_or(std::vector<std::string>{});
  out.rounds = *m.rounds;
  out.work_seconds = *m.work_seconds;
  out.rest_seconds = m.rest_seconds.value_or(0);
  out.rest_between_rounds_seconds = m.rest_between_rounds_seconds.value_or(0);
  out.is_premium = m.is_premium.value_or(false);
  out.sort_order = m.sort_order.value_or(0);
  out.active = m.active.value_or(true);
  out.exercises = std::move(*m.exercises);
  return out;
}

result<admin::routine_patch> parse_routine_patch(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "description", "difficulty", "category", "goals", "rounds",
                    "work_seconds", "rest_seconds", "rest_between_rounds_seconds", "is_premium",
                    "sort_order", "active", "exercises", "version"});
  refuse_null(r, routine_fields);
  admin::routine_patch p = routine_members(r, *obj, false);
  p.version = version_guard::require(r, if_match);
  const bool any = std::any_of(std::begin(routine_fields), std::end(routine_fields),
                               [&](std::string_view f) { return obj->contains(f); });
  if (r.ok() && !any) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

result<std::optional<std::int64_t>> parse_delete(std::string_view body, std::string_view if_match) {
  auto obj = optional_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"version"});
  auto v = version_guard::read(r, if_match);
  return r.finish(v);
}

std::string render_exercise(const admin::exercise_row& x) {
  return json::serialize(exercise_object(x));
}

std::string render_exercises(const std::vector<admin::exercise_row>& items) {
  bj::array a;
  for (const auto& x : items) {
    a.push_back(exercise_object(x));
  }
  return json::serialize(a);
}

std::string render_routine(const admin::routine_row& r) {
  return json::serialize(routine_object(r));
}

std::string render_routines(const std::vector<admin::routine_row>& items) {
  bj::array a;
  for (const auto& r : items) {
    a.push_back(routine_object(r));
  }
  return json::serialize(a);
}

}  // namespace ugoki::workouts::admin_dto
