// Streaks and totals over local days, across DST changes and a change of time zone.
#include "fasting/streaks.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ugoki::fasting {
namespace {

using namespace std::chrono;

// What PostgreSQL stores as end_local_date, for the zones under test: the IANA rules of 2026
// written out (Berlin: +1, +2 from 2026-03-29T01:00Z, +1 from 2026-10-25T01:00Z; Los Angeles:
// -8, -7 from 2026-03-08T10:00Z, -8 from 2026-11-01T09:00Z). A streak counts these dates; the
// bug this guards against is counting elapsed 24-hour periods or UTC dates instead.
sys_days berlin_date(sys_seconds t) {
  auto offset =
      (t >= sys_days{2026y / March / 29} + 1h && t < sys_days{2026y / October / 25} + 1h) ? 2h : 1h;
  return floor<days>(t + offset);
}
sys_days la_date(sys_seconds t) {
  auto offset = (t >= sys_days{2026y / March / 8} + 10h && t < sys_days{2026y / November / 1} + 9h)
                    ? -7h
                    : -8h;
  return floor<days>(t + offset);
}

finished_fast done(sys_days d, hours h = 16h) {
  return {d, true, duration_cast<seconds>(h).count()};
}
finished_fast early(sys_days d, hours h = 10h) {
  return {d, false, duration_cast<seconds>(h).count()};
}

const fast_day_rule every_day{};

TEST(streaks, nothing_finished) {
  auto s = compute_streaks({}, every_day, sys_days{2026y / March / 10});
  EXPECT_EQ(s.current_streak, 0);
  EXPECT_EQ(s.longest_streak, 0);
  EXPECT_FALSE(s.completion_rate);
  EXPECT_FALSE(s.average_seconds);
  EXPECT_FALSE(s.last_completed_date);
}

TEST(streaks, consecutive_days_reaching_today) {
  sys_days today{2026y / March / 10};
  std::vector<finished_fast> f{done(today - days(2)), done(today - days(1)), done(today)};
  auto s = compute_streaks(f, every_day, today);
  EXPECT_EQ(s.current_streak, 3);
  EXPECT_EQ(s.longest_streak, 3);
  EXPECT_EQ(s.current_streak_start, today - days(2));
  EXPECT_EQ(s.current_streak_end, today);
  EXPECT_FALSE(s.planned_days_only);
}

TEST(streaks, alive_through_yesterday_broken_before) {
  sys_days today{2026y / March / 10};
  std::vector<finished_fast> f{done(today - days(2)), done(today - days(1))};
  EXPECT_EQ(compute_streaks(f, every_day, today).current_streak, 2);
  auto broken = compute_streaks(f, every_day, today + days(1));
  EXPECT_EQ(broken.current_streak, 0);
  EXPECT_EQ(broken.longest_streak, 2);
  EXPECT_FALSE(broken.current_streak_start);
}

TEST(streaks, ended_early_does_not_count_and_totals_include_it) {
  sys_days today{2026y / March / 10};
  std::vector<finished_fast> f{done(today - days(2), 16h), early(today - days(1), 10h),
                               done(today, 18h)};
  auto s = compute_streaks(f, every_day, today);
  EXPECT_EQ(s.current_streak, 1);
  EXPECT_EQ(s.longest_streak, 1);
  EXPECT_EQ(s.fasts_completed, 2);
  EXPECT_EQ(s.fasts_ended_early, 1);
  EXPECT_EQ(s.seconds_fasted, (16 + 10 + 18) * 3600);
  EXPECT_EQ(s.average_seconds, (16 + 10 + 18) * 3600 / 3);
  ASSERT_TRUE(s.completion_rate);
  EXPECT_DOUBLE_EQ(*s.completion_rate, 2.0 / 3.0);
}

TEST(streaks, two_fasts_one_day_count_once_and_order_does_not_matter) {
  sys_days today{2026y / March / 10};
  std::vector<finished_fast> f{done(today), done(today - days(1)), done(today)};
  auto s = compute_streaks(f, every_day, today);
  EXPECT_EQ(s.current_streak, 2);
  EXPECT_EQ(s.fasts_completed, 3);
}

TEST(streaks, berlin_spring_forward_23_hour_day) {
  // 20:00 starts, 16 h each. On 2026-03-28 20:00 CET (19:00Z) the fast ends 2026-03-29 11:00Z,
  // 13:00 CEST: the clocks jumped, yet it is still the next local day.
  std::vector<finished_fast> f;
  for (auto start : {sys_days{2026y / March / 27} + 19h, sys_days{2026y / March / 28} + 19h,
                     sys_days{2026y / March / 29} + 18h}) {
    f.push_back(done(berlin_date(start + 16h)));
  }
  EXPECT_EQ(f[1].end_local_date, sys_days{2026y / March / 29});
  EXPECT_EQ(f[2].end_local_date, sys_days{2026y / March / 30});
  auto s = compute_streaks(f, every_day, sys_days{2026y / March / 30});
  EXPECT_EQ(s.current_streak, 3);
  // A fast ending 00:30 CET on 03-29 (23:30Z on 03-28) is the 29th locally, not the 28th.
  EXPECT_EQ(berlin_date(sys_days{2026y / March / 28} + 23h + 30min), sys_days{2026y / March / 29});
}

TEST(streaks, berlin_fall_back_25_hour_day_is_one_day) {
  // 2026-10-25 lasts 25 h in Berlin. Fasts ending at 00:30 CEST (22:30Z on the 24th) and at
  // 23:30 CET (22:30Z on the 25th) are 25 h apart yet both on the 25th: one streak day.
  sys_seconds early_end = sys_days{2026y / October / 24} + 22h + 30min;
  sys_seconds late_end = sys_days{2026y / October / 25} + 22h + 30min;
  ASSERT_EQ(berlin_date(early_end), sys_days{2026y / October / 25});
  ASSERT_EQ(berlin_date(late_end), sys_days{2026y / October / 25});
  std::vector<finished_fast> f{done(sys_days{2026y / October / 24}), done(berlin_date(early_end)),
                               done(berlin_date(late_end)), done(berlin_date(late_end + 24h))};
  auto s = compute_streaks(f, every_day, sys_days{2026y / October / 26});
  EXPECT_EQ(s.current_streak, 3);  // 24th, 25th, 26th
  EXPECT_EQ(s.fasts_completed, 4);
}

TEST(streaks, los_angeles_spring_forward_and_fall_back) {
  // 2026-03-08: a fast ending 23:30 PDT (06:30Z on the 9th) is still the 8th locally.
  sys_seconds spring = sys_days{2026y / March / 9} + 6h + 30min;
  EXPECT_EQ(la_date(spring), sys_days{2026y / March / 8});
  // 2026-11-01: 07:30Z on the 2nd is 23:30 PST on the 1st (at -7 it would be the 2nd).
  sys_seconds fall = sys_days{2026y / November / 2} + 7h + 30min;
  EXPECT_EQ(la_date(fall), sys_days{2026y / November / 1});
  std::vector<finished_fast> f{done(sys_days{2026y / March / 7}), done(la_date(spring)),
                               done(sys_days{2026y / March / 9})};
  EXPECT_EQ(compute_streaks(f, every_day, sys_days{2026y / March / 9}).current_streak, 3);
  std::vector<finished_fast> g{done(sys_days{2026y / October / 31}), done(la_date(fall)),
                               done(sys_days{2026y / November / 2})};
  EXPECT_EQ(compute_streaks(g, every_day, sys_days{2026y / November / 3}).current_streak, 3);
}

TEST(streaks, user_flies_east_then_west) {
  // Fasts in Los Angeles ending 2026-03-01 and 03-02 (local); then one ending in Berlin on
  // 03-03 at 08:00 CET (07:00Z), which is still 03-02 23:00 in Los Angeles.
  sys_seconds berlin_end = sys_days{2026y / March / 3} + 7h;
  std::vector<finished_fast> f{done(sys_days{2026y / March / 1}), done(sys_days{2026y / March / 2}),
                               done(berlin_date(berlin_end))};
  EXPECT_EQ(f[2].end_local_date, sys_days{2026y / March / 3});
  // Back in Los Angeles it is still 03-02: the Berlin day counts and the streak is whole.
  auto west = compute_streaks(f, every_day, la_date(berlin_end));
  EXPECT_EQ(west.today, sys_days{2026y / March / 2});
  EXPECT_EQ(west.current_streak, 3);
  EXPECT_EQ(west.longest_streak, 3);
  EXPECT_EQ(west.current_streak_end, sys_days{2026y / March / 3});
  // Seen from Berlin the next day, the streak is alive through yesterday.
  EXPECT_EQ(compute_streaks(f, every_day, sys_days{2026y / March / 4}).current_streak, 3);
}

TEST(streaks, five_two_plan_counts_planned_days_only) {
  fast_day_rule five_two{fast_day_rule::mode::weekdays, weekday_mask({1, 4}), {}};
  // Mon 2026-03-02, Thu 03-05, Mon 03-09 kept; a completed fast on Tue 03-03 is ignored.
  std::vector<finished_fast> f{done(sys_days{2026y / March / 2}), done(sys_days{2026y / March / 3}),
                               done(sys_days{2026y / March / 5}),
                               done(sys_days{2026y / March / 9})};
  auto wed = compute_streaks(f, five_two, sys_days{2026y / March / 11});
  EXPECT_TRUE(wed.planned_days_only);
  EXPECT_EQ(wed.current_streak, 3);
  EXPECT_EQ(wed.current_streak_start, sys_days{2026y / March / 2});
  // Thursday 03-12 not kept yet: still alive on the day itself.
  EXPECT_EQ(compute_streaks(f, five_two, sys_days{2026y / March / 12}).current_streak, 3);
  // Friday: Thursday was missed.
  auto fri = compute_streaks(f, five_two, sys_days{2026y / March / 13});
  EXPECT_EQ(fri.current_streak, 0);
  EXPECT_EQ(fri.longest_streak, 3);
}

TEST(streaks, alternate_day_plan_follows_its_anchor) {
  sys_days anchor{2026y / March / 1};
  fast_day_rule adf{fast_day_rule::mode::alternate, 0x7f, anchor};
  std::vector<finished_fast> f{done(anchor), done(anchor + days(2)), done(anchor + days(4))};
  EXPECT_EQ(compute_streaks(f, adf, anchor + days(5)).current_streak, 3);  // off day
  EXPECT_EQ(compute_streaks(f, adf, anchor + days(6)).current_streak, 3);  // fast day, open
  EXPECT_EQ(compute_streaks(f, adf, anchor + days(7)).current_streak, 0);  // day 6 missed
  // Over the Berlin spring change (03-29) too: the cycle is in days, not 48-hour blocks.
  sys_days later{2026y / March / 27};
  std::vector<finished_fast> g{done(later), done(later + days(2)), done(later + days(4))};
  fast_day_rule adf2{fast_day_rule::mode::alternate, 0x7f, later};
  EXPECT_EQ(compute_streaks(g, adf2, later + days(4)).current_streak, 3);
}

TEST(streaks, this_week_and_last_week_are_iso_weeks) {
  sys_days wed{2026y / March / 11};                                // Monday is 03-09
  std::vector<finished_fast> f{done(sys_days{2026y / March / 1}),  // Sunday, two weeks back
                               early(sys_days{2026y / March / 8}, 5h),
                               done(sys_days{2026y / March / 9}, 16h),
                               done(sys_days{2026y / March / 10}, 18h)};
  auto s = compute_streaks(f, every_day, wed);
  EXPECT_EQ(s.this_week.week_start, sys_days{2026y / March / 9});
  EXPECT_EQ(s.this_week.fasts_completed, 2);
  EXPECT_EQ(s.this_week.seconds_fasted, 34 * 3600);
  EXPECT_EQ(s.last_week.week_start, sys_days{2026y / March / 2});
  EXPECT_EQ(s.last_week.fasts_completed, 0);
  EXPECT_EQ(s.last_week.fasts_ended_early, 1);
  EXPECT_EQ(s.current_streak, 2);
  EXPECT_EQ(s.longest_streak, 2);
}

}  // namespace
}  // namespace ugoki::fasting
