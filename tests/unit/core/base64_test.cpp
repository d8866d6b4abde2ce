// The header under test comes first: it must be self-contained.
#include "core/base64.hpp"

#include <gtest/gtest.h>

namespace ugoki {
namespace {

TEST(base64, url_matches_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64::encode_url(""), "");
  EXPECT_EQ(base64::encode_url("f"), "Zg");
  EXPECT_EQ(base64::encode_url("fo"), "Zm8");
  EXPECT_EQ(base64::encode_url("foo"), "Zm9v");
  EXPECT_EQ(base64::encode_url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64::encode_url("\xfb\xff"), "-_8");
}

TEST(base64, url_decodes_and_rejects_non_canonical) {
  EXPECT_EQ(base64::decode_url("Zm9vYmFy"), "foobar");
  EXPECT_EQ(base64::decode_url("-_8"), "\xfb\xff");
  EXPECT_EQ(base64::decode_url(""), "");
  EXPECT_FALSE(base64::decode_url("Zm9v="));
  EXPECT_FALSE(base64::decode_url("Z"));
  EXPECT_FALSE(base64::decode_url("Zh"));  // leftover bits set
  EXPECT_FALSE(base64::decode_url("+/"));
  EXPECT_FALSE(base64::decode_url("Zm 9v"));
}

TEST(base64, standard_pads_and_round_trips_every_length) {
  using base64::variant;
  EXPECT_EQ(base64::encode("f", variant::standard), "Zg==");
  EXPECT_EQ(base64::encode("\xfb\xff", variant::standard), "+/8=");
  EXPECT_EQ(base64::encode("\xfb\xff", variant::standard_unpadded), "+/8");
  EXPECT_EQ(base64::encode("\xfb\xff", variant::url), "-_8=");
  EXPECT_FALSE(base64::decode("Zg", variant::standard));
  EXPECT_FALSE(base64::decode("-_8=", variant::standard));
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    for (auto v :
         {variant::standard, variant::standard_unpadded, variant::url, variant::url_unpadded}) {
      EXPECT_EQ(base64::decode(base64::encode(bytes, v), v), bytes) << n;
    }
    bytes += static_cast<char>(n * 37 + 11);
  }
}

}  // namespace
}  // namespace ugoki
