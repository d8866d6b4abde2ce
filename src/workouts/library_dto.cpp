// Renderers and parsers of the workout library (library_dto.hpp).
#include "workouts/library_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/language.hpp"
#include "core/query.hpp"
#include "core/time.hpp"
#include "workouts/routine_rules.hpp"

namespace ugoki::workouts::dto {

namespace {

namespace bj = boost::json;

// The closed vocabularies of migration 0005 (and 0021 for goals and blocks).
constexpr std::string_view muscle_groups[] = {
    "chest",  "back",        "shoulders",  "biceps",   "triceps",    "forearms",
    "core",   "obliques",    "lower_back", "glutes",   "quadriceps", "hamstrings",
    "calves", "hip_flexors", "adductors",  "full_body"};
constexpr std::string_view equipment_names[] = {
    "none", "dumbbell", "kettlebell", "resistance_band", "mini_band", "jump_rope", "box"};
constexpr std::string_view difficulties[] = {"beginner", "intermediate", "advanced"};
constexpr std::string_view categories[] = {"cardio", "strength", "core", "plyometric", "mobility"};
constexpr std::string_view goals[] = {"fat_loss", "endurance", "strength", "core", "low_impact"};
constexpr std::string_view blocks[] = {"warm_up", "main", "cool_down"};

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  a.reserve(v.size());
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

// The translation of `e` into `language`, or nullptr (English, or none in that language).
const exercise_text* translation_of(const exercise& e, std::string_view language) {
  auto it = e.translations.find(language);
  return it == e.translations.end() ? nullptr : &it->second;
}

bj::object summary_object(const exercise& e, std::string_view language) {
  const exercise_text* t = translation_of(e, language);
  bj::object o;
  o["id"] = e.id;
  o["slug"] = e.slug;
  o["name"] = t != nullptr && t->name ? *t->name : e.name;
  o["language"] = t != nullptr ? language : std::string_view("en");
  o["primary_muscle"] =
      e.muscle_groups.empty() ? bj::value(nullptr) : bj::value(e.muscle_groups[0]);
  o["muscle_groups"] = strings(e.muscle_groups);
  o["equipment"] = strings(e.equipment);
  o["difficulty"] = e.difficulty;
  o["category"] = e.category;
  o["met_value"] = e.met_value;
  o["is_unilateral"] = e.is_unilateral;
  o["thumbnail_url"] = json::nullable(e.thumbnail_url);
  return o;
}

bj::value instant_or_null(const std::optional<instant>& t) {
  return json::nullable(t, [](instant v) { return time::format_rfc3339(v); });
}

bj::object interval_object(const interval& i, const catalogue& lib, std::string_view language) {
  bj::object o;
  o["position"] = i.position;
  bj::object ex;
  ex["id"] = i.exercise_id;
  if (const exercise* e = lib.find_exercise(i.exercise_id)) {
    const exercise_text* t = translation_of(*e, language);
    ex["slug"] = e->slug;
    ex["name"] = t != nullptr && t->name ? *t->name : e->name;
    ex["language"] = t != nullptr ? language : std::string_view("en");
    ex["met_value"] = e->met_value;
    ex["equipment"] = strings(e->equipment);
  }
  o["exercise"] = std::move(ex);
  o["work_seconds"] = json::nullable(i.work_seconds);
  o["reps"] = json::nullable(i.reps);
  o["rest_seconds"] = i.rest_seconds;
  o["rounds"] = i.rounds;
  o["notes"] = json::nullable(i.notes);
  return o;
}

bj::object routine_object(const routine_view& v) {
  const routine& r = v.r;
  bj::object o;
  o["id"] = r.id;
  o["slug"] = json::nullable(r.slug);
  o["name"] = r.name;
  o["description"] = json::nullable(r.description);
  o["own"] = r.owner.has_value();
  o["difficulty"] = json::nullable(r.difficulty);
  o["category"] = json::nullable(r.category);
  o["goals"] = strings(r.goals);
  o["is_premium"] = r.is_premium;
  o["equipment"] = strings(r.equipment);
  o["rounds"] = r.rounds;
  o["rest_between_rounds_seconds"] = r.rest_between_rounds_seconds;
  o["interval_count"] = r.intervals.size();
  o["duration_seconds"] = v.estimate.duration_seconds;
  o["estimated_kcal"] = v.estimate.estimated_kcal;
  o["body_mass_kg"] = v.estimate.body_mass_kg;
  o["estimated"] = v.estimate.estimated;
  if (v.full) {
    bj::array out;
    for (std::string_view kind : blocks) {
      bj::array items;
      for (const auto& i : r.intervals) {
        if (i.block == kind) {
          items.push_back(interval_object(i, *v.lib, v.language));
        }
      }
      if (items.empty()) {
        continue;
      }
      bj::object b;
      b["kind"] = kind;
      b["rounds"] = kind == "main" ? r.rounds : 1;
      b["rest_between_rounds_seconds"] = kind == "main" ? r.rest_between_rounds_seconds : 0;
      b["intervals"] = std::move(items);
      out.push_back(std::move(b));
    }
    o["blocks"] = std::move(out);
  } else {
    o["blocks"] = nullptr;
  }
  o["created_at"] = instant_or_null(r.created_at);
  o["updated_at"] = instant_or_null(r.updated_at);
  return o;
}

// One element of "intervals", its errors named "intervals[n].member".
std::optional<interval> parse_interval(const bj::value& v, std::size_t n,
                                       const exercise_check& known,
                                       std::vector<field_error>& errors) {
  const std::string prefix = "intervals[" + std::to_string(n) + "]";
  if (!v.is_object()) {
    errors.push_back({prefix, "must be an object"});
    return std::nullopt;
  }
  json::field_reader r(v.as_object());
  r.reject_unknown(
      {"block", "exercise_id", "work_seconds", "reps", "rest_seconds", "rounds", "notes"});
  interval i;
  i.block = r.one_of("block", {"warm_up", "main", "cool_down"}).value_or("main");
  auto id = r.uuid("exercise_id", true);
  if (id && !known(*id)) {
    r.add_error("exercise_id", "is not an exercise of the library");
  }
  i.exercise_id = id.value_or("");
  auto as_int = [](std::optional<std::int64_t> x) {
    return x ? std::optional<int>(static_cast<int>(*x)) : std::nullopt;
  };
  i.work_seconds =
      as_int(r.integer("work_seconds", rules::min_work_seconds, rules::max_work_seconds));
  i.reps = as_int(r.integer("reps", 1, rules::max_reps));
  i.rest_seconds = as_int(r.integer("rest_seconds", 0, rules::max_rest_seconds)).value_or(0);
  i.rounds = as_int(r.integer("rounds", 1, rules::max_interval_rounds)).value_or(1);
  i.notes = r.string("notes", 1, 500);
  bool timed = (r.has("work_seconds") && !r.is_null("work_seconds")) ||
               (r.has("reps") && !r.is_null("reps"));
  if (!timed) {
    r.add_error("work_seconds", "work_seconds or reps is required");
  }
  for (const auto& e : r.errors()) {
    errors.push_back({prefix + "." + e.field, e.message});
  }
  return r.ok() ? std::optional<interval>(std::move(i)) : std::nullopt;
}

}  // namespace

std::string render_exercise_summary(const exercise& e, std::string_view language) {
  return json::serialize(summary_object(e, language));
}

std::string render_exercise(const exercise& e, std::string_view language) {
  const exercise_text* t = translation_of(e, language);
  bj::object o = summary_object(e, language);
  o["description"] = t != nullptr && t->description ? *t->description : e.description;
  o["instructions"] = strings(t != nullptr && t->instructions ? *t->instructions : e.instructions);
  bj::object muscles;
  muscles["primary"] = strings(
      {e.muscle_groups.begin(), e.muscle_groups.begin() + (e.muscle_groups.empty() ? 0 : 1)});
  muscles["secondary"] =
      strings({e.muscle_groups.begin() + (e.muscle_groups.empty() ? 0 : 1), e.muscle_groups.end()});
  o["muscles"] = std::move(muscles);
  o["aliases"] = strings(e.aliases);
  o["met_source"] = e.met_source;
  // "Compendium 2011 code 02020" -> "02020" (the CHECK of migration 0005 fixes the shape).
  auto space = e.met_source.rfind(' ');
  o["compendium_code"] = space == std::string::npos ? e.met_source : e.met_source.substr(space + 1);
  bj::object media;
  media["image_url"] = json::nullable(e.thumbnail_url);
  media["video_url"] = json::nullable(e.video_url);
  o["media"] = std::move(media);
  return json::serialize(o);
}

std::string render_array(const std::vector<std::string_view>& rendered) {
  std::size_t size = 2;
  for (auto s : rendered) {
    size += s.size() + 1;
  }
  std::string out;
  out.reserve(size);
  out += '[';
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += rendered[i];
  }
  out += ']';
  return out;
}

std::string render_exercise_pagination(const exercise_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const exercise& last = *page.items.back();
  char key[32];
  std::snprintf(key, sizeof key, "%d,%d", page.ranks.back(), last.sort_order);
  return pagination_json(codec.encode(key, last.id));
}

std::string render_routine(const routine_view& v) {
  return json::serialize(routine_object(v));
}

std::string render_routine_pagination(const routine_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const routine& last = page.items.back().r;
  if (last.created_at) {
    return pagination_json(codec.encode_instant(*last.created_at, last.id));
  }
  return pagination_json(codec.encode(std::to_string(last.sort_order) + "," + last.name, last.id));
}

std::string render_routines(const std::vector<routine_view>& items) {
  bj::array a;
  a.reserve(items.size());
  for (const auto& v : items) {
    a.push_back(routine_object(v));
  }
  return json::serialize(a);
}

result<exercise_query> parse_exercise_query(const exercise_params& p, const cursor_codec& codec) {
  query::reader r;
  exercise_query q;
  q.muscle_group = r.one_of("muscle_group", p.muscle_group, muscle_groups);
  q.equipment = r.one_of("equipment", p.equipment, equipment_names);
  q.difficulty = r.one_of("difficulty", p.difficulty, difficulties);
  q.category = r.one_of("category", p.category, categories);
  q.q = r.text("q", p.q, 1, 100);
  q.limit = r.integer("limit", p.limit, 1, 100).value_or(q.limit);
  if (p.cursor) {
    auto pos = codec.decode(*p.cursor);
    bool ok = pos && json::is_uuid(pos->id);
    if (ok) {
      auto comma = pos->sort_key.find(',');
      auto rank =
          comma == std::string::npos
              ? std::nullopt
              : query::integer(std::string_view(pos->sort_key).substr(0, comma), 0, 1'000'000);
      auto order = comma == std::string::npos
                       ? std::nullopt
                       : query::integer(std::string_view(pos->sort_key).substr(comma + 1),
                                        -1'000'000'000, 1'000'000'000);
      ok = rank && order;
      if (ok) {
        q.after = exercise_query::position{*rank, *order, pos->id};
      }
    }
    if (!ok) {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  return r.finish(std::move(q));
}

result<routine_filter> parse_routine_filter(const routine_params& p, const cursor_codec& codec) {
  query::reader r;
  routine_filter f;
  f.limit = r.integer("limit", p.limit, 1, 100).value_or(f.limit);
  if (p.cursor) {
    // The sort key is "sort_order,name": the order is an integer, so the first comma ends it.
    auto pos = codec.decode(*p.cursor);
    std::optional<int> order;
    std::string_view key;
    if (pos && json::is_uuid(pos->id)) {
      key = pos->sort_key;
      auto comma = key.find(',');
      if (comma != std::string_view::npos) {
        order = query::integer(key.substr(0, comma), -1'000'000'000, 1'000'000'000);
        key.remove_prefix(comma + 1);
      }
    }
    if (order) {
      f.after = routine_filter::position{*order, std::string(key), pos->id};
    } else {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  f.difficulty = r.one_of("difficulty", p.difficulty, difficulties);
  f.equipment = r.one_of("equipment", p.equipment, equipment_names);
  f.goal = r.one_of("goal", p.goal, goals);
  f.max_minutes = r.integer("max_minutes", p.max_minutes, 1, 600);
  f.premium = r.boolean("premium", p.premium);
  return r.finish(std::move(f));
}

result<own_routine_query> parse_own_routine_query(const std::optional<std::string>& limit,
                                                  const std::optional<std::string>& cursor,
                                                  const cursor_codec& codec) {
  query::reader r;
  own_routine_query q;
  q.limit = r.integer("limit", limit, 1, 100).value_or(q.limit);
  if (cursor) {
    if (auto pos = codec.decode_instant(*cursor)) {
      q.after_created_us = pos->micros;
      q.after_id = pos->id;
    } else {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  return r.finish(std::move(q));
}

result<own_routine_input> parse_own_routine(std::string_view body, const exercise_check& known,
                                            bool patch) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "description", "rounds", "rest_between_rounds_seconds", "intervals"});
  own_routine_input in;
  for (auto name : {"name", "rounds", "rest_between_rounds_seconds", "intervals"}) {
    if (patch && r.is_null(name)) {
      r.add_error(name, "may not be null");
    }
  }
  in.name = r.string("name", 1, 100, !patch);
  if (in.name && in.name->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.add_error("name", "must not be blank");
  }
  in.clear_description = patch && r.is_null("description");
  in.description = r.string("description", 1, 1000);
  auto rounds = r.integer("rounds", 1, rules::max_rounds);
  auto rest = r.integer("rest_between_rounds_seconds", 0, rules::max_rest_between_rounds_seconds);
  if (rounds) {
    in.rounds = static_cast<int>(*rounds);
  }
  if (rest) {
    in.rest_between_rounds_seconds = static_cast<int>(*rest);
  }
  std::vector<field_error> errors = r.errors();
  auto it = obj->find("intervals");
  bool given = it != obj->end() && !it->value().is_null();
  if (!given && !patch) {
    errors.push_back({"intervals", "is required"});
  } else if (given && !it->value().is_array()) {
    errors.push_back({"intervals", "must be an array of intervals"});
  } else if (given) {
    const auto& arr = it->value().as_array();
    if (arr.empty() || arr.size() > static_cast<std::size_t>(rules::max_intervals)) {
      errors.push_back({"intervals", "must have between 1 and 50 items"});
    } else {
      std::vector<interval> items;
      bool has_main = false;
      for (std::size_t n = 0; n < arr.size(); ++n) {
        if (auto i = parse_interval(arr[n], n, known, errors)) {
          i->position = static_cast<int>(n + 1);
          has_main = has_main || i->block == "main";
          items.push_back(std::move(*i));
        }
      }
      if (items.size() == arr.size() && !has_main) {
        errors.push_back({"intervals", "must have at least one interval in the main block"});
      }
      in.intervals = std::move(items);
    }
  }
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  if (!patch) {
    in.rounds = in.rounds.value_or(1);
    in.rest_between_rounds_seconds = in.rest_between_rounds_seconds.value_or(0);
  }
  return in;
}

bool translated(const exercise& e, std::string_view language) {
  return translation_of(e, language) != nullptr;
}

std::string_view routine_language(const routine_view& v) {
  for (const auto& i : v.r.intervals) {
    const exercise* e = v.lib->find_exercise(i.exercise_id);
    if (v.full && e != nullptr && translated(*e, v.language)) {
      return v.language;
    }
  }
  return language::fallback;
}

std::string render_routines_export(std::string_view stored) {
  return json::spell_instants_with_z(stored);
}

}  // namespace ugoki::workouts::dto
