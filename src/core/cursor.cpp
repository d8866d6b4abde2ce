// Cursor signing with HMAC-SHA256 (OpenSSL), truncated to 128 bits: enough against forgery.
#include "core/cursor.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

#include "core/base64.hpp"
#include "core/json.hpp"

namespace ugoki {

cursor_codec::cursor_codec(std::string secret) : secret_(std::move(secret)) {}

std::string cursor_codec::sign(std::string_view payload) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &len);
  return std::string(reinterpret_cast<const char*>(mac), 16);
}

std::string cursor_codec::encode(std::string_view sort_key, std::string_view id) const {
  std::string payload(sort_key);
  payload += '\n';
  payload += id;
  return base64::encode_url(payload) + "." + base64::encode_url(sign(payload));
}

std::optional<cursor_codec::position> cursor_codec::decode(std::string_view cursor) const {
  if (cursor.size() > 512) {
    return std::nullopt;
  }
  auto dot = cursor.find('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  auto payload = base64::decode_url(cursor.substr(0, dot));
  auto mac = base64::decode_url(cursor.substr(dot + 1));
  if (!payload || !mac || mac->size() != 16) {
    return std::nullopt;
  }
  std::string expected = sign(*payload);
  if (CRYPTO_memcmp(expected.data(), mac->data(), 16) != 0) {
    return std::nullopt;
  }
  auto nl = payload->find('\n');
  if (nl == std::string::npos) {
    return std::nullopt;
  }
  return position{payload->substr(0, nl), payload->substr(nl + 1)};
}

std::string cursor_codec::encode_instant(std::chrono::system_clock::time_point at,
                                         std::string_view id) const {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch());
  return encode(std::to_string(us.count()), id);
}

std::optional<cursor_codec::instant_position> cursor_codec::decode_instant(
    std::string_view cursor) const {
  auto pos = decode(cursor);
  if (!pos || !json::is_uuid(pos->id)) {
    return std::nullopt;
  }
  const std::string& key = pos->sort_key;
  std::int64_t us = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), us);
  if (ec != std::errc{} || end != key.data() + key.size()) {
    return std::nullopt;
  }
  return instant_position{us, std::move(pos->id)};
}

std::string pagination_json(const std::optional<std::string>& next_cursor) {
  if (!next_cursor) {
    return R"({"cursor":null,"has_more":false})";
  }
  return R"({"cursor":")" + *next_cursor + R"(","has_more":true})";
}

}  // namespace ugoki
