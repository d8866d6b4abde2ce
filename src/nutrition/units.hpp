// Quantities of recipe ingredients: scaling to a number of servings with the documented rounding,
// normalisation to base units (g, ml, counts) and aggregation into shopping-list lines. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ugoki::nutrition::units {

// A quantity scaled by `factor` (target servings / recipe servings) and rounded for display:
// g and ml to whole units from 10 up, else to 0.1; kg and l to 0.01; tsp, tbsp, cup and counts
// (piece, clove, slice, can, handful, sprig, pinch, no unit) to the nearest quarter, never below
// 0.25 (a scaled pinch is still a pinch). nullopt stays nullopt ("to taste").
std::optional<double> scale(std::optional<double> quantity, const std::optional<std::string>& unit,
                            double factor);

// Rounds to `step` (0.01, 0.1, 0.25, 1), half away from zero.
double round_to(double v, double step);

// A quantity in its unit family's base: mass in g (kg x 1000), volume in ml (l x 1000, tsp 5,
// tbsp 15, cup 240), or a count in its own unit ("piece" for no unit). `family` is "g", "ml" or
// the count unit.
struct base_quantity {
  std::string family;
  std::optional<double> amount;  // nullopt: "to taste"
};
base_quantity normalise(std::optional<double> quantity, const std::optional<std::string>& unit);

// One ingredient use, already scaled to the planned servings.
struct use {
  std::string name;
  std::optional<double> quantity;
  std::optional<std::string> unit;
  std::string aisle;
};

// A shopping-list line: one per (lowercased trimmed name, unit family). Amounts in g of 1000 or
// more show as kg, ml of 1000 or more as l (to 0.01); g and ml round up to whole units, counts
// up to the next quarter: a list never asks for less than the recipes need. A line with no
// amount ("to taste") has quantity and unit null; a use with an amount wins over it.
struct line {
  std::string key;  // "<name>|<family>"
  std::string name;
  std::optional<double> quantity;
  std::optional<std::string> unit;
  std::string aisle;
};
// Aggregates `uses` into lines ordered by aisle (in the migration's order), then name.
std::vector<line> aggregate(const std::vector<use>& uses);

// The aisles in shopping order (migration 0025's CHECK).
const std::vector<std::string>& aisles();

}  // namespace ugoki::nutrition::units
