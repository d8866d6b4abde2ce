// Unit tests of the recipes' administration parsers (recipe_admin_dto.hpp) and of the public
// recipes' localised rendering (recipes_dto.hpp).
#include "nutrition/recipe_admin_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "nutrition/recipes_dto.hpp"

namespace ugoki::nutrition {
namespace {

std::vector<std::string> recipe_fields_of(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* recipe_admin_body = R"({
  "slug": "lentil-bowl", "name": "Lentil bowl", "description": "Lentils.",
  "steps": ["Rinse.", "Simmer."],
  "ingredients": [{"name": "red lentils", "quantity": 200.004, "unit": "g", "aisle": "grains_pasta"},
                  {"name": "salt"}],
  "prep_minutes": 5, "cook_minutes": 20, "servings": 2,
  "nutrition_per_serving": {"kcal": 360, "protein_g": 24.04, "carbs_g": 60, "fat_g": 2,
                            "fiber_g": 11, "sugar_g": 2, "sodium_mg": 300},
  "diet_types": ["vegan"], "allergens": [], "meal_types": ["lunch"],
  "translations": {"de": {"name": "Linsenschale", "ingredients": {"1": {"name": "rote Linsen"}}}}
})";

TEST(recipe_admin_dto, ACreateReadsEveryMember) {
  auto r = recipe_admin_dto::parse_recipe(recipe_admin_body);
  ASSERT_TRUE(r) << recipe_fields_of(r.error()).front();
  EXPECT_EQ(r->r.slug, "lentil-bowl");
  ASSERT_EQ(r->r.ingredients.size(), 2u);
  EXPECT_EQ(r->r.ingredients[0].position, 1);
  EXPECT_EQ(r->r.ingredients[0].quantity, std::optional<double>(200));
  EXPECT_EQ(r->r.ingredients[1].position, 2);
  EXPECT_EQ(r->r.ingredients[1].aisle, "other");
  EXPECT_DOUBLE_EQ(r->r.per_serving.protein_g, 24.0);
  EXPECT_TRUE(r->r.active);
  EXPECT_FALSE(r->r.is_premium);
  EXPECT_EQ(r->translations_json,
            R"({"de":{"name":"Linsenschale","ingredients":{"1":{"name":"rote Linsen"}}}})");
}

TEST(recipe_admin_dto, BadMembersAreNamedAtEveryLevel) {
  auto r = recipe_admin_dto::parse_recipe(R"({
    "slug": "Bad Slug", "name": "", "description": "x", "steps": [],
    "ingredients": [{"name": "salt", "unit": "g"}, {"name": "oats", "quantity": 0}],
    "prep_minutes": 2000, "cook_minutes": 0, "servings": 1,
    "nutrition_per_serving": {"kcal": 1.5},
    "diet_types": ["vegan", "vegan"], "allergens": ["milk"], "meal_types": ["brunch"],
    "image_url": "http://x.test/a.png",
    "translations": {"en": {"name": "x"}, "de": {"steps": [""], "ingredients": {"0": {"name": "x"}}}}
  })");
  ASSERT_FALSE(r);
  EXPECT_EQ(recipe_fields_of(r.error()),
            (std::vector<std::string>{"allergens",
                                      "diet_types",
                                      "image_url",
                                      "ingredients[0].unit",
                                      "ingredients[1].quantity",
                                      "meal_types",
                                      "name",
                                      "nutrition_per_serving.carbs_g",
                                      "nutrition_per_serving.fat_g",
                                      "nutrition_per_serving.fiber_g",
                                      "nutrition_per_serving.kcal",
                                      "nutrition_per_serving.protein_g",
                                      "nutrition_per_serving.sodium_mg",
                                      "nutrition_per_serving.sugar_g",
                                      "prep_minutes",
                                      "slug",
                                      "steps",
                                      "translations.de.ingredients.0",
                                      "translations.de.steps[0]",
                                      "translations.en"}));
}

TEST(recipe_admin_dto, APatchNeedsTheVersionAndRemovesLanguagesWithNull) {
  auto r = recipe_admin_dto::parse_recipe_patch(
      R"({"translations": {"de": null, "fr": {"description": "Des lentilles."}}})", "\"v3\"");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version, std::optional<std::int64_t>(3));
  EXPECT_EQ(r->translations.remove, std::vector<std::string>{"de"});
  EXPECT_EQ(r->translations.set_json, R"({"fr":{"description":"Des lentilles."}})");
  EXPECT_FALSE(r->name);

  auto missing = recipe_admin_dto::parse_recipe_patch(R"({"name": "x"})", "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(recipe_fields_of(missing.error()), std::vector<std::string>{"version"});
  auto nulls = recipe_admin_dto::parse_recipe_patch(
      R"({"name": null, "steps": null, "slug": "x", "version": 1})", "");
  ASSERT_FALSE(nulls);
  EXPECT_EQ(recipe_fields_of(nulls.error()), (std::vector<std::string>{"name", "slug", "steps"}));
  auto empty = recipe_admin_dto::parse_recipe_patch(R"({"version": 1})", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(recipe_fields_of(empty.error()), std::vector<std::string>{"body"});
}

TEST(recipe_admin_dto, ThePublicRecipeIsRenderedInItsTranslation) {
  recipe r;
  r.id = "00000000-0000-4000-8000-000000000001";
  r.slug = "bowl";
  r.name = "Bowl";
  r.description = "A bowl.";
  r.steps = {"Mix.", "Eat."};
  ingredient oats;
  oats.position = 1;
  oats.name = "oats";
  oats.notes = "rolled";
  r.ingredients = {oats};
  recipe_translation de;
  de.name = "Schale";
  de.ingredients[1].name = "Hafer";
  r.translations["de"] = de;

  EXPECT_EQ(dto::language_of(r, "de"), "de");
  EXPECT_EQ(dto::language_of(r, "fr"), "en");
  const std::string german = dto::render_recipe(recipe_view{nullptr, &r, 1}, "de");
  EXPECT_NE(german.find(R"("name":"Schale")"), std::string::npos) << german;
  EXPECT_NE(german.find(R"("description":"A bowl.")"), std::string::npos);
  EXPECT_NE(german.find(R"("language":"de")"), std::string::npos);
  EXPECT_NE(german.find(R"("name":"Hafer")"), std::string::npos);
  EXPECT_NE(german.find(R"("notes":"rolled")"), std::string::npos);
  EXPECT_NE(german.find(R"("steps":["Mix.","Eat."])"), std::string::npos);
  const std::string french = dto::render_recipe_summary(r, "fr");
  EXPECT_NE(french.find(R"("name":"Bowl")"), std::string::npos);
  EXPECT_NE(french.find(R"("language":"en")"), std::string::npos);
}

}  // namespace
}  // namespace ugoki::nutrition
