// Parsers of the workout reference data's administration (admin_dto.hpp): every bad field named
// at once, translations checked per language and field, PATCH's version and nulls.
#include "workouts/admin_dto.hpp"

#include <gtest/gtest.h>

namespace ugoki::workouts {
namespace {

std::vector<std::string> admin_dto_fields(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  return out;
}

const std::string admin_dto_exercise = R"({
  "slug": "wall-sit", "name": "Wall Sit", "description": "Hold a seat against a wall.",
  "instructions": ["Lean on a wall.", "Slide down, knees at 90 degrees.", "Hold."],
  "muscle_groups": ["quadriceps", "glutes"], "difficulty": "beginner", "category": "strength",
  "met_value": 3.5, "met_source": "Compendium 2011 code 02022",
  "translations": {"de": {"name": "Wandsitzen"}, "fr": {"description": "Tenir la chaise."}}})";

TEST(workouts_admin_dto, a_good_exercise_parses_with_defaults) {
  auto in = admin_dto::parse_exercise(admin_dto_exercise);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->row.e.slug, "wall-sit");
  EXPECT_EQ(in->row.e.instructions.size(), 3u);
  EXPECT_TRUE(in->row.e.equipment.empty());
  EXPECT_TRUE(in->row.e.active);
  EXPECT_DOUBLE_EQ(in->row.e.met_value, 3.5);
  EXPECT_EQ(in->translations.set_json,
            R"({"de":{"name":"Wandsitzen"},"fr":{"description":"Tenir la chaise."}})");
}

TEST(workouts_admin_dto, every_bad_exercise_field_is_named) {
  auto in = admin_dto::parse_exercise(R"({
    "slug": "Wall Sit", "name": " ", "description": "ok",
    "instructions": ["one", "two"], "muscle_groups": ["quads"], "equipment": ["box", "box"],
    "difficulty": "easy", "category": "strength", "met_value": 30, "met_source": "Compendium",
    "video_url": "http://x.test/v.mp4", "colour": "red",
    "translations": {"en": {"name": "x"}, "ja": {"name": "x"}, "de": {"title": "x"},
                     "fr": {}, "it": {"name": ""}}})");
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "VAL_001");
  EXPECT_EQ(
      admin_dto_fields(in.error()),
      (std::vector<std::string>{
          "colour", "slug", "name", "instructions", "muscle_groups[0]", "equipment[1]",
          "difficulty", "met_value", "met_source", "video_url", "translations.en",
          "translations.ja", "translations.de.title", "translations.fr", "translations.it.name"}));
}

TEST(workouts_admin_dto, met_values_are_tenths) {
  std::string body = admin_dto_exercise;
  body.replace(body.find("3.5"), 3, "3.55");
  auto in = admin_dto::parse_exercise(body);
  ASSERT_FALSE(in);
  EXPECT_EQ(admin_dto_fields(in.error()), std::vector<std::string>{"met_value"});
}

TEST(workouts_admin_dto, a_patch_needs_a_version_and_a_field) {
  auto none = admin_dto::parse_exercise_patch(R"({"name":"New"})", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(admin_dto_fields(none.error()), std::vector<std::string>{"version"});
  auto header =
      admin_dto::parse_exercise_patch(R"({"name":"New","translations":{"de":null}})", "\"v7\"");
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->version.value_or(0), 7);
  EXPECT_EQ(header->translations.remove, std::vector<std::string>{"de"});
  auto empty = admin_dto::parse_exercise_patch(R"({"version":3})", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(admin_dto_fields(empty.error()), std::vector<std::string>{"body"});
  auto nulls = admin_dto::parse_exercise_patch(
      R"({"version":3,"name":null,"video_url":null,"translations":{"de":{"name":null}}})", "");
  ASSERT_FALSE(nulls);
  EXPECT_EQ(admin_dto_fields(nulls.error()),
            (std::vector<std::string>{"name", "translations.de.name"}));
}

TEST(workouts_admin_dto, routines_name_each_bad_slot) {
  const std::string id = "11111111-1111-1111-1111-111111111111";
  auto in = admin_dto::parse_routine(
      R"({"slug":"r","name":"R","description":"D","difficulty":"beginner","category":"hiit",
          "rounds":0,"work_seconds":30,"goals":["speed"],
          "exercises":[{"exercise_id":")" +
      id + R"(","reps":0},
                       {"block":"warm_up","exercise_id":"x"}]})");
  ASSERT_FALSE(in);
  EXPECT_EQ(admin_dto_fields(in.error()),
            (std::vector<std::string>{"goals[0]", "rounds", "exercises[0].reps",
                                      "exercises[1].exercise_id"}));
  auto order = admin_dto::parse_routine(
      R"({"slug":"r","name":"R","description":"D","difficulty":"beginner","category":"hiit",
          "rounds":2,"work_seconds":30,
          "exercises":[{"exercise_id":")" +
      id + R"("},{"block":"warm_up","exercise_id":")" + id + R"("}]})");
  ASSERT_FALSE(order);
  EXPECT_EQ(admin_dto_fields(order.error()), std::vector<std::string>{"exercises[1].block"});
  auto good = admin_dto::parse_routine(
      R"({"slug":"r","name":"R","description":"D","difficulty":"beginner","category":"hiit",
          "rounds":2,"work_seconds":30,"is_premium":true,
          "exercises":[{"block":"warm_up","exercise_id":")" +
      id + R"(","work_seconds":60},{"exercise_id":")" + id + R"(","reps":12,"notes":"Slow."}]})");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_TRUE(good->is_premium);
  ASSERT_EQ(good->exercises.size(), 2u);
  EXPECT_EQ(good->exercises[1].block, "main");
  EXPECT_EQ(good->exercises[1].reps.value_or(0), 12);
}

TEST(workouts_admin_dto, delete_takes_an_optional_version) {
  EXPECT_FALSE(admin_dto::parse_delete("", "")->has_value());
  EXPECT_EQ(admin_dto::parse_delete("", "\"v4\"")->value_or(0), 4);
  EXPECT_EQ(admin_dto::parse_delete(R"({"version":5})", "")->value_or(0), 5);
  EXPECT_FALSE(admin_dto::parse_delete(R"({"version":5})", "\"v4\""));
}

}  // namespace
}  // namespace ugoki::workouts
