// Base64 (RFC 4648) in its four spellings, by libsodium: the one codec of the code base (JWTs,
// cursors, tokens, key specs, mail).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ugoki::base64 {

enum class variant {
  standard,           // "+/" with "=" padding: MIME mail, key specs
  standard_unpadded,  // "+/" without padding
  url,                // "-_" with "=" padding
  url_unpadded,       // "-_" without padding (RFC 4648 section 5): JWTs, cursors, tokens
};

std::string encode(std::string_view bytes, variant v);
// nullopt for anything that is not the canonical spelling of some bytes in `v`: characters
// outside its alphabet, missing or extra padding, an impossible length, or leftover bits set.
// Constant-time in the data (libsodium), so decoding secrets leaks nothing through timing.
std::optional<std::string> decode(std::string_view text, variant v);

// base64url without padding, as JWTs, cursors and opaque tokens use it.
inline std::string encode_url(std::string_view bytes) {
  return encode(bytes, variant::url_unpadded);
}
inline std::optional<std::string> decode_url(std::string_view text) {
  return decode(text, variant::url_unpadded);
}

}  // namespace ugoki::base64
