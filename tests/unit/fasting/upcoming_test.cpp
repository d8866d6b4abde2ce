// Which local days a plan fasts on (what GET /fasting/schedule/upcoming resolves to instants),
// and which plans are refused as incoherent.
#include "fasting/schedule.hpp"

#include <gtest/gtest.h>

namespace ugoki::fasting {
namespace {

using namespace std::chrono;

bool has_error(const std::vector<field_error>& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field == field) {
      return true;
    }
  }
  return false;
}

TEST(schedule, iso_weekdays_and_week_start) {
  EXPECT_EQ(iso_weekday(sys_days{2026y / March / 2}), 1);  // Monday
  EXPECT_EQ(iso_weekday(sys_days{2026y / March / 1}), 7);  // Sunday
  EXPECT_EQ(iso_week_start(sys_days{2026y / March / 1}), sys_days{2026y / February / 23});
  EXPECT_EQ(iso_week_start(sys_days{2026y / March / 2}), sys_days{2026y / March / 2});
}

TEST(schedule, daily_plan_on_chosen_weekdays) {
  fast_day_rule weekdays_only{fast_day_rule::mode::weekdays, weekday_mask({1, 2, 3, 4, 5}), {}};
  // 14 days from Monday 2026-03-23 (over Berlin's 03-29 change): ten weekdays.
  auto days = planned_days(weekdays_only, sys_days{2026y / March / 23}, 14);
  ASSERT_EQ(days.size(), 10u);
  EXPECT_EQ(days.front(), sys_days{2026y / March / 23});
  EXPECT_EQ(days[5], sys_days{2026y / March / 30});
  for (auto d : days) {
    EXPECT_LE(iso_weekday(d), 5);
  }
  EXPECT_EQ(planned_days(fast_day_rule{}, sys_days{2026y / March / 23}, 3).size(), 3u);
  EXPECT_TRUE(planned_days(fast_day_rule{}, sys_days{2026y / March / 23}, 0).empty());
}

TEST(schedule, five_two_fast_days) {
  fast_day_rule five_two{fast_day_rule::mode::weekdays, weekday_mask({1, 4}), {}};
  auto days = planned_days(five_two, sys_days{2026y / March / 1}, 14);
  std::vector<sys_days> want{sys_days{2026y / March / 2}, sys_days{2026y / March / 5},
                             sys_days{2026y / March / 9}, sys_days{2026y / March / 12}};
  EXPECT_EQ(days, want);
}

TEST(schedule, alternate_days_keep_parity_before_and_after_the_anchor) {
  fast_day_rule adf{fast_day_rule::mode::alternate, 0x7f, sys_days{2026y / March / 28}};
  auto days = planned_days(adf, sys_days{2026y / March / 25}, 8);
  std::vector<sys_days> want{sys_days{2026y / March / 26}, sys_days{2026y / March / 28},
                             sys_days{2026y / March / 30}, sys_days{2026y / April / 1}};
  EXPECT_EQ(days, want);
}

TEST(schedule, weekday_mask_round_trip) {
  EXPECT_EQ(weekday_mask({1, 7}), 0x41);
  EXPECT_EQ(weekdays_of(0x41), (std::vector<int>{1, 7}));
  EXPECT_EQ(weekday_mask({0, 8}), 0);
}

TEST(schedule, coherent_plans_pass) {
  EXPECT_TRUE(
      check_plan({"daily_tre", 960, std::nullopt, false, {1, 2, 3, 4, 5, 6, 7}, false}).empty());
  EXPECT_TRUE(check_plan({"weekly", 1440, 2, true, {1, 4}, false}).empty());
  EXPECT_TRUE(check_plan({"alternate_day", 1440, std::nullopt, false, {}, true}).empty());
  EXPECT_TRUE(check_plan({"extended", 2160, std::nullopt, false, {1, 4}, false}).empty());
  // Back-to-back 24-hour fasts touch but do not overlap.
  EXPECT_TRUE(check_plan({"custom", 1440, std::nullopt, false, {1, 2}, false}).empty());
}

TEST(schedule, five_two_needs_exactly_its_days_not_adjacent) {
  EXPECT_TRUE(has_error(check_plan({"weekly", 1440, 2, true, {1}, false}), "weekdays"));
  EXPECT_TRUE(has_error(check_plan({"weekly", 1440, 2, true, {1, 3, 5}, false}), "weekdays"));
  EXPECT_TRUE(has_error(check_plan({"weekly", 1440, 2, true, {1, 2}, false}), "weekdays"));
  // Sunday and Monday are adjacent across the week's end.
  EXPECT_TRUE(has_error(check_plan({"weekly", 1440, 2, true, {1, 7}, false}), "weekdays"));
  EXPECT_TRUE(has_error(check_plan({"weekly", 1440, 2, true, {}, false}), "weekdays"));
}

TEST(schedule, incoherent_plans_are_named) {
  // 36-hour fasts every day would overlap.
  EXPECT_TRUE(
      has_error(check_plan({"extended", 2160, std::nullopt, false, {1, 2}, false}), "weekdays"));
  EXPECT_TRUE(
      has_error(check_plan({"daily_tre", 960, std::nullopt, false, {1, 1}, false}), "weekdays"));
  EXPECT_TRUE(
      has_error(check_plan({"daily_tre", 960, std::nullopt, false, {1}, true}), "anchor_date"));
  EXPECT_TRUE(has_error(check_plan({"alternate_day", 1440, std::nullopt, false, {1, 3}, false}),
                        "weekdays"));
}

}  // namespace
}  // namespace ugoki::fasting
