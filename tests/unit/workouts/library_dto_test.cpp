// Parsers of the workout library: every bad field named at once (library_dto.hpp).
#include "workouts/library_dto.hpp"

#include <gtest/gtest.h>

#include "core/cursor.hpp"

namespace ugoki::workouts {
namespace {

const std::string dto_known = "11111111-1111-1111-1111-111111111111";

std::vector<std::string> dto_fields(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  return out;
}

dto::exercise_check dto_check() {
  return [](const std::string& id) { return id == dto_known; };
}

TEST(library_dto, a_good_routine_parses_with_defaults) {
  auto in =
      dto::parse_own_routine(R"({"name":"Mine","intervals":[{"exercise_id":")" + dto_known +
                                 R"(","work_seconds":30},{"block":"cool_down","exercise_id":")" +
                                 dto_known + R"(","reps":10,"rest_seconds":5,"rounds":2}]})",
                             dto_check(), false);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(*in->rounds, 1);
  ASSERT_EQ(in->intervals->size(), 2u);
  EXPECT_EQ((*in->intervals)[1].block, "cool_down");
  EXPECT_EQ((*in->intervals)[1].position, 2);
  EXPECT_EQ((*in->intervals)[1].rounds, 2);
}

TEST(library_dto, every_bad_field_is_named) {
  auto in = dto::parse_own_routine(
      R"({"name":"","rounds":0,"extra":1,"intervals":[
          {"exercise_id":"22222222-2222-2222-2222-222222222222","work_seconds":2},
          {"exercise_id":")" +
          dto_known + R"(","rest_seconds":700,"block":"middle"}]})",
      dto_check(), false);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "VAL_001");
  EXPECT_EQ(dto_fields(in.error()),
            (std::vector<std::string>{"extra", "name", "rounds", "intervals[0].exercise_id",
                                      "intervals[0].work_seconds", "intervals[1].block",
                                      "intervals[1].rest_seconds", "intervals[1].work_seconds"}));
}

TEST(library_dto, interval_counts_are_bounded) {
  auto none = dto::parse_own_routine(R"({"name":"A","intervals":[]})", dto_check(), false);
  ASSERT_FALSE(none);
  EXPECT_EQ(dto_fields(none.error()), (std::vector<std::string>{"intervals"}));
  std::string many = R"({"name":"A","intervals":[)";
  for (int i = 0; i < 51; ++i) {
    many +=
        (i ? "," : "") + std::string(R"({"exercise_id":")") + dto_known + R"(","work_seconds":30})";
  }
  many += "]}";
  EXPECT_FALSE(dto::parse_own_routine(many, dto_check(), false));
  auto warm_only =
      dto::parse_own_routine(R"({"name":"A","intervals":[{"block":"warm_up","exercise_id":")" +
                                 dto_known + R"(","work_seconds":30}]})",
                             dto_check(), false);
  ASSERT_FALSE(warm_only);
  EXPECT_EQ(dto_fields(warm_only.error()), (std::vector<std::string>{"intervals"}));
}

TEST(library_dto, patch_takes_members_alone_and_refuses_nulls) {
  auto in = dto::parse_own_routine(R"({"rounds":4,"description":null})", dto_check(), true);
  ASSERT_TRUE(in);
  EXPECT_EQ(*in->rounds, 4);
  EXPECT_TRUE(in->clear_description);
  EXPECT_FALSE(in->intervals);
  auto bad = dto::parse_own_routine(R"({"name":null})", dto_check(), true);
  ASSERT_FALSE(bad);
  EXPECT_EQ(dto_fields(bad.error()), (std::vector<std::string>{"name"}));
}

TEST(library_dto, exercise_query_names_each_bad_parameter) {
  cursor_codec codec("dto-test-secret");
  dto::exercise_params p;
  p.muscle_group = "wings";
  p.equipment = "none";
  p.limit = "0";
  p.cursor = "forged";
  auto q = dto::parse_exercise_query(p, codec);
  ASSERT_FALSE(q);
  EXPECT_EQ(dto_fields(q.error()), (std::vector<std::string>{"muscle_group", "limit", "cursor"}));
  dto::exercise_params good;
  good.cursor = codec.encode("30,170", dto_known);
  auto ok = dto::parse_exercise_query(good, codec);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->after->rank, 30);
  EXPECT_EQ(ok->after->sort_order, 170);
}

TEST(library_dto, routine_filter) {
  dto::routine_params p;
  p.max_minutes = "abc";
  p.premium = "yes";
  p.goal = "fat_loss";
  p.limit = "0";
  p.cursor = "forged";
  cursor_codec codec("dto-test-secret");
  auto f = dto::parse_routine_filter(p, codec);
  ASSERT_FALSE(f);
  EXPECT_EQ(dto_fields(f.error()),
            (std::vector<std::string>{"limit", "cursor", "max_minutes", "premium"}));
}

// The catalogue's cursor key is "sort_order,name": a name with commas survives the round trip.
TEST(library_dto, routine_cursor_keeps_names_with_commas) {
  cursor_codec codec("dto-test-secret");
  dto::routine_params p;
  p.cursor = codec.encode("-3,Core, fast", dto_known);
  auto f = dto::parse_routine_filter(p, codec);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->after->sort_order, -3);
  EXPECT_EQ(f->after->name, "Core, fast");
  EXPECT_EQ(f->after->id, dto_known);
  p.cursor = codec.encode("x,Core", dto_known);
  EXPECT_FALSE(dto::parse_routine_filter(p, codec));
  // An own-routine cursor is an instant cursor; the catalogue's is not one.
  EXPECT_FALSE(
      dto::parse_own_routine_query(std::nullopt, codec.encode("3,Core", dto_known), codec));
  auto own = dto::parse_own_routine_query(
      "5", codec.encode_instant(std::chrono::system_clock::time_point{}, dto_known), codec);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->limit, 5);
  EXPECT_EQ(own->after_created_us, 0);
}

}  // namespace
}  // namespace ugoki::workouts
