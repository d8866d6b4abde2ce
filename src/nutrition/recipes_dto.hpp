// JSON shapes of recipes: list items, the detail scaled to a number of servings, and the parsers
// of their query strings (400 VAL_001 naming every bad parameter at once).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/recipes_service.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::nutrition::dto {

// The query of GET /recipes as received.
struct recipe_params {
  std::optional<std::string> diet;
  std::optional<std::string> exclude;
  std::optional<std::string> profile_allergies;
  std::optional<std::string> max_prep_minutes;
  std::optional<std::string> min_kcal;
  std::optional<std::string> max_kcal;
  std::optional<std::string> tag;
  std::optional<std::string> q;
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
};
// diet and tag from their vocabularies; exclude a comma list of allergens (each from the
// vocabulary, at most 9, duplicates folded); profile_allergies true|false (default true);
// max_prep_minutes 0..1440; min_kcal and max_kcal 0..5000 with min <= max; q 1..100
// characters; limit 1..100 (default 20); cursor as the list's pagination made it.
result<recipe_query> parse_recipe_query(const recipe_params& p, const cursor_codec& codec);

// ?servings= of GET /recipes/:id: nullopt when absent, 1..50 otherwise (400 VAL_001).
result<std::optional<int>> parse_servings(const std::optional<std::string>& raw);

// The language a recipe is answered in when `language` is asked: that one when the recipe has
// a translation in it, else "en".
std::string_view language_of(const recipe& r, std::string_view language);

// A list item: {id, slug, name, description, language, prep_minutes, cook_minutes,
// total_minutes, servings, nutrition_per_serving, diet_types, allergens, meal_types, tags,
// is_premium, image_url}. Its text (name, description) is the translation in `language` when
// the recipe has one (a field the translation lacks in English), English otherwise; `language`
// names the one it is in.
std::string render_recipe_summary(const recipe& r, std::string_view language);
// The page's items (in `language`, as above) and its pagination object ({cursor, has_more}).
std::string render_recipe_page(const recipe_list& l, std::string_view language);
std::string render_recipe_pagination(const recipe_list& l, const cursor_codec& codec);
// The detail: the summary's members plus servings (as asked), base_servings, ingredients in
// order (quantity scaled, units.hpp), steps, nutrition_per_serving and nutrition_total. The
// steps and each ingredient's name and notes are localised like the summary's text.
std::string render_recipe(const recipe_view& v, std::string_view language);

}  // namespace ugoki::nutrition::dto
