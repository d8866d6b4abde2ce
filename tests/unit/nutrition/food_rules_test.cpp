// The products' sanity checks and the diary's arithmetic, with hand-computed values.
#include <gtest/gtest.h>

#include "nutrition/diary_rules.hpp"
#include "nutrition/products_rules.hpp"

namespace ugoki::nutrition {
namespace {

// Nutella per 100 g as Open Food Facts lists it.
nutrients food_rules_nutella() {
  return {539, 6.3, 57.5, 56.3, 30.9, 10.6, 0, 0.107};
}

TEST(food_rules, a_consistent_label_passes) {
  EXPECT_TRUE(sanity_flags(food_rules_nutella()).empty());
  // 4 x 6.3 + 4 x 57.5 + 9 x 30.9 = 533.3 kcal against 539 declared.
  EXPECT_NEAR(*energy_from_macros(food_rules_nutella()), 533.3, 1e-9);
}

TEST(food_rules, each_inconsistency_is_flagged_in_order) {
  nutrients n = food_rules_nutella();
  n.saturated_fat_g = 31.1;  // more than fat
  n.sugars_g = 60;           // more than carbohydrates
  n.energy_kcal = 300;       // far from 533 kcal
  EXPECT_EQ(sanity_flags(n),
            (std::vector<std::string>{"saturated_fat_exceeds_fat", "sugars_exceed_carbohydrates",
                                      "energy_inconsistent"}));
}

TEST(food_rules, rounding_slack_and_energy_tolerance) {
  nutrients n = food_rules_nutella();
  n.saturated_fat_g = 31.0;      // within 0.1 g of fat
  n.energy_kcal = 533.3 * 1.19;  // within 20 %
  EXPECT_TRUE(sanity_flags(n).empty());
  nutrients water{0, 0, 0, 0, 0, 0, 0, 0};
  water.energy_kcal = 14;  // within 15 kcal of zero
  EXPECT_TRUE(sanity_flags(water).empty());
  water.energy_kcal = 16;
  EXPECT_EQ(sanity_flags(water), std::vector<std::string>{"energy_inconsistent"});
}

TEST(food_rules, impossible_masses_and_energy) {
  nutrients n{950, 10, 10, 0, 90, 0, 0, 0};
  auto flags = sanity_flags(n);
  EXPECT_EQ(flags, (std::vector<std::string>{"macros_exceed_100g", "energy_out_of_range"}));
}

TEST(food_rules, missing_values_are_not_flagged) {
  nutrients n;
  n.energy_kcal = 100;
  EXPECT_TRUE(sanity_flags(n).empty());
  EXPECT_FALSE(energy_from_macros(n));
}

TEST(food_rules, per_serving_from_the_source_else_scaled) {
  nutrients from_label;
  from_label.energy_kcal = 80;
  EXPECT_EQ(per_serving(food_rules_nutella(), from_label, 15.0).energy_kcal, 80);
  auto scaled_serving = per_serving(food_rules_nutella(), {}, 15.0);
  EXPECT_NEAR(*scaled_serving.energy_kcal, 80.85, 1e-9);
  EXPECT_FALSE(per_serving(food_rules_nutella(), {}, std::nullopt).energy_kcal);
}

TEST(food_rules, item_values_from_grams_rounded_to_a_tenth) {
  // 45 g of Nutella: 242.55 kcal, 2.835 g protein, ... salt 0.048 g.
  item_values v = values_of_grams(food_rules_nutella(), 45);
  EXPECT_DOUBLE_EQ(v.kcal, 242.6);
  EXPECT_DOUBLE_EQ(v.protein_g, 2.8);
  EXPECT_DOUBLE_EQ(v.carbs_g, 25.9);
  EXPECT_DOUBLE_EQ(v.fat_g, 13.9);
  EXPECT_DOUBLE_EQ(v.sugar_g, 25.3);
  EXPECT_DOUBLE_EQ(v.fiber_g, 0);
  EXPECT_DOUBLE_EQ(v.salt_g, 0);
}

TEST(food_rules, servings_of_a_recipe_and_bounds) {
  item_values per{450, 30, 40, 15, 8, 6, 1.2};
  item_values two = values_of_servings(per, 1.5);
  EXPECT_DOUBLE_EQ(two.kcal, 675);
  EXPECT_DOUBLE_EQ(two.salt_g, 1.8);
  EXPECT_EQ(values_problem(two), nullptr);
  EXPECT_NE(values_problem(values_of_servings(per, 30)), nullptr);  // 13,500 kcal
  item_values salty{10, 0, 0, 0, 0, 0, 2500};
  EXPECT_NE(values_problem(salty), nullptr);
}

TEST(food_rules, targets_from_the_goal_and_energy_out_without_double_counting) {
  targets t = targets_for(2000);
  EXPECT_EQ(*t.kcal, 2000);
  EXPECT_EQ(*t.protein_g, 100);
  EXPECT_EQ(*t.carbs_g, 250);
  EXPECT_EQ(*t.fat_g, 67);
  EXPECT_EQ(*t.fiber_g, 28);
  EXPECT_EQ(*t.sugar_g_max, 50);
  EXPECT_EQ(t.salt_g_max, 5);
  EXPECT_FALSE(targets_for(std::nullopt).kcal);
  energy_out e = energy_out_of(320, 450);
  EXPECT_EQ(e.total, 450);
  EXPECT_EQ(energy_out_of(320, 0).total, 320);
}

}  // namespace
}  // namespace ugoki::nutrition
