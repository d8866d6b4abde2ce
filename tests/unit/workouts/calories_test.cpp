// The Compendium formula with hand-computed values (docs/workouts.md).
#include "workouts/calories.hpp"

#include <gtest/gtest.h>

namespace ugoki::workouts {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(calories, met_times_3_5_times_mass_over_200_per_minute) {
  // Burpees (8.0 MET) for 10 minutes at 80 kg: 8 x 3.5 x 80 / 200 x 10 = 112 kcal.
  EXPECT_DOUBLE_EQ(kcal(8.0, 80.0, minutes(10)), 112.0);
  // 45 s at the resting MET and the default mass: 1.3 x 3.5 x 70 / 200 x 0.75.
  EXPECT_DOUBLE_EQ(kcal(resting_met, default_body_mass_kg, seconds(45)), 1.194375);
}

TEST(calories, scale_with_body_mass_not_a_constant_per_minute) {
  EXPECT_DOUBLE_EQ(kcal(6.0, 100.0, minutes(30)) / kcal(6.0, 50.0, minutes(30)), 2.0);
}

TEST(calories, no_time_no_energy) {
  EXPECT_EQ(kcal(8.0, 80.0, seconds(0)), 0.0);
  EXPECT_EQ(kcal(8.0, 80.0, seconds(-5)), 0.0);
}

TEST(calories, the_default_mass_is_marked_estimated) {
  body_mass unknown;
  EXPECT_TRUE(unknown.estimated);
  EXPECT_EQ(unknown.kg, 70.0);
}

}  // namespace
}  // namespace ugoki::workouts
