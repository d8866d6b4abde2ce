// The JOSE pieces shared by core/crypto's JWS verifiers (detail/jose.hpp).
#include "core/crypto/detail/jose.hpp"

#include <limits>

#include "core/base64.hpp"
#include "core/json.hpp"

namespace ugoki::crypto::detail {

namespace json = boost::json;

std::optional<compact_jws> split_compact(std::string_view token) {
  std::size_t dot1 = token.find('.');
  std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return compact_jws{token.substr(0, dot1), token.substr(dot1 + 1, dot2 - dot1 - 1),
                     token.substr(dot2 + 1), token.substr(0, dot2)};
}

std::optional<json::object> decode_object(std::string_view part) {
  auto bytes = base64::decode_url(part);
  if (!bytes) {
    return std::nullopt;
  }
  auto v = ugoki::json::parse_strict(*bytes);
  if (!v || !v->is_object()) {
    return std::nullopt;
  }
  return std::move(v->as_object());
}

const json::string* get_string(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v != nullptr ? v->if_string() : nullptr;
}

std::optional<std::int64_t> get_int(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->as_int64();
  }
  if (v->is_uint64() && v->as_uint64() <= std::numeric_limits<std::int64_t>::max()) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

}  // namespace ugoki::crypto::detail
