// Routine length and kcal estimates with hand-computed figures (routine_rules.hpp).
#include "workouts/routine_rules.hpp"

#include <gtest/gtest.h>

#include "workouts/library_service.hpp"

namespace ugoki::workouts {
namespace {

catalogue rules_lib() {
  catalogue lib;
  exercise burpee;
  burpee.id = "burpee";
  burpee.met_value = 8.0;
  exercise plank;
  plank.id = "plank";
  plank.met_value = 3.5;
  lib.exercises = {burpee, plank};
  index_catalogue(lib);
  return lib;
}

interval rules_interval(std::string block, std::string id, std::optional<int> work,
                        std::optional<int> reps, int rest, int rounds = 1) {
  interval i;
  i.block = std::move(block);
  i.exercise_id = std::move(id);
  i.work_seconds = work;
  i.reps = reps;
  i.rest_seconds = rest;
  i.rounds = rounds;
  return i;
}

TEST(routine_rules, blocks_rounds_and_rests_add_up) {
  auto lib = rules_lib();
  routine r;
  r.rounds = 3;
  r.rest_between_rounds_seconds = 60;
  r.intervals = {rules_interval("warm_up", "plank", 60, std::nullopt, 0),
                 rules_interval("main", "burpee", 40, std::nullopt, 20),
                 rules_interval("main", "plank", 30, std::nullopt, 15, 2),
                 rules_interval("cool_down", "plank", std::nullopt, 10, 0)};
  auto e = rules::estimate(r, lib, body_mass{80.0, false});
  // Warm-up 60. Main, per round: burpee 40 + 20 rest, plank 2 x (30 + 15) less the last 15:
  // work 100, rest 35; x3 rounds = work 300, rest 105; + 2 x 60 between rounds = rest 225.
  // Cool-down: 10 reps x 3 s = 30. Work 60 + 300 + 30 = 390, duration 390 + 225 = 615.
  EXPECT_EQ(e.work_seconds, 390);
  EXPECT_EQ(e.rest_seconds, 225);
  EXPECT_EQ(e.duration_seconds, 615);
  // MET-seconds: plank 3.5 x (60 + 3 x 60 + 30) = 945; burpee 8 x 120 = 960; rest 1.3 x 225 =
  // 292.5. Total 2197.5 x 3.5 x 80 / 200 / 60 = 51.275 kcal -> 51.
  EXPECT_EQ(e.estimated_kcal, 51);
  EXPECT_FALSE(e.estimated);
  EXPECT_EQ(e.body_mass_kg, 80.0);
}

TEST(routine_rules, filters) {
  routine r;
  r.difficulty = "beginner";
  r.goals = {"core"};
  r.is_premium = true;
  routine_estimate e;
  e.duration_seconds = 600;
  routine_filter f;
  EXPECT_TRUE(rules::matches(r, e, f));
  f.max_minutes = 9;
  EXPECT_FALSE(rules::matches(r, e, f));
  f.max_minutes = 10;
  f.equipment = "none";
  f.goal = "core";
  f.premium = true;
  EXPECT_TRUE(rules::matches(r, e, f));
  r.equipment = {"dumbbell"};
  EXPECT_FALSE(rules::matches(r, e, f));
  f.equipment = "dumbbell";
  f.premium = false;
  EXPECT_FALSE(rules::matches(r, e, f));
}

}  // namespace
}  // namespace ugoki::workouts
