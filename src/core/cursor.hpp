// Opaque pagination cursors: base64url of (sort key, id), signed so tampering is detected.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugoki {

class cursor_codec {
 public:
  // `secret` keys the HMAC-SHA256 signature; every instance of a deployment must share it.
  explicit cursor_codec(std::string secret);

  struct position {
    std::string sort_key;  // e.g. an RFC 3339 instant
    std::string id;        // the row's UUID, the tie-breaker
  };

  std::string encode(std::string_view sort_key, std::string_view id) const;
  // nullopt when the cursor is malformed or its signature does not match (tampered, or made
  // with another secret); callers answer 400 VAL_001 on field "cursor".
  std::optional<position> decode(std::string_view cursor) const;

  // Histories ordered by (an instant DESC, id DESC), e.g. fasts and workouts by their start:
  // the sort key is the last item's instant in whole microseconds since the epoch (PostgreSQL's
  // precision, so the next page's keyset comparison is exact).
  struct instant_position {
    std::int64_t micros = 0;
    std::string id;
  };
  std::string encode_instant(std::chrono::system_clock::time_point at, std::string_view id) const;
  // As decode(), and also nullopt unless the key is a whole number and the id a UUID.
  std::optional<instant_position> decode_instant(std::string_view cursor) const;

 private:
  std::string sign(std::string_view payload) const;
  std::string secret_;
};

// A page's `pagination` member as JSON text: {"cursor": next or null, "has_more": bool}, where
// `has_more` is whether there is a next cursor. Cursors are base64url, so no escaping is needed.
std::string pagination_json(const std::optional<std::string>& next_cursor);

}  // namespace ugoki
