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

TEST(cursor_codec, instant_cursors_round_trip_to_the_microsecond) {
  cursor_codec codec("a-secret-of-at-least-32-characters!!");
  const std::string id = "0b6c8f52-1d2e-4f7a-9c3b-5e8d7a6f4c21";
  const auto at =
      std::chrono::system_clock::time_point(std::chrono::microseconds(1774681200123456));
  auto pos = codec.decode_instant(codec.encode_instant(at, id));
  ASSERT_TRUE(pos);
  EXPECT_EQ(pos->micros, 1774681200123456);
  EXPECT_EQ(pos->id, id);
  // Signed, but not an instant cursor: the key is not a whole number, or the id not a UUID.
  EXPECT_FALSE(codec.decode_instant(codec.encode("2026-01-31T07:00:00Z", id)));
  EXPECT_FALSE(codec.decode_instant(codec.encode("12x", id)));
  EXPECT_FALSE(codec.decode_instant(codec.encode("12", "id-1")));
}

TEST(cursor_codec, pagination_json_has_more_exactly_when_there_is_a_cursor) {
  EXPECT_EQ(pagination_json(std::nullopt), R"({"cursor":null,"has_more":false})");
  EXPECT_EQ(pagination_json(std::string("abc.def")), R"({"cursor":"abc.def","has_more":true})");
}

}  // namespace
}  // namespace ugoki
