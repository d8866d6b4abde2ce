// The sessions' pure rules with hand-computed values: session energy, stats buckets, personal
// records (Epley) and streaks across a DST change.
#include "workouts/session_energy.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "workouts/records.hpp"
#include "workouts/stats.hpp"
#include "workouts/streaks.hpp"

namespace ugoki::workouts {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days rules_day(int y, unsigned m, unsigned d) {
  return sys_days(std::chrono::year{y} / m / d);
}

stored_set rules_set(double met, std::optional<int> work, std::optional<int> rest,
                     bool completed = true) {
  stored_set s;
  s.met = met;
  s.s.duration_seconds = work;
  s.s.rest_seconds = rest;
  s.s.completed = completed;
  return s;
}

TEST(session_energy, sets_at_their_met_rest_at_1_3_and_the_rest_at_the_type_met) {
  // 80 kg: 2 x (40 s burpees at 8.0 + 20 s rest) and 10 min active in a hiit session.
  // Work: 8 x 3.5 x 80 / 200 x (80 / 60) = 14.933; rest: 1.3 x 1.4 x 40 / 60 = 1.2133;
  // uncovered 600 - 120 = 480 s at 8.0: 8 x 1.4 x 8 = 89.6; total 105.75 -> 106.
  std::vector<stored_set> sets{rules_set(8.0, 40, 20), rules_set(8.0, 40, 20)};
  EXPECT_EQ(session_kcal(sets, "hiit", 600, 80.0), 106);
}

TEST(session_energy, skipped_sets_count_nothing_and_over_logging_is_not_negative) {
  std::vector<stored_set> skipped{rules_set(10.0, 600, 0, false)};
  // Only the 600 s at strength's 3.5 MET, 70 kg: 3.5 x 3.5 x 70 / 200 x 10 = 42.875 -> 43.
  EXPECT_EQ(session_kcal(skipped, "strength", 600, 70.0), 43);
  std::vector<stored_set> long_set{rules_set(4.0, 1200, 0)};
  // 20 min at 4.0 logged in a 10 min session: 4 x 1.225 x 20 = 98, nothing taken off.
  EXPECT_EQ(session_kcal(long_set, "cardio", 600, 70.0), 98);
}

TEST(session_energy, each_type_has_its_compendium_met) {
  EXPECT_DOUBLE_EQ(type_met("hiit"), 8.0);
  EXPECT_DOUBLE_EQ(type_met("strength"), 3.5);
  EXPECT_DOUBLE_EQ(type_met("cardio"), 7.3);
  EXPECT_DOUBLE_EQ(type_met("mobility"), 2.3);
  EXPECT_DOUBLE_EQ(type_met("other"), 4.3);
}

TEST(workout_stats, buckets_are_local_days_iso_weeks_and_months) {
  const sys_days wed = rules_day(2026, 3, 25);
  EXPECT_EQ(bucket_start(wed, stats_bucket::week), rules_day(2026, 3, 23));
  EXPECT_EQ(bucket_start(wed, stats_bucket::month), rules_day(2026, 3, 1));
  EXPECT_EQ(bucket_count(rules_day(2026, 1, 31), rules_day(2026, 3, 1), stats_bucket::month), 3);
  EXPECT_EQ(bucket_count(rules_day(2026, 3, 22), rules_day(2026, 3, 23), stats_bucket::week), 2);
}

TEST(workout_stats, every_bucket_is_present_and_inputs_outside_are_ignored) {
  std::vector<stats_session> sessions{{rules_day(2026, 3, 23), 1800, 200},
                                      {rules_day(2026, 3, 29), 600, 50},
                                      {rules_day(2026, 3, 30), 600, 70},
                                      {rules_day(2026, 4, 9), 60, 5}};
  std::vector<stats_volume> volumes{{rules_day(2026, 3, 24), "chest", 1000},
                                    {rules_day(2026, 3, 24), "triceps", 1000},
                                    {rules_day(2026, 3, 25), "chest", 500}};
  auto rows = build_stats(rules_day(2026, 3, 24), rules_day(2026, 4, 7), stats_bucket::week,
                          sessions, volumes);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].start, rules_day(2026, 3, 23));
  EXPECT_EQ(rows[0].sessions, 1);  // the 23rd is before `from`
  EXPECT_EQ(rows[0].kcal, 50);
  EXPECT_DOUBLE_EQ(rows[0].volume_kg["chest"], 1500);
  EXPECT_DOUBLE_EQ(rows[0].volume_kg["triceps"], 1000);
  EXPECT_EQ(rows[1].sessions, 1);
  EXPECT_EQ(rows[1].active_seconds, 600);
  EXPECT_EQ(rows[2].sessions, 0);  // empty, still listed; the 9th is after `to`
}

TEST(workout_records, epley_and_the_session_that_set_each_record) {
  EXPECT_DOUBLE_EQ(*epley_1rm(100, 1), 100);
  EXPECT_DOUBLE_EQ(*epley_1rm(90, 6), 108);  // 90 x (1 + 6/30)
  EXPECT_FALSE(epley_1rm(90, 13));
  EXPECT_FALSE(epley_1rm(0, 5));
  const instant t1 = sys_days(rules_day(2026, 3, 1));
  const instant t2 = t1 + days(7);
  std::vector<record_set> sets{
      {"e1", "Squat", "s1", t1, 5, 100.0, std::nullopt},
      {"e1", "Squat", "s2", t2, 6, 90.0, std::nullopt},
      {"e1", "Squat", "s2", t2, 8, 100.0, std::nullopt},  // more reps at 100
      {"e2", "Plank", "s1", t1, std::nullopt, std::nullopt, 90},
      {"e2", "Plank", "s2", t2, std::nullopt, std::nullopt, 90},  // a tie: the first keeps it
  };
  auto r = compute_records(sets);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].exercise_name, "Plank");
  EXPECT_EQ(r[0].longest_duration->session_id, "s1");
  const exercise_records& squat = r[1];
  EXPECT_EQ(squat.max_weight->value, 100);
  EXPECT_EQ(squat.max_weight->session_id, "s1");
  ASSERT_EQ(squat.max_reps_at_weight.size(), 2u);
  EXPECT_EQ(squat.max_reps_at_weight[0].weight_kg, 90);
  EXPECT_EQ(squat.max_reps_at_weight[1].value, 8);
  EXPECT_EQ(squat.max_reps_at_weight[1].session_id, "s2");
  // 100 x (1 + 8/30) = 126.67 beats 100 x (1 + 5/30) and 90 x 1.2.
  EXPECT_NEAR(squat.best_estimated_1rm->value, 126.6667, 1e-3);
  EXPECT_EQ(squat.best_estimated_1rm->session_id, "s2");
}

TEST(workout_streaks, days_and_goal_weeks_across_the_dst_change) {
  // Europe's clocks change on Sunday 2026-03-29; local days step by calendar all the same.
  std::vector<sys_days> dates{rules_day(2026, 3, 27), rules_day(2026, 3, 28),
                              rules_day(2026, 3, 29), rules_day(2026, 3, 30),
                              rules_day(2026, 3, 16), rules_day(2026, 3, 17),
                              rules_day(2026, 3, 18)};
  auto s = compute_workout_streaks(dates, rules_day(2026, 3, 31), 3);
  EXPECT_EQ(s.current_days, 4);  // 27..30, today (31st) still open
  EXPECT_EQ(s.longest_days, 4);
  // Weeks from Monday: 16th (3 sessions), 23rd (3: 27, 28, 29), 30th (1 so far, not over).
  EXPECT_EQ(s.current_weeks, 2);
  EXPECT_EQ(s.longest_weeks, 2);
  EXPECT_EQ(s.this_week_sessions, 1);
  EXPECT_EQ(s.week_start, rules_day(2026, 3, 30));
  // Two days later without a workout, the day streak is broken; the weeks hold until Monday.
  auto later = compute_workout_streaks(dates, rules_day(2026, 4, 1), 3);
  EXPECT_EQ(later.current_days, 0);
  EXPECT_EQ(later.current_weeks, 2);
  auto next_week = compute_workout_streaks(dates, rules_day(2026, 4, 6), 3);
  EXPECT_EQ(next_week.current_weeks, 0);
  EXPECT_EQ(next_week.longest_weeks, 2);
}

}  // namespace
}  // namespace ugoki::workouts
