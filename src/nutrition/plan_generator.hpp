// The meal-plan generator's deterministic rules (docs/nutrition.md, "Meal plans and the
// generator's rules"): which recipes a diner may get, and a week of them near a daily kcal
// target. Pure: the same book and inputs give the same week.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nutrition/recipes_types.hpp"

namespace ugoki::nutrition::generator {

// Each day's kcal is within this fraction of the target whenever the candidates allow it.
inline constexpr double tolerance = 0.10;
// Servings move in quarter steps between these bounds.
inline constexpr double min_servings = 0.5;
inline constexpr double max_servings = 3.0;

struct inputs {
  int daily_kcal = 2000;
  std::optional<std::string> diet;          // a profile diet (user module vocabulary)
  std::vector<std::string> allergens;       // recipe allergen vocabulary; never proposed
  std::vector<std::string> excluded_foods;  // ingredient words never proposed
  bool premium = false;                     // premium recipes only for premium callers
};

struct planned {
  int day = 0;       // 0..6
  std::string slot;  // breakfast | lunch | dinner | snack
  const recipe* r = nullptr;
  double servings = 1;
};

// Whether the diner may get `r`: active; premium only for premium callers; none of the
// allergens; no ingredient containing an excluded food; and the diet: vegetarian, vegan, keto,
// low_carb, paleo and mediterranean need that diet type; pescatarian takes vegetarian recipes
// and those whose only animal allergens are fish or shellfish (see the doc); omnivore, halal,
// kosher and other do not filter.
bool allowed(const recipe& r, const inputs& in);

// The week: for each day breakfast, lunch and dinner (25, 35 and 40 % of the target), each the
// next allowed recipe of that meal type in the book's order (rotating from the day's index, so
// days differ), servings fitted in quarter steps; then, while the day is more than the tolerance
// under target, a snack (the next allowed snack recipe) sized to fill the gap; finally servings
// nudged a quarter at a time toward the target. Empty when no recipe is allowed at all.
std::vector<planned> week(const recipe_book& book, const inputs& in);

}  // namespace ugoki::nutrition::generator
