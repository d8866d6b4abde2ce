// base64url without padding (RFC 4648 section 5), as cursors and JWTs use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ugoki::base64url {

std::string encode(std::string_view bytes);
// nullopt on any character outside the alphabet, padding, or an impossible length.
std::optional<std::string> decode(std::string_view text);

}  // namespace ugoki::base64url
