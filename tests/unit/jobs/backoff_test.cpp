// jobs::backoff_for: the retry delay doubles from the base and stops at the cap.
#include "core/jobs/queue.hpp"

#include <gtest/gtest.h>

namespace ugoki::jobs {
namespace {

using std::chrono::seconds;

TEST(jobs_backoff, doubles_from_the_base_up_to_the_cap) {
  EXPECT_EQ(backoff_for(1, seconds(10), seconds(3600)), seconds(10));
  EXPECT_EQ(backoff_for(2, seconds(10), seconds(3600)), seconds(20));
  EXPECT_EQ(backoff_for(4, seconds(10), seconds(3600)), seconds(80));
  EXPECT_EQ(backoff_for(9, seconds(10), seconds(3600)), seconds(2560));
  EXPECT_EQ(backoff_for(10, seconds(10), seconds(3600)), seconds(3600));
}

TEST(jobs_backoff, never_overflows_for_huge_attempt_counts) {
  EXPECT_EQ(backoff_for(100, seconds(10), seconds(3600)), seconds(3600));
  EXPECT_EQ(backoff_for(1'000'000, seconds(1), seconds(60)), seconds(60));
}

TEST(jobs_backoff, treats_a_zero_count_as_the_first_retry) {
  EXPECT_EQ(backoff_for(0, seconds(10), seconds(3600)), seconds(10));
  EXPECT_EQ(backoff_for(-3, seconds(10), seconds(3600)), seconds(10));
}

TEST(jobs_backoff, a_zero_base_retries_at_once) {
  EXPECT_EQ(backoff_for(5, seconds(0), seconds(3600)), seconds(0));
}

}  // namespace
}  // namespace ugoki::jobs
