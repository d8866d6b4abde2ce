// The header under test comes first: it must be self-contained.
#include "nutrition/admin_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "nutrition/admin_service.hpp"

// The food products' admin parsers (every bad field named at once, unknown members refused,
// nulls only where a field may be cleared) and apply_patch's derived values.
namespace ugoki::nutrition {
namespace {

std::vector<std::string> admin_fields_of(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(nutrition_admin_dto, APatchNamesEveryBadField) {
  auto r = admin_dto::parse_product_patch(
      R"({"name": "", "brands": 3, "nutriments_100g": {"energy_kcal": 1000, "fat_g": 5,
          "protein": 1}, "serving_quantity_g": 0, "nutriscore_grade": "f", "nova_group": 5,
          "allergens": ["milk", "Gluten", 4], "image_url": "http://x.test/a.jpg", "id": "x",
          "status": "published"})",
      true, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().code, "VAL_001");
  EXPECT_EQ(admin_fields_of(r.error()),
            (std::vector<std::string>{"allergens[1]", "allergens[2]", "brands", "id", "image_url",
                                      "name", "nova_group", "nutriments_100g.carbohydrates_g",
                                      "nutriments_100g.energy_kcal", "nutriments_100g.protein",
                                      "nutriments_100g.proteins_g", "nutriscore_grade",
                                      "serving_quantity_g", "status"}));
}

TEST(nutrition_admin_dto, APatchReadsNullsAsClearsWhereAllowed) {
  auto r = admin_dto::parse_product_patch(
      R"({"brands": null, "serving_size": null, "serving_quantity_g": null, "nova_group": null,
          "nutriscore_grade": "b", "barcode": "4006381333931"})",
      true, "");
  ASSERT_TRUE(r) << r.error().details.size();
  ASSERT_TRUE(r->brands);
  EXPECT_FALSE(*r->brands);
  ASSERT_TRUE(r->nova_group);
  EXPECT_FALSE(*r->nova_group);
  EXPECT_EQ(r->nutriscore_grade, std::optional<std::string>{"b"});
  EXPECT_EQ(r->code, "4006381333931");
  EXPECT_FALSE(r->name);

  auto nulls = admin_dto::parse_product_patch(
      R"({"name": null, "nutriments_100g": null, "allergens": null})", true, "");
  ASSERT_FALSE(nulls);
  EXPECT_EQ(admin_fields_of(nulls.error()),
            (std::vector<std::string>{"allergens", "name", "nutriments_100g"}));
}

TEST(nutrition_admin_dto, APublicProductsBarcodeCannotChange) {
  auto r = admin_dto::parse_product_patch(R"({"barcode": "4006381333931"})", false, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(admin_fields_of(r.error()), std::vector<std::string>{"barcode"});
  auto bad = admin_dto::parse_product_patch(R"({"barcode": "4006381333932"})", true, "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(admin_fields_of(bad.error()), std::vector<std::string>{"barcode"});
}

TEST(nutrition_admin_dto, AnEmptyPatchOrBodyIsRefused) {
  auto empty = admin_dto::parse_product_patch("{}", true, "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(admin_fields_of(empty.error()), std::vector<std::string>{"body"});
  EXPECT_FALSE(admin_dto::parse_product_patch("[1]", true, ""));
  EXPECT_FALSE(admin_dto::parse_product_patch(R"({"name": "a", "name": "b"})", true, ""));
}

TEST(nutrition_admin_dto, ARejectionNeedsAReason) {
  EXPECT_EQ(admin_dto::parse_rejection(R"({"reason": "Not a food"})", "")->reason, "Not a food");
  for (const char* body : {R"({})", R"({"reason": "   "})", R"({"reason": ""})",
                           R"({"reason": "ok", "notify": true})"}) {
    EXPECT_FALSE(admin_dto::parse_rejection(body, "")) << body;
  }
  EXPECT_EQ(admin_fields_of(admin_dto::parse_rejection(
                                std::string(R"({"reason": ")") + std::string(501, 'x') + "\"}", "")
                                .error()),
            std::vector<std::string>{"reason"});
}

TEST(nutrition_admin_dto, ReviewsTakeTheVersionSeen) {
  auto r = admin_dto::parse_rejection(R"({"reason": "No", "version": 3})", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version, std::optional<std::int64_t>(3));
  EXPECT_EQ(admin_dto::parse_rejection(R"({"reason": "No"})", "\"v4\"")->version,
            std::optional<std::int64_t>(4));
  auto mismatch = admin_dto::parse_rejection(R"({"reason": "No", "version": 3})", "\"v4\"");
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(admin_fields_of(mismatch.error()), std::vector<std::string>{"version"});
  auto patch = admin_dto::parse_product_patch(R"({"name": "x", "version": 2})", false, "");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->version, std::optional<std::int64_t>(2));
  auto only = admin_dto::parse_product_patch(R"({"version": 2})", false, "");
  ASSERT_FALSE(only);
  EXPECT_EQ(admin_fields_of(only.error()), std::vector<std::string>{"body"});
}

TEST(nutrition_admin_dto, ApprovalTakesAVersionOrNothing) {
  EXPECT_EQ(*admin_dto::parse_precondition("", ""), std::nullopt);
  EXPECT_EQ(*admin_dto::parse_precondition("{}", "\"v2\""), std::optional<std::int64_t>(2));
  EXPECT_EQ(*admin_dto::parse_precondition(R"({"version": 5})", ""),
            std::optional<std::int64_t>(5));
  auto r = admin_dto::parse_precondition(R"({"force": true})", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(admin_fields_of(r.error()), std::vector<std::string>{"force"});
  auto differs = admin_dto::parse_precondition(R"({"version": 5})", "\"v6\"");
  ASSERT_FALSE(differs);
  EXPECT_EQ(admin_fields_of(differs.error()), std::vector<std::string>{"version"});
}

TEST(nutrition_admin_dto, TheQueryNamesEveryBadParameter) {
  auto ok =
      admin_dto::parse_review_query(std::string("pending"), std::string("2"), std::string("50"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, "pending");
  EXPECT_EQ(ok->page, 2);
  EXPECT_EQ(ok->per_page, 50);
  auto defaults = admin_dto::parse_review_query(std::nullopt, std::nullopt, std::nullopt);
  ASSERT_TRUE(defaults);
  EXPECT_FALSE(defaults->status);
  EXPECT_EQ(defaults->page, 1);
  EXPECT_EQ(defaults->per_page, 20);
  auto bad =
      admin_dto::parse_review_query(std::string("approved"), std::string("0"), std::string("101"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(admin_fields_of(bad.error()), (std::vector<std::string>{"page", "per_page", "status"}));
  EXPECT_FALSE(admin_dto::parse_review_query(std::nullopt, std::string("1x"), std::nullopt));
}

TEST(nutrition_admin_dto, ApplyPatchDerivesServingAndFlagsOnlyWhenNumbersChange) {
  product p;
  p.name = "Bar";
  p.per_100g.energy_kcal = 400;
  p.per_100g.proteins_g = 10;
  p.per_100g.carbohydrates_g = 60;
  p.per_100g.fat_g = 12;
  p.per_serving.energy_kcal = 999;  // the label's own figure
  p.serving_quantity_g = 30;
  product_patch rename;
  rename.name = "Better bar";
  auto renamed = apply_patch(p, rename);
  EXPECT_EQ(renamed.name, "Better bar");
  EXPECT_EQ(renamed.per_serving.energy_kcal, 999);  // untouched

  product_patch serving;
  serving.serving_quantity_g = std::optional<double>{50};
  auto resized = apply_patch(p, serving);
  EXPECT_EQ(resized.per_serving.energy_kcal, 200);
  EXPECT_TRUE(resized.quality_flags.empty());

  product_patch cleared;
  cleared.serving_quantity_g = std::optional<double>{};
  auto no_serving = apply_patch(p, cleared);
  EXPECT_FALSE(no_serving.per_serving.energy_kcal);
}

TEST(nutrition_admin_dto, TheReviewedProductAndPaginationRender) {
  reviewed_product r;
  r.item.id = "00000000-0000-4000-8000-000000000001";
  r.item.code = "4006381333931";
  r.item.name = "Bar";
  r.item.source = "user";
  r.item.status = "pending";
  r.submitted_by = "00000000-0000-4000-8000-000000000002";
  r.submitted_at = "2026-12-01T10:00:00Z";
  const std::string text = admin_dto::render_reviewed(r);
  EXPECT_TRUE(text.starts_with("{\"product\":{\"id\":\"00000000-0000-4000-8000-000000000001\""));
  EXPECT_NE(text.find("\"submitted_at\":\"2026-12-01T10:00:00Z\""), std::string::npos);
  EXPECT_NE(text.find("\"public_product_id\":null"), std::string::npos);
}

}  // namespace
}  // namespace ugoki::nutrition
