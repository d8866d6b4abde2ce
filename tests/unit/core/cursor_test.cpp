// The header under test comes first: it must be self-contained.
#include "core/cursor.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace ugoki {
namespace {

TEST(cursor_codec, round_trips) {
  cursor_codec codec("a-secret-of-at-least-32-characters!!");
  auto c = codec.encode("2026-01-31T07:00:00Z", "0f8fad5b-d9cb-469f-a165-70867728950e");
  auto p = codec.decode(c);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->sort_key, "2026-01-31T07:00:00Z");
  EXPECT_EQ(p->id, "0f8fad5b-d9cb-469f-a165-70867728950e");
}

TEST(cursor_codec, rejects_tampering_and_garbage) {
  cursor_codec codec("a-secret-of-at-least-32-characters!!");
  auto c = codec.encode("2026-01-31T07:00:00Z", "id-1");
  auto dot = c.find('.');
  // Re-encode a different payload under the old signature: must fail.
  auto forged = base64::encode_url("2099-01-01T00:00:00Z\nid-1") + c.substr(dot);
  EXPECT_FALSE(codec.decode(forged));
  std::string flipped = c;
  flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.decode(flipped));
  EXPECT_FALSE(codec.decode(""));
  EXPECT_FALSE(codec.decode("no-dot"));
  EXPECT_FALSE(codec.decode("!!!.???"));
  EXPECT_FALSE(codec.decode(std::string(1000, 'A')));
  cursor_codec other("another-secret-of-at-least-32-chars!");
  EXPECT_FALSE(other.decode(c));
}

}  // namespace
}  // namespace ugoki
