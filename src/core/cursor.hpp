// Opaque pagination cursors: base64url of (sort key, id), signed so tampering is detected.
#pragma once

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

 private:
  std::string sign(std::string_view payload) const;
  std::string secret_;
};

}  // namespace ugoki
