// Units (scaling, normalisation, aggregation), allergy mapping, recipe search and the meal-plan
// generator's rules, with hand-made recipes.
#include <gtest/gtest.h>

#include <cmath>

#include "nutrition/plan_generator.hpp"
#include "nutrition/recipes_search.hpp"
#include "nutrition/units.hpp"

namespace ugoki::nutrition {
namespace {

TEST(plans_units, ScaleRoundsByUnit) {
  EXPECT_DOUBLE_EQ(*units::scale(250.0, "g", 1.5), 375);
  EXPECT_DOUBLE_EQ(*units::scale(3.0, "g", 0.5), 1.5);
  EXPECT_DOUBLE_EQ(*units::scale(1.5, "kg", 1.0 / 3), 0.5);
  EXPECT_DOUBLE_EQ(*units::scale(1.0, "tbsp", 1.0 / 3), 0.25);
  EXPECT_DOUBLE_EQ(*units::scale(1.0, "pinch", 0.1), 0.25);
  EXPECT_DOUBLE_EQ(*units::scale(3.0, std::nullopt, 0.5), 1.5);
  EXPECT_FALSE(units::scale(std::nullopt, std::nullopt, 2));
}

TEST(plans_units, NormaliseToBaseUnits) {
  auto tbsp = units::normalise(2.0, "tbsp");
  EXPECT_EQ(tbsp.family, "ml");
  EXPECT_DOUBLE_EQ(*tbsp.amount, 30);
  EXPECT_DOUBLE_EQ(*units::normalise(1.2, "kg").amount, 1200);
  EXPECT_EQ(units::normalise(2.0, std::nullopt).family, "piece");
  EXPECT_EQ(units::normalise(2.0, "clove").family, "clove");
}

TEST(plans_units, AggregateByNameAndFamily) {
  auto lines = units::aggregate({{"Olive oil", 2.0, "tbsp", "oils_sauces"},
                                 {"olive oil ", 100.0, "ml", "oils_sauces"},
                                 {"Onion", 1.0, "piece", "produce"},
                                 {"onion", 0.5, std::nullopt, "produce"},
                                 {"rolled oats", 600.0, "g", "grains_pasta"},
                                 {"rolled oats", 0.5, "kg", "grains_pasta"},
                                 {"salt", std::nullopt, std::nullopt, "spices"}});
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].name, "onion");  // produce first
  EXPECT_DOUBLE_EQ(*lines[0].quantity, 1.5);
  EXPECT_EQ(lines[1].name, "rolled oats");
  EXPECT_DOUBLE_EQ(*lines[1].quantity, 1.1);
  EXPECT_EQ(*lines[1].unit, "kg");
  EXPECT_EQ(lines[2].name, "salt");
  EXPECT_FALSE(lines[2].quantity);
  EXPECT_FALSE(lines[2].unit);
  EXPECT_EQ(lines[3].name, "olive oil");
  EXPECT_DOUBLE_EQ(*lines[3].quantity, 130);
  EXPECT_EQ(*lines[3].unit, "ml");
}

TEST(plans_search, AllergiesMapOntoTheVocabulary) {
  EXPECT_EQ(recipe_search::allergens_of({"Peanut allergy", "tree nuts", "Lactose", "prawns", "soya",
                                         "coeliac", "eggs", "sesame", "cod", "pollen"}),
            (std::vector<std::string>{"dairy", "egg", "fish", "gluten", "nuts", "peanuts", "sesame",
                                      "shellfish", "soy"}));
  EXPECT_TRUE(recipe_search::allergens_of({"hay fever"}).empty());
}

recipe make_recipe(std::string id, std::string name, double kcal, std::vector<std::string> meals,
                   std::vector<std::string> allergens, std::vector<std::string> diets = {}) {
  recipe r;
  r.id = std::move(id);
  r.slug = r.id;
  r.name = std::move(name);
  r.per_serving.kcal = kcal;
  r.meal_types = std::move(meals);
  r.allergens = std::move(allergens);
  r.diet_types = std::move(diets);
  r.ingredients.push_back({1, "tahini", 1.0, std::string("tbsp"), std::nullopt, "tins_jars"});
  return r;
}

recipe_book plans_book() {
  recipe_book b;
  b.recipes.push_back(make_recipe("a", "Egg toast", 350, {"breakfast"}, {"egg", "gluten"}));
  b.recipes.push_back(make_recipe("b", "Oat bowl", 300, {"breakfast"}, {}, {"vegan"}));
  b.recipes.push_back(make_recipe("c", "Fish stew", 500, {"lunch", "dinner"}, {"fish"}));
  b.recipes.push_back(make_recipe("d", "Lentil soup", 400, {"lunch", "dinner"}, {}, {"vegan"}));
  b.recipes.push_back(make_recipe("e", "Nut bar", 200, {"snack"}, {"nuts"}));
  b.recipes.push_back(make_recipe("f", "Hummus", 170, {"snack"}, {"sesame"}, {"vegan"}));
  recipe_search::index_book(b);
  return b;
}

TEST(plans_search, SelectFiltersRanksAndPages) {
  auto b = plans_book();
  recipe_query q;
  q.q = "soup";
  auto page = recipe_search::select(b, q, {});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0]->id, "d");
  recipe_query tahini;
  tahini.q = "tahini";  // an ingredient of every test recipe
  EXPECT_EQ(recipe_search::select(b, tahini, {"fish"}).items.size(), 5u);
  recipe_query paged;
  paged.limit = 2;
  auto first = recipe_search::select(b, paged, {});
  EXPECT_TRUE(first.has_more);
  paged.after = recipe_query::position{0, first.items[1]->name, first.items[1]->id};
  auto second = recipe_search::select(b, paged, {});
  ASSERT_FALSE(second.items.empty());
  EXPECT_NE(second.items[0]->id, first.items[0]->id);
  EXPECT_NE(second.items[0]->id, first.items[1]->id);
}

TEST(plans_generator, NeverAnExcludedAllergenAndDaysNearTheTarget) {
  auto b = plans_book();
  for (const auto& allergen : recipe_search::allergen_vocabulary()) {
    generator::inputs in;
    in.daily_kcal = 2000;
    in.allergens = {allergen};
    auto week = generator::week(b, in);
    ASSERT_FALSE(week.empty()) << allergen;
    double day_kcal[7] = {};
    for (const auto& p : week) {
      for (const auto& a : p.r->allergens) {
        EXPECT_NE(a, allergen);
      }
      day_kcal[p.day] += p.r->per_serving.kcal * p.servings;
      EXPECT_DOUBLE_EQ(std::round(p.servings * 4), p.servings * 4);
    }
    for (double k : day_kcal) {
      EXPECT_LE(std::abs(k - 2000), 200) << allergen;
    }
  }
}

TEST(plans_generator, DietAndExcludedFoodsAndNothingLeft) {
  auto b = plans_book();
  generator::inputs vegan;
  vegan.diet = "vegan";
  for (const auto& p : generator::week(b, vegan)) {
    EXPECT_TRUE(p.r->id == "b" || p.r->id == "d" || p.r->id == "f") << p.r->id;
  }
  generator::inputs no_tahini;
  no_tahini.excluded_foods = {"Tahini"};
  EXPECT_TRUE(generator::week(b, no_tahini).empty());
}

}  // namespace
}  // namespace ugoki::nutrition
