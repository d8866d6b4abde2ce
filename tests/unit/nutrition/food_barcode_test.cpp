// GTIN check digits and barcode normalisation with real codes (Nutella 3017620422003,
// Coca-Cola UPC-A 049000028911 and its UPC-E 04252614, an EAN-8 96385074).
#include "nutrition/barcode.hpp"

#include <gtest/gtest.h>

namespace ugoki::nutrition {
namespace {

TEST(food_barcode, check_digit_of_known_codes) {
  EXPECT_EQ(gtin_check_digit("301762042200"), 3);
  EXPECT_EQ(gtin_check_digit("04900002891"), 1);
  EXPECT_EQ(gtin_check_digit("9638507"), 4);
}

TEST(food_barcode, ean13_kept_as_scanned) {
  auto b = parse_barcode("3017620422003");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->code, "3017620422003");
  EXPECT_EQ(b->kind, "ean13");
}

TEST(food_barcode, upca_becomes_gtin13_with_a_leading_zero) {
  auto b = parse_barcode("049000028911");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->code, "0049000028911");
  EXPECT_EQ(b->kind, "upca");
}

TEST(food_barcode, ean8_stays_eight_digits) {
  auto b = parse_barcode("96385074");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->code, "96385074");
  EXPECT_EQ(b->kind, "ean8");
}

TEST(food_barcode, upce_expands_to_its_upca) {
  EXPECT_EQ(expand_upce("04252614"), "042100005264");
  EXPECT_EQ(expand_upce("01234565"), "012345000065");
  EXPECT_EQ(expand_upce("01234133"), "012300000413");
  EXPECT_EQ(expand_upce("01234144"), "012340000014");
  EXPECT_FALSE(expand_upce("21234565"));  // number system 2 has no UPC-E
  auto b = parse_barcode("04252614");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->kind, "upce");
  EXPECT_EQ(b->code, "0042100005264");
}

TEST(food_barcode, wrong_check_digits_and_shapes_are_refused_with_a_reason) {
  std::string why;
  EXPECT_FALSE(parse_barcode("3017620422004", &why));
  EXPECT_NE(why.find("EAN-13"), std::string::npos);
  EXPECT_FALSE(parse_barcode("049000028912", &why));
  EXPECT_NE(why.find("UPC-A"), std::string::npos);
  EXPECT_FALSE(parse_barcode("96385075", &why));
  EXPECT_FALSE(parse_barcode("12345", &why));
  EXPECT_FALSE(parse_barcode("30176204220a3", &why));
  EXPECT_FALSE(parse_barcode("", &why));
  EXPECT_FALSE(parse_barcode("00000000000000", &why));  // 14 digits: not one of the four
}

}  // namespace
}  // namespace ugoki::nutrition
