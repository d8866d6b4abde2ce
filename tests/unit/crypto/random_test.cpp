// The header under test comes first: it must be self-contained.
#include "core/crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ugoki::crypto {
namespace {

TEST(random, tokens_are_base64url_of_the_requested_size_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = random_token();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes, unpadded base64url
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_THROW(random_token(8), std::invalid_argument);
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(12).size(), 12u);
}

TEST(random, sha256_matches_known_vectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abc").size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(sha256("abc")[0]), 0xbau);
}

TEST(random, hmac_sha256_matches_rfc_4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256("", "").size(), 32u);
  EXPECT_NE(hmac_sha256("k1", "data"), hmac_sha256("k2", "data"));
  EXPECT_EQ(to_hex(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(to_hex(""), "");
}

TEST(random, constant_time_equals_compares_content_and_length) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret-token", "secret-token"));
  EXPECT_FALSE(constant_time_equals("secret-token", "secret-tokeN"));
  EXPECT_FALSE(constant_time_equals("secret-token", "secret-toke"));
  EXPECT_FALSE(constant_time_equals("", "x"));
  std::string with_nul("a\0b", 3);
  EXPECT_FALSE(constant_time_equals(with_nul, std::string("a\0c", 3)));
}

}  // namespace
}  // namespace ugoki::crypto
