// The shopping list's pure rules: a week plan's items turned into aggregated lines, and the
// order the list is shown in. No JSON, SQL or HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nutrition/meal_plans_types.hpp"
#include "nutrition/recipes_types.hpp"
#include "nutrition/units.hpp"

namespace ugoki::nutrition::shopping {

// A planned item as the shopping list sees it.
struct planned {
  std::optional<std::string> recipe_id;
  std::optional<std::string> product_name;  // set for a product item
  double servings = 1;
};

// Product items are bought by the serving: `servings` x "serving", aisle "other".
inline constexpr const char* product_unit = "serving";
// shopping_list_items.name holds at most this many characters (migration 0008).
inline constexpr std::size_t max_name_chars = 200;

// The aggregated lines of a week (units::aggregate): every ingredient of each recipe item scaled
// by item servings / recipe servings (retired recipes included: the plan still has them), each
// product item as `servings` servings. Free-text items are not shoppable and add nothing; a
// recipe missing from `book` adds nothing. Names are cut to max_name_chars characters.
std::vector<units::line> lines_of(const std::vector<planned>& items, const recipe_book& book);

// Sorts `items` for display: by aisle (units::aisles order), unchecked before checked, then by
// name and id.
void order(std::vector<shopping_item>& items);

// `text` cut to at most `max_chars` UTF-8 characters (never inside a character).
std::string cut_chars(const std::string& text, std::size_t max_chars);

}  // namespace ugoki::nutrition::shopping
