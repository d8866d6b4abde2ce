// The shopping list's pure rules (a week's lines from recipes and products, the display order,
// name cutting) and its parsers, with hand-made recipes.
#include <gtest/gtest.h>

#include <set>

#include "nutrition/shopping_dto.hpp"
#include "nutrition/shopping_list.hpp"

namespace ugoki::nutrition {
namespace {

recipe shopping_recipe(std::string id, int servings, std::vector<ingredient> ingredients) {
  recipe r;
  r.id = id;
  r.slug = id;
  r.name = id;
  r.servings = servings;
  r.ingredients = std::move(ingredients);
  return r;
}

recipe_book shopping_book() {
  recipe_book b;
  b.recipes.push_back(shopping_recipe("porridge", 2,
                                      {{0, "Rolled oats", 160.0, "g", {}, "grains_pasta"},
                                       {1, "Milk", 0.5, "l", {}, "dairy_eggs"},
                                       {2, "salt", std::nullopt, std::nullopt, {}, "spices"}}));
  b.recipes.push_back(shopping_recipe("curry", 4,
                                      {{0, "onion", 2.0, std::nullopt, {}, "produce"},
                                       {1, "milk", 4.0, "tbsp", {}, "dairy_eggs"},
                                       {2, "rolled oats", 0.1, "kg", {}, "grains_pasta"}}));
  for (std::size_t n = 0; n < b.recipes.size(); ++n) {
    b.by_id[b.recipes[n].id] = n;
  }
  return b;
}

TEST(shopping_rules, LinesScaleByServingsAndAggregate) {
  auto book = shopping_book();
  // Porridge 3 servings of 2 (x1.5) twice in the week, curry 2 of 4 (x0.5), a product, free text.
  std::vector<shopping::planned> items{{"porridge", {}, 3}, {"porridge", {}, 3},
                                       {"curry", {}, 2},    {{}, "Greek Yogurt", 1.5},
                                       {{}, {}, 1},         {"no-such-recipe", {}, 1}};
  auto lines = shopping::lines_of(items, book);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].name, "onion");  // produce, 2 x 0.5
  EXPECT_DOUBLE_EQ(*lines[0].quantity, 1);
  EXPECT_EQ(*lines[0].unit, "piece");
  EXPECT_EQ(lines[0].key, "onion|piece");
  EXPECT_EQ(lines[1].name, "milk");  // 2 x 0.75 l + 2 tbsp (30 ml) = 1530 ml
  EXPECT_DOUBLE_EQ(*lines[1].quantity, 1.53);
  EXPECT_EQ(*lines[1].unit, "l");
  EXPECT_EQ(lines[2].name, "rolled oats");  // 2 x 240 g + 50 g
  EXPECT_DOUBLE_EQ(*lines[2].quantity, 530);
  EXPECT_EQ(*lines[2].unit, "g");
  EXPECT_EQ(lines[3].name, "salt");
  EXPECT_FALSE(lines[3].quantity);
  EXPECT_EQ(lines[4].name, "greek yogurt");
  EXPECT_DOUBLE_EQ(*lines[4].quantity, 1.5);
  EXPECT_EQ(*lines[4].unit, "serving");
  EXPECT_EQ(lines[4].aisle, "other");
}

TEST(shopping_rules, OrderIsAisleThenUncheckedThenName) {
  std::vector<shopping_item> items(4);
  items[0].id = "1", items[0].name = "tea", items[0].aisle = "drinks";
  items[1].id = "2", items[1].name = "apples", items[1].aisle = "produce", items[1].checked = true;
  items[2].id = "3", items[2].name = "pears", items[2].aisle = "produce";
  items[3].id = "4", items[3].name = "bananas", items[3].aisle = "produce";
  shopping::order(items);
  EXPECT_EQ(items[0].name, "bananas");
  EXPECT_EQ(items[1].name, "pears");
  EXPECT_EQ(items[2].name, "apples");
  EXPECT_EQ(items[3].name, "tea");
}

TEST(shopping_rules, NamesAreCutAtCharacters) {
  EXPECT_EQ(shopping::cut_chars("crème", 3), "crè");
  EXPECT_EQ(shopping::cut_chars("crème", 5), "crème");
  EXPECT_EQ(shopping::cut_chars("", 2), "");
}

TEST(shopping_rules, ItemParserNamesEveryBadField) {
  auto ok = dto::parse_shopping_item(R"({"name":"Coffee","quantity":2.5,"unit":"bag",
                                          "aisle":"drinks"})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->name, "Coffee");
  EXPECT_DOUBLE_EQ(*ok->quantity, 2.5);
  auto bad = dto::parse_shopping_item(
      R"({"name":"  ","quantity":0.001,"unit":"kg","aisle":"garden","colour":1})");
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& d : bad.error().details) {
    fields.insert(d.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"name", "quantity", "aisle", "colour"}));
  auto unit_alone = dto::parse_shopping_item(R"({"name":"Tea","unit":"box"})");
  ASSERT_FALSE(unit_alone);
  EXPECT_EQ(unit_alone.error().details.at(0).field, "unit");
  EXPECT_FALSE(dto::parse_shopping_item(R"({"name":"a","name":"b"})"));
  EXPECT_FALSE(dto::parse_shopping_item(R"({"name":"a","quantity":1.234})"));
}

TEST(shopping_rules, PatchParser) {
  auto check = dto::parse_shopping_patch(R"({"checked":true})");
  ASSERT_TRUE(check);
  EXPECT_TRUE(*check->checked);
  EXPECT_FALSE(check->edits_content());
  auto clear = dto::parse_shopping_patch(R"({"quantity":null})");
  ASSERT_TRUE(clear);
  EXPECT_TRUE(clear->set_quantity);
  EXPECT_FALSE(clear->quantity);
  EXPECT_TRUE(clear->edits_content());
  EXPECT_FALSE(dto::parse_shopping_patch("{}"));
  EXPECT_FALSE(dto::parse_shopping_patch(R"({"checked":null})"));
  EXPECT_FALSE(dto::parse_shopping_patch(R"({"name":null})"));
  EXPECT_FALSE(dto::parse_shopping_patch(R"({"unit":"kg"})"));
  EXPECT_FALSE(dto::parse_shopping_patch(R"({"checked":"yes"})"));
  EXPECT_FALSE(dto::parse_shopping_week(std::string("2025-13-01")));
  EXPECT_FALSE(*dto::parse_shopping_week(std::nullopt));
}

}  // namespace
}  // namespace ugoki::nutrition
