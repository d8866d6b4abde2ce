// POST /meals and PATCH /meals/:id parsers: item shapes, bounds, unknown and duplicate members.
#include "nutrition/diary_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/time.hpp"

namespace ugoki::nutrition {
namespace {

const instant diary_dto_now = *time::parse_rfc3339("2026-03-10T12:00:00Z");

std::vector<std::string> diary_dto_fields(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(diary_dto, a_meal_with_each_kind_of_item) {
  auto m = dto::parse_new_meal(R"({"slot":"lunch","eaten_at":"2026-03-10T11:30:00Z",
    "items":[{"recipe_id":"11111111-1111-4111-8111-111111111111","servings":2},
             {"barcode":"3017620422003","grams":15},
             {"product_id":"22222222-2222-4222-8222-222222222222","servings":1},
             {"name":"Apple","kcal":52,"carbs_g":14}],"during_fast":"keep_fast"})",
                               diary_dto_now);
  ASSERT_TRUE(m) << m.error().details.size();
  ASSERT_EQ(m->items.size(), 4u);
  EXPECT_EQ(m->items[0].from, item_request::source::recipe);
  EXPECT_EQ(m->items[1].from, item_request::source::barcode);
  EXPECT_EQ(m->items[1].ref, "3017620422003");
  EXPECT_EQ(m->items[2].from, item_request::source::product_id);
  EXPECT_EQ(m->items[3].from, item_request::source::free_text);
  EXPECT_EQ(m->items[3].free.energy_kcal, 52);
  EXPECT_EQ(m->during_fast, "keep_fast");
}

TEST(diary_dto, every_bad_field_is_named) {
  auto m = dto::parse_new_meal(R"({"slot":"brunch","eaten_at":"2026-03-11T12:00:00Z",
    "items":[{"barcode":"123","grams":-5},{"recipe_id":"11111111-1111-4111-8111-111111111111",
    "grams":10},{"name":"x","kcal":20000},{"product_id":"22222222-2222-4222-8222-222222222222",
    "grams":10,"servings":1},{"kcal":5,"barcode":"3017620422003","grams":1}],
    "during_fast":"maybe","color":"red"})",
                               diary_dto_now);
  ASSERT_FALSE(m);
  EXPECT_EQ(diary_dto_fields(m.error()),
            (std::vector<std::string>{"color", "during_fast", "eaten_at", "items[0].barcode",
                                      "items[0].grams", "items[1].grams", "items[2].kcal",
                                      "items[3].grams", "items[4].recipe_id", "slot"}));
}

TEST(diary_dto, items_are_required_and_bounded) {
  EXPECT_FALSE(dto::parse_new_meal(R"({"slot":"snack"})", diary_dto_now));
  EXPECT_FALSE(dto::parse_new_meal(R"({"slot":"snack","items":[]})", diary_dto_now));
  auto dup = dto::parse_new_meal(R"({"slot":"snack","slot":"lunch","items":[]})", diary_dto_now);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "VAL_001");
}

TEST(diary_dto, patch_needs_a_change_and_allows_clearing_notes) {
  EXPECT_FALSE(dto::parse_meal_patch("{}", diary_dto_now));
  auto p = dto::parse_meal_patch(R"({"notes":null,"slot":"dinner"})", diary_dto_now);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->clear_notes);
  EXPECT_EQ(p->slot, "dinner");
  EXPECT_FALSE(dto::parse_meal_patch(R"({"during_fast":"end_fast"})", diary_dto_now));
}

TEST(diary_dto, diary_date_is_required_and_real) {
  EXPECT_TRUE(dto::parse_diary_date(std::string("2026-02-28")));
  EXPECT_FALSE(dto::parse_diary_date(std::string("2026-02-30")));
  EXPECT_FALSE(dto::parse_diary_date(std::nullopt));
}

}  // namespace
}  // namespace ugoki::nutrition
