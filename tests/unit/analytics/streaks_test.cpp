// Unit tests of the logging streak: consecutive local days with a manual entry.
// The header under test comes first: it must be self-contained.
#include "analytics/streaks.hpp"

#include <gtest/gtest.h>

namespace ugoki::analytics {
namespace {

using namespace std::chrono;

year_month_day d(int day, unsigned month = 3) {
  return year_month_day{year{2026}, std::chrono::month{month}, std::chrono::day{unsigned(day)}};
}

TEST(logging_streak, is_zero_without_entries) {
  auto s = compute_logging_streak(d(29), {});
  EXPECT_EQ(s.current_days, 0);
  EXPECT_EQ(s.longest_days, 0);
  EXPECT_FALSE(s.last_logged_date);
}

TEST(logging_streak, counts_consecutive_days_ending_today) {
  auto s = compute_logging_streak(d(29), {d(29), d(28), d(27), d(25), d(24)});
  EXPECT_EQ(s.current_days, 3);
  EXPECT_EQ(s.longest_days, 3);
  EXPECT_EQ(*s.last_logged_date, "2026-03-29");
}

TEST(logging_streak, still_counts_when_today_is_not_logged_yet) {
  auto s = compute_logging_streak(d(30), {d(29), d(28)});
  EXPECT_EQ(s.current_days, 2);
}

TEST(logging_streak, breaks_after_a_missed_day_but_keeps_the_longest) {
  auto s = compute_logging_streak(d(31), {d(29), d(20), d(19), d(18), d(17)});
  EXPECT_EQ(s.current_days, 0);
  EXPECT_EQ(s.longest_days, 4);
}

TEST(logging_streak, crosses_month_ends) {
  auto s = compute_logging_streak(d(1, 4), {d(1, 4), d(31), d(30)});
  EXPECT_EQ(s.current_days, 3);
}

}  // namespace
}  // namespace ugoki::analytics
