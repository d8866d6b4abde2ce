// The diary's arithmetic: an item's numbers from per-100 g or per-serving values, the checks
// on them, the day's totals, targets and budget. Pure; unit-tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nutrition/diary_types.hpp"

namespace ugoki::nutrition {

// Bounds: one item at most 10,000 kcal and 2,000 g of any nutrient; a meal at most 20,000 kcal
// (what meal_logs allows).
inline constexpr double max_item_kcal = 10'000;
inline constexpr double max_meal_kcal = 20'000;
inline constexpr double max_nutrient_g = 2'000;

// Values of `grams` of food with these per-100 g nutrients; absent nutrients count 0; rounded
// to 0.1.
item_values values_of_grams(const nutrients& per_100g, double grams);
// Values of `servings` of a recipe whose per-serving values are `per_serving`.
item_values values_of_servings(const item_values& per_serving, double servings);
// Free text: the given numbers, absent ones 0.
item_values values_of_free(const nutrients& n);

// Why the values cannot be logged (over the bounds above), or nullptr.
const char* values_problem(const item_values& v);

item_values sum(const std::vector<item_values>& parts);

// Targets from the daily kcal goal: protein 20 %, carbohydrates 50 %, fat 30 % of the energy
// (4, 4, 9 kcal/g; the middle of the EFSA/IOM ranges), fibre 14 g per 1,000 kcal (US Dietary
// Guidelines), free sugars under 10 % of the energy (WHO), salt under 5 g (WHO). Without a goal
// only the salt limit is set.
targets targets_for(std::optional<int> daily_kcal_goal);

// The day's energy out: the larger of workout sessions and the active_kcal metric, because a
// wearable's active energy already includes the workouts it recorded (adding them would count a
// workout twice).
energy_out energy_out_of(double workouts_kcal, double active_kcal);

}  // namespace ugoki::nutrition
