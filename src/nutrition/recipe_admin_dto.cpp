// Parsers and renderers of the recipes' administration (recipe_admin_dto.hpp).
#include "nutrition/recipe_admin_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "core/json.hpp"
#include "core/language.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "nutrition/recipes_search.hpp"

namespace ugoki::nutrition::recipe_admin_dto {

namespace {

namespace bj = boost::json;

// The limits of the English fields; a translation's fields have the same.
constexpr std::size_t max_name = 200;
constexpr std::size_t max_description = 4000;
constexpr std::size_t max_steps = 50;
constexpr std::size_t max_step = 1000;
constexpr std::size_t max_ingredients = 50;
constexpr std::size_t max_ingredient_name = 100;
constexpr std::size_t max_notes = 255;

const std::vector<std::string>& meal_type_vocabulary() {
  static const std::vector<std::string> v{"breakfast", "lunch", "dinner", "snack", "break_fast"};
  return v;
}
const std::vector<std::string>& unit_vocabulary() {
  static const std::vector<std::string> v{"g",     "kg",  "ml",      "l",     "tsp",
                                          "tbsp",  "cup", "piece",   "pinch", "clove",
                                          "slice", "can", "handful", "sprig"};
  return v;
}
const std::vector<std::string>& aisle_vocabulary() {
  static const std::vector<std::string> v{
      "produce", "meat_fish",   "dairy_eggs", "bakery", "grains_pasta", "tins_jars", "baking",
      "spices",  "oils_sauces", "nuts_seeds", "frozen", "drinks",       "other"};
  return v;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool in(const std::vector<std::string>& vocabulary, std::string_view s) {
  return std::find(vocabulary.begin(), vocabulary.end(), s) != vocabulary.end();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    out += out.empty() ? "" : ", ";
    out += s;
  }
  return out;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 100 || s.front() == '-' || s.back() == '-') {
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

// The errors of a reader of a nested object, named under `prefix` in the outer reader.
void adopt(json::field_reader& outer, const json::field_reader& inner, const std::string& prefix) {
  for (const auto& e : inner.errors()) {
    outer.add_error(prefix + "." + e.field, e.message);
  }
}

std::optional<std::string> text(json::field_reader& r, std::string_view name, std::size_t max,
                                bool required) {
  auto s = r.string(name, 1, max, required);
  if (s && blank(*s)) {
    r.add_error(std::string(name), "must not be blank");
    return std::nullopt;
  }
  return s;
}

// An array of 1..max_steps steps of 1..max_step characters.
std::optional<std::vector<std::string>> steps(json::field_reader& r, const bj::object& o,
                                              std::string_view name, const std::string& field,
                                              bool required) {
  const bj::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error(field, "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().empty() || v->get_array().size() > max_steps) {
    r.add_error(field, "must be an array of 1 to 50 steps");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  const auto& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    bj::object one{{"step", a[i]}};
    json::field_reader inner(one);
    if (auto s = text(inner, "step", max_step, true)) {
      out.push_back(std::move(*s));
    } else {
      r.add_error(field + "[" + std::to_string(i) + "]",
                  "must be a step of 1 to 1000 characters, not blank");
      ok = false;
    }
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

// An array of distinct words of `vocabulary`, at least `min`.
std::optional<std::vector<std::string>> words(json::field_reader& r, const bj::object& o,
                                              std::string_view name,
                                              const std::vector<std::string>& vocabulary,
                                              std::size_t min, bool required) {
  const bj::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error(std::string(name), "is required");
    }
    return std::nullopt;
  }
  const std::string rule = "must be an array of " +
                           (min > 0 ? std::string("at least one of ") : std::string()) +
                           "distinct words of: " + join(vocabulary);
  if (!v->is_array() || v->get_array().size() < min) {
    r.add_error(std::string(name), rule);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v->get_array()) {
    const std::string_view word = item.is_string() ? std::string_view(item.get_string()) : "";
    if (!item.is_string() || !in(vocabulary, word) ||
        std::find(out.begin(), out.end(), word) != out.end()) {
      r.add_error(std::string(name), rule);
      return std::nullopt;
    }
    out.emplace_back(word);
  }
  return out;
}

std::optional<std::vector<ingredient>> ingredients(json::field_reader& r, const bj::object& o,
                                                   bool required) {
  const bj::value* v = o.if_contains("ingredients");
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error("ingredients", "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().empty() || v->get_array().size() > max_ingredients) {
    r.add_error("ingredients", "must be an array of 1 to 50 ingredients");
    return std::nullopt;
  }
  std::vector<ingredient> out;
  bool ok = true;
  const auto& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string field = "ingredients[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      r.add_error(field, "must be an object");
      ok = false;
      continue;
    }
    json::field_reader in_r(a[i].get_object());
    in_r.reject_unknown({"name", "quantity", "unit", "notes", "aisle"});
    ingredient x;
    x.position = static_cast<int>(i) + 1;
    if (auto name = text(in_r, "name", max_ingredient_name, true)) {
      x.name = std::move(*name);
    }
    if (auto q = in_r.number("quantity", 0, 100000)) {
      if (*q <= 0) {
        in_r.add_error("quantity", "must be more than 0");
      } else {
        x.quantity = std::round(*q * 100) / 100;
      }
    }
    if (auto u = in_r.string("unit", 1, 16)) {
      if (!in(unit_vocabulary(), *u)) {
        in_r.add_error("unit", "must be one of: " + join(unit_vocabulary()));
      } else if (!x.quantity && (!in_r.has("quantity") || in_r.is_null("quantity"))) {
        in_r.add_error("unit", "needs a quantity");
      } else {
        x.unit = std::move(*u);
      }
    }
    if (auto n = text(in_r, "notes", max_notes, false)) {
      x.notes = std::move(*n);
    }
    if (auto aisle = in_r.string("aisle", 1, 32)) {
      if (!in(aisle_vocabulary(), *aisle)) {
        in_r.add_error("aisle", "must be one of: " + join(aisle_vocabulary()));
      } else {
        x.aisle = std::move(*aisle);
      }
    }
    if (!in_r.ok()) {
      for (const auto& e : in_r.errors()) {
        r.add_error(field + "." + e.field, e.message);
      }
      ok = false;
      continue;
    }
    out.push_back(std::move(x));
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<nutrition_facts> facts(json::field_reader& r, const bj::object& o, bool required) {
  const bj::value* v = o.if_contains("nutrition_per_serving");
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error("nutrition_per_serving", "is required");
    }
    return std::nullopt;
  }
  if (!v->is_object()) {
    r.add_error("nutrition_per_serving", "must be an object");
    return std::nullopt;
  }
  json::field_reader in_r(v->get_object());
  in_r.reject_unknown({"kcal", "protein_g", "carbs_g", "fat_g", "fiber_g", "sugar_g", "sodium_mg"});
  nutrition_facts f;
  if (auto k = in_r.integer("kcal", 0, 5000, true)) {
    f.kcal = static_cast<double>(*k);
  }
  auto grams = [&in_r](std::string_view name, double& out) {
    if (auto g = in_r.number(name, 0, 99999.9, true)) {
      out = std::round(*g * 10) / 10;
    }
  };
  grams("protein_g", f.protein_g);
  grams("carbs_g", f.carbs_g);
  grams("fat_g", f.fat_g);
  grams("fiber_g", f.fiber_g);
  grams("sugar_g", f.sugar_g);
  grams("sodium_mg", f.sodium_mg);
  if (!in_r.ok()) {
    adopt(r, in_r, "nutrition_per_serving");
    return std::nullopt;
  }
  return f;
}

// One language's translation: only the translatable fields, with their English limits.
std::optional<bj::object> translation(json::field_reader& r, const bj::value& v,
                                      const std::string& field) {
  if (!v.is_object()) {
    r.add_error(field, "must be an object of name, description, steps and ingredients");
    return std::nullopt;
  }
  const bj::object& o = v.get_object();
  json::field_reader t(o);
  t.reject_unknown({"name", "description", "steps", "ingredients"});
  bj::object out;
  if (auto s = text(t, "name", max_name, false)) {
    out["name"] = *s;
  }
  if (auto s = text(t, "description", max_description, false)) {
    out["description"] = *s;
  }
  adopt(r, t, field);
  if (auto s = steps(r, o, "steps", field + ".steps", false)) {
    bj::array a;
    for (auto& x : *s) {
      a.emplace_back(x);
    }
    out["steps"] = std::move(a);
  }
  if (const bj::value* ing = o.if_contains("ingredients"); ing != nullptr && !ing->is_null()) {
    const std::string ing_field = field + ".ingredients";
    if (!ing->is_object()) {
      r.add_error(ing_field, "must be an object of ingredient positions to {name, notes}");
    } else {
      bj::object texts;
      for (const auto& [key, value] : ing->get_object()) {
        const std::string one = ing_field + "." + std::string(key);
        auto position = query::integer(std::string_view(key), 1, static_cast<int>(max_ingredients));
        if (!position || std::to_string(*position) != std::string_view(key)) {
          r.add_error(one, "must be an ingredient position (1 to 50)");
          continue;
        }
        if (!value.is_object()) {
          r.add_error(one, "must be an object of name and notes");
          continue;
        }
        json::field_reader x(value.get_object());
        x.reject_unknown({"name", "notes"});
        bj::object kept;
        if (auto s = text(x, "name", max_ingredient_name, false)) {
          kept["name"] = *s;
        }
        if (auto s = text(x, "notes", max_notes, false)) {
          kept["notes"] = *s;
        }
        if (x.ok() && kept.empty()) {
          x.add_error("name", "name or notes is required");
        }
        adopt(r, x, one);
        texts[key] = std::move(kept);
      }
      if (!texts.empty()) {
        out["ingredients"] = std::move(texts);
      }
    }
  } else if (ing != nullptr) {
    r.add_error(field + ".ingredients", "cannot be null");
  }
  for (std::string_view name : {"name", "description", "steps"}) {
    if (o.contains(name) && o.at(name).is_null()) {
      r.add_error(field + "." + std::string(name), "cannot be null (leave it out for English)");
    }
  }
  if (o.empty()) {
    r.add_error(field, "must name at least one of name, description, steps, ingredients");
  }
  return out;
}

// The translations member: languages set (normalised JSON) and, when `allow_null`, removed.
translations_change translations(json::field_reader& r, const bj::object& o, bool allow_null) {
  translations_change out;
  const bj::value* v = o.if_contains("translations");
  if (v == nullptr) {
    return out;
  }
  if (!v->is_object()) {
    r.add_error("translations", "must be an object of languages to translations");
    return out;
  }
  bj::object set;
  for (const auto& [key, value] : v->get_object()) {
    const std::string field = "translations." + std::string(key);
    const std::string_view lang(key);
    const bool served =
        lang != language::fallback &&
        std::find(language::served.begin(), language::served.end(), lang) != language::served.end();
    if (!served) {
      r.add_error(field, "is not a language served besides English (de, fr, es, it)");
      continue;
    }
    if (value.is_null()) {
      if (allow_null) {
        out.remove.emplace_back(lang);
      } else {
        r.add_error(field, "cannot be null");
      }
      continue;
    }
    if (auto t = translation(r, value, field)) {
      set[key] = std::move(*t);
    }
  }
  out.set_json = json::serialize(set);
  return out;
}

// Every member but slug and version; `required` makes the required ones required.
recipe_patch read_members(json::field_reader& r, const bj::object& o, bool required) {
  recipe_patch p;
  p.name = text(r, "name", max_name, required);
  p.description = text(r, "description", max_description, required);
  p.steps = steps(r, o, "steps", "steps", required);
  p.ingredients = ingredients(r, o, required);
  if (auto m = r.integer("prep_minutes", 0, 1440, required)) {
    p.prep_minutes = static_cast<int>(*m);
  }
  if (auto m = r.integer("cook_minutes", 0, 1440, required)) {
    p.cook_minutes = static_cast<int>(*m);
  }
  if (auto s = r.integer("servings", 1, 50, required)) {
    p.servings = static_cast<int>(*s);
  }
  p.per_serving = facts(r, o, required);
  p.diet_types = words(r, o, "diet_types", recipe_search::diet_vocabulary(), 0, required);
  p.allergens = words(r, o, "allergens", recipe_search::allergen_vocabulary(), 0, required);
  p.meal_types = words(r, o, "meal_types", meal_type_vocabulary(), 1, required);
  p.tags = words(r, o, "tags", recipe_search::tag_vocabulary(), 0, false);
  p.is_premium = r.boolean("is_premium");
  p.active = r.boolean("active");
  if (r.has("image_url")) {
    if (r.is_null("image_url")) {
      p.image_url = std::optional<std::string>{};
    } else if (auto url = r.string("image_url", 9, 500)) {
      if (!url->starts_with("https://")) {
        r.add_error("image_url", "must be an https:// URL");
      } else {
        p.image_url = std::optional<std::string>{std::move(*url)};
      }
    }
  }
  p.translations = translations(r, o, !required);
  // Members that may be absent but not null.
  for (std::string_view name :
       {"name", "description", "steps", "ingredients", "prep_minutes", "cook_minutes", "servings",
        "nutrition_per_serving", "diet_types", "allergens", "meal_types", "tags", "is_premium",
        "active", "translations"}) {
    if (!required && r.has(name) && r.is_null(name)) {
      r.add_error(std::string(name), "cannot be null");
    }
  }
  return p;
}

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

bj::object admin_object(const admin_recipe& a, bool with_lists) {
  const recipe& r = a.r;
  bj::object o;
  o["id"] = r.id;
  o["slug"] = r.slug;
  o["name"] = r.name;
  o["description"] = r.description;
  if (with_lists) {
    o["steps"] = strings(r.steps);
    bj::array ing;
    for (const auto& i : r.ingredients) {
      bj::object x;
      x["position"] = i.position;
      x["name"] = i.name;
      x["quantity"] = json::nullable(i.quantity);
      x["unit"] = json::nullable(i.unit);
      x["notes"] = json::nullable(i.notes);
      x["aisle"] = i.aisle;
      ing.push_back(std::move(x));
    }
    o["ingredients"] = std::move(ing);
  }
  o["prep_minutes"] = r.prep_minutes;
  o["cook_minutes"] = r.cook_minutes;
  o["servings"] = r.servings;
  bj::object f;
  f["kcal"] = static_cast<std::int64_t>(std::llround(r.per_serving.kcal));
  f["protein_g"] = r.per_serving.protein_g;
  f["carbs_g"] = r.per_serving.carbs_g;
  f["fat_g"] = r.per_serving.fat_g;
  f["fiber_g"] = r.per_serving.fiber_g;
  f["sugar_g"] = r.per_serving.sugar_g;
  f["sodium_mg"] = r.per_serving.sodium_mg;
  o["nutrition_per_serving"] = std::move(f);
  o["diet_types"] = strings(r.diet_types);
  o["allergens"] = strings(r.allergens);
  o["meal_types"] = strings(r.meal_types);
  o["tags"] = strings(r.tags);
  o["is_premium"] = r.is_premium;
  o["active"] = r.active;
  o["image_url"] = json::nullable(r.image_url);
  auto stored = json::parse_strict(a.translations_json);
  o["translations"] = stored ? std::move(*stored) : bj::value(bj::object{});
  o["version"] = a.version;
  o["updated_at"] = a.updated_at;
  return o;
}

}  // namespace

result<admin_recipe_query> parse_list_query(const std::optional<std::string>& q,
                                            const std::optional<std::string>& page,
                                            const std::optional<std::string>& per_page) {
  query::reader r;
  admin_recipe_query out;
  out.q = r.text("q", q, 1, 100);
  const query::offset_page p = r.offset(page, per_page);
  out.page = p.page;
  out.per_page = p.per_page;
  return r.finish(std::move(out));
}

result<admin_recipe> parse_recipe(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "description", "steps", "ingredients", "prep_minutes",
                    "cook_minutes", "servings", "nutrition_per_serving", "diet_types", "allergens",
                    "meal_types", "tags", "is_premium", "active", "image_url", "translations"});
  admin_recipe out;
  if (auto slug = r.string("slug", 1, 100, true)) {
    if (!is_slug(*slug)) {
      r.add_error("slug", "must be lowercase words of a-z and 0-9 joined by single hyphens");
    } else {
      out.r.slug = std::move(*slug);
    }
  }
  recipe_patch m = read_members(r, *obj, true);
  if (!r.ok()) {
    return *r.failure();
  }
  recipe& x = out.r;
  x.name = std::move(*m.name);
  x.description = std::move(*m.description);
  x.steps = std::move(*m.steps);
  x.ingredients = std::move(*m.ingredients);
  x.prep_minutes = *m.prep_minutes;
  x.cook_minutes = *m.cook_minutes;
  x.servings = *m.servings;
  x.per_serving = *m.per_serving;
  x.diet_types = std::move(*m.diet_types);
  x.allergens = std::move(*m.allergens);
  x.meal_types = std::move(*m.meal_types);
  x.tags = m.tags.value_or(std::vector<std::string>{});
  x.is_premium = m.is_premium.value_or(false);
  x.active = m.active.value_or(true);
  x.image_url = m.image_url.value_or(std::nullopt);
  out.translations_json = std::move(m.translations.set_json);
  return out;
}

result<recipe_patch> parse_recipe_patch(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "description", "steps", "ingredients", "prep_minutes", "cook_minutes",
                    "servings", "nutrition_per_serving", "diet_types", "allergens", "meal_types",
                    "tags", "is_premium", "active", "image_url", "translations", "version"});
  recipe_patch p = read_members(r, *obj, false);
  p.version = version_guard::require(r, if_match);
  if (r.ok() && p.empty()) {
    r.add_error("body", "names no field to change");
  }
  return r.finish(std::move(p));
}

std::string render_admin_recipe(const admin_recipe& a) {
  return json::serialize(admin_object(a, true));
}

std::string render_admin_recipe_items(const admin_recipe_page& page) {
  bj::array out;
  for (const auto& a : page.items) {
    out.push_back(admin_object(a, false));
  }
  return json::serialize(out);
}

std::string render_removal(const recipe_removal& r) {
  bj::object o;
  o["id"] = r.id;
  o["outcome"] = r.deleted ? "deleted" : "deactivated";
  o["meal_plan_items"] = r.meal_plan_items;
  o["diary_items"] = r.diary_items;
  return json::serialize(o);
}

}  // namespace ugoki::nutrition::recipe_admin_dto
