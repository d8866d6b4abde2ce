// The sanity checks a product passes before it is stored or served, and portion arithmetic.
// Pure; unit-tested.
#pragma once

#include <string>
#include <vector>

#include "nutrition/products_types.hpp"

namespace ugoki::nutrition {

// Slack for label rounding (EU Regulation 1169/2011 rounds to 0.1 g): a part may exceed its
// whole by this much before it is flagged.
inline constexpr double rounding_slack_g = 0.1;
// Declared energy must match 4 kcal/g protein and carbohydrate, 9 kcal/g fat and 2 kcal/g fibre
// (the EU's conversion factors) within the larger of these two: labels round and omit polyols,
// alcohol and organic acids.
inline constexpr double energy_tolerance_ratio = 0.20;
inline constexpr double energy_tolerance_kcal = 15.0;

// The flags a product's per-100 g values earn, in this order, each at most once:
//   saturated_fat_exceeds_fat    saturated fat > fat + slack
//   sugars_exceed_carbohydrates  sugars > carbohydrates + slack
//   energy_inconsistent          energy and protein, carbohydrates and fat are all known and
//                                |energy - (4p + 4c + 9f + 2fibre)| > max(20% of the larger,
//                                15 kcal)
//   macros_exceed_100g           protein + carbohydrates + fat + fibre > 100 g + slack
//   energy_out_of_range          energy > 900 kcal (pure fat is 900)
// An empty vector: the product passes. Missing values are not flagged.
std::vector<std::string> sanity_flags(const nutrients& per_100g);

// The energy the macros imply (see above); nullopt unless protein, carbohydrates and fat are
// known (fibre counts 0 when absent).
std::optional<double> energy_from_macros(const nutrients& n);

// `n` scaled by `factor` (grams / 100, or servings x serving grams / 100); absent stays absent.
nutrients scaled(const nutrients& n, double factor);

// Per serving: `from_source` when it has energy, else per_100g scaled by serving_g / 100, else
// all absent.
nutrients per_serving(const nutrients& per_100g, const nutrients& from_source,
                      std::optional<double> serving_g);

}  // namespace ugoki::nutrition
