// Renderers and parsers of recipes (recipes_dto.hpp).
#include "nutrition/recipes_dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/query.hpp"
#include "nutrition/recipes_search.hpp"
#include "nutrition/units.hpp"

namespace ugoki::nutrition::dto {

namespace {

namespace bj = boost::json;

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  a.reserve(v.size());
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

double one_decimal(double v) {
  return std::round(v * 10) / 10;
}

bj::object facts(const nutrition_facts& f, double factor) {
  bj::object o;
  o["kcal"] = static_cast<std::int64_t>(std::llround(f.kcal * factor));
  o["protein_g"] = one_decimal(f.protein_g * factor);
  o["carbs_g"] = one_decimal(f.carbs_g * factor);
  o["fat_g"] = one_decimal(f.fat_g * factor);
  o["fiber_g"] = one_decimal(f.fiber_g * factor);
  o["sugar_g"] = one_decimal(f.sugar_g * factor);
  o["sodium_mg"] = one_decimal(f.sodium_mg * factor);
  return o;
}

// The summary in `language` when the recipe has a translation there (each missing field in
// English), else in English; `language` says which.
bj::object summary_object(const recipe& r, std::string_view language) {
  const recipe_translation* t = r.translation(language);
  bj::object o;
  o["id"] = r.id;
  o["slug"] = r.slug;
  o["name"] = t != nullptr && t->name ? *t->name : r.name;
  o["description"] = t != nullptr && t->description ? *t->description : r.description;
  o["language"] = t != nullptr ? language : std::string_view("en");
  o["prep_minutes"] = r.prep_minutes;
  o["cook_minutes"] = r.cook_minutes;
  o["total_minutes"] = r.prep_minutes + r.cook_minutes;
  o["servings"] = r.servings;
  o["nutrition_per_serving"] = facts(r.per_serving, 1);
  o["diet_types"] = strings(r.diet_types);
  o["allergens"] = strings(r.allergens);
  o["meal_types"] = strings(r.meal_types);
  o["tags"] = strings(r.tags);
  o["is_premium"] = r.is_premium;
  o["image_url"] = json::nullable(r.image_url);
  return o;
}

}  // namespace

result<recipe_query> parse_recipe_query(const recipe_params& p, const cursor_codec& codec) {
  query::reader r;
  recipe_query q;
  q.diet = r.one_of("diet", p.diet, recipe_search::diet_vocabulary());
  q.tag = r.one_of("tag", p.tag, recipe_search::tag_vocabulary());
  if (p.exclude) {
    std::set<std::string> found;
    bool ok = !p.exclude->empty();
    std::string_view rest = *p.exclude;
    while (ok) {
      auto comma = rest.find(',');
      std::string item(rest.substr(0, comma));
      const auto& allergens = recipe_search::allergen_vocabulary();
      if (std::find(allergens.begin(), allergens.end(), item) == allergens.end()) {
        ok = false;
        break;
      }
      found.insert(item);
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
    if (ok) {
      q.exclude.assign(found.begin(), found.end());
    } else {
      r.add_error("exclude",
                  "must be a comma-separated list of: gluten, dairy, egg, nuts, "
                  "peanuts, soy, fish, shellfish, sesame");
    }
  }
  q.use_profile_allergies =
      r.boolean("profile_allergies", p.profile_allergies).value_or(q.use_profile_allergies);
  q.max_prep_minutes = r.integer("max_prep_minutes", p.max_prep_minutes, 0, 1440);
  q.min_kcal = r.integer("min_kcal", p.min_kcal, 0, 5000);
  q.max_kcal = r.integer("max_kcal", p.max_kcal, 0, 5000);
  if (q.min_kcal && q.max_kcal && *q.min_kcal > *q.max_kcal) {
    r.add_error("max_kcal", "must not be less than min_kcal");
  }
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
      ok = rank.has_value();
      if (ok) {
        q.after = recipe_query::position{*rank, pos->sort_key.substr(comma + 1), pos->id};
      }
    }
    if (!ok) {
      r.add_error("cursor", std::string(query::foreign_cursor));
    }
  }
  return r.finish(std::move(q));
}

result<std::optional<int>> parse_servings(const std::optional<std::string>& raw) {
  if (!raw) {
    return std::optional<int>();
  }
  auto n = query::integer(*raw, 1, 50);
  if (!n) {
    return validation({{"servings", "must be an integer between 1 and 50"}});
  }
  return std::optional<int>(*n);
}

std::string_view language_of(const recipe& r, std::string_view language) {
  return r.translation(language) != nullptr ? language : std::string_view("en");
}

std::string render_recipe_summary(const recipe& r, std::string_view language) {
  return json::serialize(summary_object(r, language));
}

std::string render_recipe_page(const recipe_list& l, std::string_view language) {
  bj::array a;
  a.reserve(l.page.items.size());
  for (const recipe* r : l.page.items) {
    a.push_back(summary_object(*r, language));
  }
  return json::serialize(a);
}

std::string render_recipe_pagination(const recipe_list& l, const cursor_codec& codec) {
  if (!l.page.has_more || l.page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const recipe& last = *l.page.items.back();
  return pagination_json(
      codec.encode(std::to_string(l.page.ranks.back()) + "," + last.name, last.id));
}

std::string render_recipe(const recipe_view& v, std::string_view language) {
  const recipe& r = *v.r;
  const recipe_translation* t = r.translation(language);
  const double factor = static_cast<double>(v.servings) / r.servings;
  bj::object o = summary_object(r, language);
  o["servings"] = v.servings;
  o["base_servings"] = r.servings;
  bj::array ingredients;
  for (const auto& i : r.ingredients) {
    bj::object x;
    const ingredient_text* text = nullptr;
    if (t != nullptr) {
      auto it = t->ingredients.find(i.position);
      text = it == t->ingredients.end() ? nullptr : &it->second;
    }
    x["position"] = i.position;
    x["name"] = text != nullptr && text->name ? *text->name : i.name;
    x["quantity"] = json::nullable(units::scale(i.quantity, i.unit, factor));
    x["unit"] = json::nullable(i.unit);
    x["notes"] = json::nullable(text != nullptr && text->notes ? text->notes : i.notes);
    x["aisle"] = i.aisle;
    ingredients.push_back(std::move(x));
  }
  o["ingredients"] = std::move(ingredients);
  o["steps"] = strings(t != nullptr && t->steps ? *t->steps : r.steps);
  o["nutrition_total"] = facts(r.per_serving, v.servings);
  return json::serialize(o);
}

}  // namespace ugoki::nutrition::dto
