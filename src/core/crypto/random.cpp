// Randomness and hashing on libsodium, which every platform we run on provides.
#include "core/crypto/random.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <stdexcept>

#include "core/base64.hpp"

namespace ugoki::crypto {

void init_sodium() {
  // sodium_init is itself thread-safe and idempotent (0 first time, 1 after); the static
  // only saves the call on hot paths and turns failure into an exception once.
  static const int status = sodium_init();
  if (status < 0) {
    throw std::runtime_error("libsodium failed to initialise");
  }
}

std::string random_bytes(std::size_t n) {
  init_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string random_token(std::size_t bytes) {
  if (bytes < 16) {
    throw std::invalid_argument("random_token: fewer than 16 bytes is guessable");
  }
  return base64::encode_url(random_bytes(bytes));
}

std::string random_uuid() {
  std::string b = random_bytes(16);
  b[6] = static_cast<char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out += '-';
    }
    auto byte = static_cast<unsigned char>(b[i]);
    out += hex[byte >> 4];
    out += hex[byte & 0x0F];
  }
  return out;
}

std::string sha256(std::string_view bytes) {
  init_sodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  return to_hex(sha256(bytes));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int len = 0;
  // HMAC() with an empty key would get a null pointer from an empty view; any address works.
  static const char empty = 0;
  if (HMAC(EVP_sha256(), key.empty() ? &empty : key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           reinterpret_cast<unsigned char*>(mac.data()), &len) == nullptr) {
    throw std::runtime_error("openssl: HMAC-SHA256 failed");
  }
  mac.resize(len);
  return mac;
}

std::string to_hex(std::string_view bytes) {
  init_sodium();
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();  // sodium_bin2hex writes a terminating NUL
  return hex;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  init_sodium();
  if (a.size() != b.size()) {
    return false;
  }
  if (a.empty()) {
    return true;
  }
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ugoki::crypto
