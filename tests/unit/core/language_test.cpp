// The header under test comes first: it must be self-contained.
#include "core/language.hpp"

#include <gtest/gtest.h>

#include <array>

namespace ugoki::language {
namespace {

constexpr std::array<std::string_view, 3> language_test_ours{"en", "de", "fr"};

std::string_view language_test_pick(std::string_view header) {
  return pick(header, language_test_ours, "en");
}

TEST(language, parses_ranges_with_weights_highest_first_stable) {
  auto r = parse_accept_language("fr;q=0.5, DE-ch, de;q=0.9, en;q=0.5, *;q=0.1");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].tag, "de-ch");
  EXPECT_DOUBLE_EQ(r[0].q, 1.0);
  EXPECT_EQ(r[1].tag, "de");
  EXPECT_EQ(r[2].tag, "fr");  // equal weights keep the header's order
  EXPECT_EQ(r[3].tag, "en");
  EXPECT_EQ(r[4].tag, "*");
}

TEST(language, skips_malformed_items_and_keeps_refusals) {
  auto r = parse_accept_language(
      "de;q=2, fr;q=abc, 12, en-, x-klingon-toolongsubtag, it;q=0, "
      "es;level=1, pt ; q=0.300 ,, nl;q=1.0");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].tag, "nl");
  EXPECT_EQ(r[1].tag, "pt");
  EXPECT_DOUBLE_EQ(r[1].q, 0.3);
  EXPECT_EQ(r[2].tag, "it");
  EXPECT_DOUBLE_EQ(r[2].q, 0.0);
  EXPECT_TRUE(parse_accept_language("").empty());
  EXPECT_TRUE(parse_accept_language(" , ;q=1").empty());
  // q has at most three decimals, and 1 only as 1.000.
  EXPECT_TRUE(parse_accept_language("de;q=0.1234, fr;q=1.5, en;q=1.001").empty());
}

TEST(language, reads_at_most_32_ranges) {
  std::string header;
  for (int i = 0; i < 100; ++i) {
    header += "de, ";
  }
  EXPECT_EQ(parse_accept_language(header).size(), 32u);
}

TEST(language, picks_by_weight_then_lookup_truncating_subtags) {
  EXPECT_EQ(language_test_pick("fr;q=0.5, de"), "de");
  EXPECT_EQ(language_test_pick("de-CH-1996, fr;q=0.9"), "de");  // de-ch-1996 -> de-ch -> de
  EXPECT_EQ(language_test_pick("ja, fr-CA;q=0.8, de;q=0.7"), "fr");
  EXPECT_EQ(language_test_pick("ja, ko"), "en");
  EXPECT_EQ(language_test_pick(""), "en");
  EXPECT_EQ(language_test_pick("*"), "en");
  EXPECT_EQ(language_test_pick("garbage;;;q=x"), "en");
}

TEST(language, never_picks_a_refused_language) {
  EXPECT_EQ(language_test_pick("de;q=0, fr;q=0"), "en");
  EXPECT_EQ(language_test_pick("de-at, de;q=0, fr;q=0.2"), "fr");
}

TEST(language, a_plain_range_takes_a_regional_tag_when_that_is_all_there_is) {
  constexpr std::array<std::string_view, 2> regional{"en", "pt-br"};
  EXPECT_EQ(pick("pt", regional, "en"), "pt-br");
  EXPECT_EQ(pick("pt-PT", regional, "en"), "en");  // lookup never widens a longer range
}

}  // namespace
}  // namespace ugoki::language
