// Open Food Facts' real JSON (status 1 and 0, the nutriments keys), the product object and its
// cache round trip, and POST /products' parser.
#include "nutrition/products_dto.hpp"

#include <gtest/gtest.h>

namespace ugoki::nutrition {
namespace {

// Trimmed from https://world.openfoodfacts.org/api/v2/product/3017620422003.json.
constexpr const char* off_nutella = R"({"code":"3017620422003","product":{
  "allergens_tags":["en:milk","en:nuts","en:soybeans"],"brands":"Ferrero",
  "image_front_url":"https://images.openfoodfacts.org/images/products/301/762/042/2003/front_en.633.400.jpg",
  "nova_group":4,"nutriscore_grade":"e","product_name":"Nutella",
  "nutriments":{"carbohydrates_100g":57.5,"energy-kcal_100g":539,"energy_100g":2255,
    "fat_100g":30.9,"fiber_100g":0,"proteins_100g":6.3,"salt_100g":0.107,
    "saturated-fat_100g":10.6,"sugars_100g":56.3,"energy-kcal_serving":80.8,
    "proteins_serving":0.945,"fat_serving":4.63},
  "serving_quantity":"15","serving_size":"15 g"},
  "status":1,"status_verbose":"product found"})";

TEST(products_dto, off_found_reads_every_field) {
  off_result r = dto::parse_off_answer(200, off_nutella, "3017620422003");
  ASSERT_EQ(r.what, off_result::outcome::found);
  const product& p = *r.found;
  EXPECT_EQ(p.name, "Nutella");
  EXPECT_EQ(p.brands, "Ferrero");
  EXPECT_EQ(p.per_100g.energy_kcal, 539);
  EXPECT_EQ(p.per_100g.saturated_fat_g, 10.6);
  EXPECT_EQ(p.per_100g.salt_g, 0.107);
  EXPECT_EQ(p.per_serving.energy_kcal, 80.8);
  EXPECT_EQ(p.serving_size, "15 g");
  EXPECT_EQ(p.serving_quantity_g, 15);
  EXPECT_EQ(p.nutriscore_grade, "e");
  EXPECT_EQ(p.nova_group, 4);
  EXPECT_EQ(p.allergens, (std::vector<std::string>{"milk", "nuts", "soybeans"}));
  EXPECT_TRUE(p.image_url->starts_with("https://images.openfoodfacts.org/"));
  EXPECT_TRUE(p.quality_flags.empty());
}

TEST(products_dto, off_not_found_on_200_or_404) {
  constexpr const char* body =
      R"({"code":"0000000000000","status":0,"status_verbose":"product not found"})";
  EXPECT_EQ(dto::parse_off_answer(200, body, "x").what, off_result::outcome::not_found);
  EXPECT_EQ(dto::parse_off_answer(404, body, "x").what, off_result::outcome::not_found);
}

TEST(products_dto, off_errors_are_unavailable) {
  EXPECT_EQ(dto::parse_off_answer(503, "<html>busy</html>", "x").what,
            off_result::outcome::unavailable);
  EXPECT_EQ(dto::parse_off_answer(200, "not json", "x").what, off_result::outcome::unavailable);
  EXPECT_EQ(dto::parse_off_answer(200, R"({"status":1})", "x").what,
            off_result::outcome::unavailable);
}

TEST(products_dto, off_kilojoules_sodium_and_bad_values) {
  constexpr const char* body = R"({"status":1,"product":{"product_name":"Oats","nutriments":{
    "energy_100g":"1569","sodium_100g":0.004,"proteins_100g":-3,"fat_100g":"n/a",
    "carbohydrates_100g":60}}})";
  off_result r = dto::parse_off_answer(200, body, "5000000000003");
  ASSERT_EQ(r.what, off_result::outcome::found);
  EXPECT_NEAR(*r.found->per_100g.energy_kcal, 375.0, 0.1);
  EXPECT_NEAR(*r.found->per_100g.salt_g, 0.01, 1e-9);
  EXPECT_FALSE(r.found->per_100g.proteins_g);
  EXPECT_FALSE(r.found->per_100g.fat_g);
}

TEST(products_dto, off_failing_sanity_is_flagged_not_dropped) {
  constexpr const char* body = R"({"status":1,"product":{"product_name":"Odd","nutriments":{
    "energy-kcal_100g":70,"fat_100g":2,"saturated-fat_100g":5,"carbohydrates_100g":10,
    "sugars_100g":12,"proteins_100g":3}}})";
  off_result r = dto::parse_off_answer(200, body, "5000000000003");
  ASSERT_EQ(r.what, off_result::outcome::found);
  EXPECT_EQ(r.found->quality_flags,
            (std::vector<std::string>{"saturated_fat_exceeds_fat", "sugars_exceed_carbohydrates"}));
}

TEST(products_dto, rendered_product_round_trips_through_the_cache) {
  off_result r = dto::parse_off_answer(200, off_nutella, "3017620422003");
  product p = *r.found;
  p.id = "3b0c2a3e-0000-4000-8000-000000000001";
  std::string text = dto::render_product(p);
  EXPECT_NE(text.find(R"("license":"ODbL-1.0")"), std::string::npos);
  auto back = dto::parse_cached(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(dto::render_product(*back), text);
  EXPECT_FALSE(dto::parse_cached("{}"));
}

TEST(products_dto, submission_names_every_bad_field) {
  auto bad = dto::parse_submission(
      R"({"barcode":"3017620422004","name":"","nutriments_100g":{"energy_kcal":-1,"fat_g":5,
      "proteins_g":1,"sugar":1},"extra":1})");
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& d : bad.error().details) {
    fields.push_back(d.field);
  }
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields,
            (std::vector<std::string>{"barcode", "extra", "name", "nutriments_100g.carbohydrates_g",
                                      "nutriments_100g.energy_kcal", "nutriments_100g.sugar"}));
  auto good = dto::parse_submission(
      R"({"barcode":"049000028911","name":"Cola","serving_quantity_g":330,
      "nutriments_100g":{"energy_kcal":42,"proteins_g":0,"carbohydrates_g":10.6,"fat_g":0}})");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->code, "0049000028911");
  EXPECT_EQ(good->serving_quantity_g, 330);
}

}  // namespace
}  // namespace ugoki::nutrition
