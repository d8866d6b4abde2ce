// The header under test comes first: it must be self-contained.
#include "core/base64url.hpp"

#include <gtest/gtest.h>

namespace ugoki {
namespace {

TEST(base64url, matches_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64url::encode(""), "");
  EXPECT_EQ(base64url::encode("f"), "Zg");
  EXPECT_EQ(base64url::encode("fo"), "Zm8");
  EXPECT_EQ(base64url::encode("foo"), "Zm9v");
  EXPECT_EQ(base64url::encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url::encode("\xfb\xff"), "-_8");
}

TEST(base64url, decodes_and_rejects_non_canonical) {
  EXPECT_EQ(base64url::decode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(base64url::decode("-_8"), "\xfb\xff");
  EXPECT_FALSE(base64url::decode("Zm9v="));
  EXPECT_FALSE(base64url::decode("Z"));
  EXPECT_FALSE(base64url::decode("Zh"));  // leftover bits set
  EXPECT_FALSE(base64url::decode("+/"));
}

}  // namespace
}  // namespace ugoki
