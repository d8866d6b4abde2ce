// Cursor signing with HMAC-SHA256 (OpenSSL), truncated to 128 bits: enough against forgery.
#include "core/cursor.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/base64.hpp"

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

}  // namespace ugoki
