// The fasting timer's pure arithmetic: elapsed, remaining, progress, current and next stage.
// The header under test comes first so it is proven self-contained.
#include "fasting/stages.hpp"

#include <gtest/gtest.h>

namespace ugoki::fasting {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// The seeded stages (seeds/011_fasting_stages.sql) in seconds.
std::vector<stage> seeded() {
  auto make = [](const char* slug, int from_h, std::optional<int> to_h) {
    stage s;
    s.slug = slug;
    s.name = slug;
    s.summary = std::string("summary of ") + slug;
    s.starts_after_seconds = std::int64_t{from_h} * 3600;
    if (to_h) {
      s.ends_after_seconds = std::int64_t{*to_h} * 3600;
    }
    return s;
  };
  return {make("anabolic", 0, 4), make("catabolic", 4, 16), make("fat-burning", 16, 24),
          make("ketosis", 24, 72), make("deep-ketosis", 72, std::nullopt)};
}

const instant start = instant(std::chrono::sys_days(std::chrono::year{2026} / 3 / 1)) + hours(20);
const instant target = start + hours(16);

TEST(FastingTimer, AtTheStartIsAnabolicWithCatabolicNext) {
  auto t = compute_timer(seeded(), start, target, start);
  EXPECT_EQ(t.elapsed_seconds, 0);
  EXPECT_EQ(t.remaining_seconds, 16 * 3600);
  EXPECT_DOUBLE_EQ(t.progress, 0.0);
  ASSERT_TRUE(t.current_stage);
  EXPECT_EQ(t.current_stage->slug, "anabolic");
  EXPECT_EQ(t.current_stage->starts_at, start);
  EXPECT_EQ(t.current_stage->ends_at, start + hours(4));
  ASSERT_TRUE(t.next_stage);
  EXPECT_EQ(t.next_stage->slug, "catabolic");
  EXPECT_EQ(t.next_stage->starts_at, start + hours(4));
}

TEST(FastingTimer, StageBoundaryBelongsToTheStageThatStarts) {
  auto before = compute_timer(seeded(), start, target, start + hours(4) - seconds(1));
  EXPECT_EQ(before.current_stage->slug, "anabolic");
  EXPECT_EQ(before.next_stage->slug, "catabolic");
  auto at = compute_timer(seeded(), start, target, start + hours(4));
  EXPECT_EQ(at.current_stage->slug, "catabolic");
  EXPECT_EQ(at.current_stage->starts_at, start + hours(4));
  EXPECT_EQ(at.next_stage->slug, "fat-burning");
  EXPECT_EQ(at.next_stage->starts_at, start + hours(16));
}

TEST(FastingTimer, HalfWayThroughTheTarget) {
  auto t = compute_timer(seeded(), start, target, start + hours(8));
  EXPECT_EQ(t.elapsed_seconds, 8 * 3600);
  EXPECT_EQ(t.remaining_seconds, 8 * 3600);
  EXPECT_DOUBLE_EQ(t.progress, 0.5);
}

TEST(FastingTimer, PastTheTargetProgressExceedsOneAndNothingRemains) {
  auto t = compute_timer(seeded(), start, target, start + hours(20));
  EXPECT_EQ(t.remaining_seconds, 0);
  EXPECT_DOUBLE_EQ(t.progress, 1.25);
  EXPECT_EQ(t.current_stage->slug, "fat-burning");
  EXPECT_EQ(t.next_stage->slug, "ketosis");
}

TEST(FastingTimer, TheLastStageIsOpenEndedWithNoNext) {
  auto t = compute_timer(seeded(), start, start + hours(168), start + hours(100));
  ASSERT_TRUE(t.current_stage);
  EXPECT_EQ(t.current_stage->slug, "deep-ketosis");
  EXPECT_EQ(t.current_stage->starts_at, start + hours(72));
  EXPECT_FALSE(t.current_stage->ends_at);
  EXPECT_FALSE(t.next_stage);
}

TEST(FastingTimer, AStartSlightlyAheadOfTheClockReadsAsZeroElapsed) {
  auto t = compute_timer(seeded(), start, target, start - seconds(30));
  EXPECT_EQ(t.elapsed_seconds, 0);
  EXPECT_EQ(t.remaining_seconds, 16 * 3600 + 30);
  EXPECT_DOUBLE_EQ(t.progress, 0.0);
  EXPECT_EQ(t.current_stage->slug, "anabolic");
}

TEST(FastingTimer, PartialSecondsAreTruncated) {
  auto t =
      compute_timer(seeded(), start, target, start + minutes(1) + std::chrono::milliseconds(999));
  EXPECT_EQ(t.elapsed_seconds, 60);
}

TEST(FastingTimer, WithoutStagesOnlyTheClockIsComputed) {
  auto t = compute_timer({}, start, target, start + hours(1));
  EXPECT_EQ(t.elapsed_seconds, 3600);
  EXPECT_FALSE(t.current_stage);
  EXPECT_FALSE(t.next_stage);
}

TEST(FastingTimer, StagesThatStartLaterThanZeroLeaveNoCurrentStageBeforeTheFirst) {
  std::vector<stage> late = seeded();
  late.erase(late.begin());  // catabolic (4 h) is now the first
  auto t = compute_timer(late, start, target, start + hours(1));
  EXPECT_FALSE(t.current_stage);
  ASSERT_TRUE(t.next_stage);
  EXPECT_EQ(t.next_stage->slug, "catabolic");
}

TEST(FastingTimer, HalfHourBoundariesWork) {
  std::vector<stage> s = seeded();
  s[2].starts_after_seconds = 12 * 3600 + 1800;  // fat burning from 12.5 h
  auto t = compute_timer(s, start, target, start + hours(12) + minutes(30));
  EXPECT_EQ(t.current_stage->slug, "fat-burning");
  EXPECT_EQ(t.current_stage->starts_at, start + hours(12) + minutes(30));
}

}  // namespace
}  // namespace ugoki::fasting
