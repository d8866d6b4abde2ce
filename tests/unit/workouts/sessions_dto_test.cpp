// The session request parsers: every bad field named at once (items as sets[i].field), unknown
// members refused, slots unique, the stats range bounded.
#include "workouts/sessions_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ugoki::workouts {
namespace {

using namespace std::chrono_literals;

const instant dto_now = std::chrono::sys_days(std::chrono::year{2026} / 3 / 28) + 12h;

template <class T>
std::vector<std::string> dto_fields(const result<T>& r) {
  std::vector<std::string> out;
  if (!r) {
    for (const auto& d : r.error().details) {
      out.push_back(d.field);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(sessions_dto, a_start_needs_a_routine_or_a_type_and_refuses_unknown_members) {
  EXPECT_EQ(dto_fields(dto::parse_start("{}", dto_now)), std::vector<std::string>{"type"});
  auto bad = dto::parse_start(
      R"({"id":"x","type":"yoga","started_at":"2026-03-28T14:00:00Z","user_id":"u"})", dto_now);
  EXPECT_EQ(dto_fields(bad), (std::vector<std::string>{"id", "started_at", "type", "user_id"}));
  auto old = dto::parse_start(R"({"type":"hiit","started_at":"2026-03-26T11:59:59Z"})", dto_now);
  EXPECT_EQ(dto_fields(old), std::vector<std::string>{"started_at"});
  auto ok = dto::parse_start(R"({"id":"0E0F5A36-1C8B-4E5D-9F00-6A4D2E1B3C7A","type":"strength"})",
                             dto_now);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok->id, "0e0f5a36-1c8b-4e5d-9f00-6a4d2e1b3c7a");
}

TEST(sessions_dto, a_patch_names_every_bad_set_field) {
  auto bad = dto::parse_patch(R"({"sets":[
      {"exercise_id":"not-a-uuid","position":1,"reps":-1,"rpe":11},
      {"exercise_id":"0e0f5a36-1c8b-4e5d-9f00-6a4d2e1b3c7a","weight_kg":2000,"extra":1}],
      "avg_heart_rate_bpm":300,"action":"stop","colour":"red"})");
  EXPECT_EQ(dto_fields(bad),
            (std::vector<std::string>{"action", "avg_heart_rate_bpm", "colour",
                                      "sets[0].exercise_id", "sets[0].reps", "sets[0].rpe",
                                      "sets[1].extra", "sets[1].position", "sets[1].weight_kg"}));
  EXPECT_EQ(dto_fields(dto::parse_patch("{}")), std::vector<std::string>{"sets"});
}

TEST(sessions_dto, a_slot_appears_once_and_nulls_clear) {
  auto twice = dto::parse_patch(R"({"sets":[
      {"exercise_id":"0e0f5a36-1c8b-4e5d-9f00-6a4d2e1b3c7a","position":2}],
      "removed_sets":[{"position":2}]})");
  EXPECT_EQ(dto_fields(twice), std::vector<std::string>{"sets"});
  auto clear = dto::parse_patch(R"({"notes":null,"avg_heart_rate_bpm":null,"action":"pause"})");
  ASSERT_TRUE(clear);
  EXPECT_TRUE(clear->clear_notes);
  EXPECT_TRUE(clear->clear_heart_rate);
  EXPECT_EQ(clear->act, session_patch::action::pause);
}

TEST(sessions_dto, stats_ranges_are_bounded_per_bucket) {
  auto missing = dto::parse_stats({std::nullopt, std::nullopt, "hour", "maybe"});
  EXPECT_EQ(dto_fields(missing), (std::vector<std::string>{"bucket", "fasted", "from", "to"}));
  auto too_long = dto::parse_stats({"2025-01-01", "2026-03-01", "day", std::nullopt});
  EXPECT_EQ(dto_fields(too_long), std::vector<std::string>{"from"});
  auto months = dto::parse_stats({"2025-01-01", "2026-03-01", "month", "true"});
  ASSERT_TRUE(months);
  EXPECT_EQ(months->bucket, stats_bucket::month);
  EXPECT_EQ(months->fasted, true);
}

}  // namespace
}  // namespace ugoki::workouts
