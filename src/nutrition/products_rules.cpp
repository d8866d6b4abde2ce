// Sanity checks and portion arithmetic for products (see products_rules.hpp for the rules).
#include "nutrition/products_rules.hpp"

#include <algorithm>
#include <cmath>

namespace ugoki::nutrition {

std::optional<double> energy_from_macros(const nutrients& n) {
  if (!n.proteins_g || !n.carbohydrates_g || !n.fat_g) {
    return std::nullopt;
  }
  return 4 * *n.proteins_g + 4 * *n.carbohydrates_g + 9 * *n.fat_g + 2 * n.fiber_g.value_or(0);
}

std::vector<std::string> sanity_flags(const nutrients& n) {
  std::vector<std::string> flags;
  if (n.saturated_fat_g && n.fat_g && *n.saturated_fat_g > *n.fat_g + rounding_slack_g) {
    flags.emplace_back("saturated_fat_exceeds_fat");
  }
  if (n.sugars_g && n.carbohydrates_g && *n.sugars_g > *n.carbohydrates_g + rounding_slack_g) {
    flags.emplace_back("sugars_exceed_carbohydrates");
  }
  if (auto implied = energy_from_macros(n); implied && n.energy_kcal) {
    const double allowed = std::max(energy_tolerance_ratio * std::max(*implied, *n.energy_kcal),
                                    energy_tolerance_kcal);
    if (std::abs(*n.energy_kcal - *implied) > allowed) {
      flags.emplace_back("energy_inconsistent");
    }
  }
  const double mass = n.proteins_g.value_or(0) + n.carbohydrates_g.value_or(0) +
                      n.fat_g.value_or(0) + n.fiber_g.value_or(0);
  if (mass > 100 + rounding_slack_g) {
    flags.emplace_back("macros_exceed_100g");
  }
  if (n.energy_kcal && *n.energy_kcal > 900) {
    flags.emplace_back("energy_out_of_range");
  }
  return flags;
}

nutrients scaled(const nutrients& n, double factor) {
  auto s = [factor](const std::optional<double>& v) -> std::optional<double> {
    if (!v) {
      return std::nullopt;
    }
    return *v * factor;
  };
  return {s(n.energy_kcal), s(n.proteins_g),      s(n.carbohydrates_g), s(n.sugars_g),
          s(n.fat_g),       s(n.saturated_fat_g), s(n.fiber_g),         s(n.salt_g)};
}

nutrients per_serving(const nutrients& per_100g, const nutrients& from_source,
                      std::optional<double> serving_g) {
  if (from_source.energy_kcal) {
    return from_source;
  }
  if (serving_g && *serving_g > 0) {
    return scaled(per_100g, *serving_g / 100);
  }
  return {};
}

}  // namespace ugoki::nutrition
