// Idempotency-Key validation and the request fingerprint: pure functions, no database.
#include "core/http/idempotency.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ugoki::testing {
namespace {

TEST(idempotency_key, accepts_1_to_255_visible_ascii_characters) {
  EXPECT_FALSE(http::check_idempotency_key("a"));
  EXPECT_FALSE(http::check_idempotency_key("5d1c7f0e-2b8a-4e39-b6c4-91a0f3e2d7c8"));
  EXPECT_FALSE(http::check_idempotency_key("!~{}\"'"));
  EXPECT_FALSE(http::check_idempotency_key(std::string(255, 'k')));
  for (std::string bad :
       {std::string(), std::string(256, 'k'), std::string("a b"), std::string("tab\there"),
        std::string("caf\xc3\xa9"), std::string("del\x7f")}) {
    auto e = http::check_idempotency_key(bad);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->status, 400);
    EXPECT_EQ(e->code, "VAL_001");
    ASSERT_EQ(e->details.size(), 1u);
    EXPECT_EQ(e->details[0].field, "Idempotency-Key");
  }
}

TEST(idempotency_fingerprint, is_stable_and_changes_with_every_part) {
  auto base = http::idempotency_fingerprint("POST", "/a", "", "{}");
  EXPECT_EQ(base.size(), 32u);
  EXPECT_EQ(base, http::idempotency_fingerprint("POST", "/a", "", "{}"));
  EXPECT_NE(base, http::idempotency_fingerprint("PUT", "/a", "", "{}"));
  EXPECT_NE(base, http::idempotency_fingerprint("POST", "/b", "", "{}"));
  EXPECT_NE(base, http::idempotency_fingerprint("POST", "/a", "x=1", "{}"));
  EXPECT_NE(base, http::idempotency_fingerprint("POST", "/a", "", "{ }"));
  // Framed: moving a byte from one part to the next changes the hash.
  EXPECT_NE(http::idempotency_fingerprint("POST", "/ab", "", "c"),
            http::idempotency_fingerprint("POST", "/a", "", "bc"));
}

}  // namespace
}  // namespace ugoki::testing
