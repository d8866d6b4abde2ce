// AES-256-GCM with OpenSSL EVP; the header (version, kid) is authenticated with the caller's AD.
#include "core/crypto/pii_cipher.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/base64.hpp"
#include "core/crypto/detail/openssl.hpp"
#include "core/crypto/random.hpp"

namespace ugoki::crypto {
namespace {

constexpr unsigned char format_version = 1;
constexpr std::size_t nonce_size = 12;
constexpr std::size_t tag_size = 16;

bool valid_kid(std::string_view kid) {
  return !kid.empty() && kid.size() <= 255 && kid.find_first_of(":,") == std::string_view::npos;
}

// Decodes 32 key bytes from any common base64 spelling; false on anything else.
bool decode_key(std::string_view text, std::array<unsigned char, 32>& out) {
  using base64::variant;
  for (variant v :
       {variant::standard, variant::standard_unpadded, variant::url, variant::url_unpadded}) {
    auto bytes = base64::decode(text, v);
    if (!bytes) {
      continue;
    }
    const bool fits = bytes->size() == out.size();
    if (fits) {
      std::copy(bytes->begin(), bytes->end(), out.begin());
    }
    sodium_memzero(bytes->data(), bytes->size());
    return fits;
  }
  return false;
}

// GCM's additional authenticated data: our header, then the caller's context. The header is
// self-delimiting (kid_len), so the concatenation is unambiguous.
bool add_aad(EVP_CIPHER_CTX* ctx, std::string_view header, std::string_view ad) {
  int ignored = 0;
  return EVP_CipherUpdate(ctx, nullptr, &ignored,
                          reinterpret_cast<const unsigned char*>(header.data()),
                          static_cast<int>(header.size())) == 1 &&
         EVP_CipherUpdate(ctx, nullptr, &ignored, reinterpret_cast<const unsigned char*>(ad.data()),
                          static_cast<int>(ad.size())) == 1;
}

}  // namespace

pii_cipher::pii_cipher(std::vector<key> keys) {
  if (keys.empty()) {
    throw std::invalid_argument("pii_cipher: no key");
  }
  for (auto& k : keys) {
    if (!valid_kid(k.kid) || keys_.contains(k.kid)) {
      throw std::invalid_argument("pii_cipher: invalid or repeated key id '" + k.kid + "'");
    }
    keys_.emplace(k.kid, k.bytes);
    sodium_memzero(k.bytes.data(), k.bytes.size());
  }
  active_kid_ = keys.front().kid;
}

pii_cipher pii_cipher::from_config(std::string_view spec) {
  std::vector<key> keys;
  std::size_t position = 0;
  std::size_t start = 0;
  for (;;) {
    ++position;
    std::size_t comma = spec.find(',', start);
    std::string_view entry =
        spec.substr(start, comma == std::string_view::npos ? comma : comma - start);
    std::size_t colon = entry.find(':');
    key k{};
    // An empty entry (empty setting, trailing comma) is an error too: most likely a typo.
    if (colon == std::string_view::npos || !valid_kid(entry.substr(0, colon)) ||
        !decode_key(entry.substr(colon + 1), k.bytes)) {
      throw std::invalid_argument("UGOKI_PII_KEYS entry " + std::to_string(position) +
                                  " is not kid:base64(32 bytes)");
    }
    k.kid = std::string(entry.substr(0, colon));
    keys.push_back(std::move(k));
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return pii_cipher(std::move(keys));
}

std::string pii_cipher::generate_key_spec(std::string_view kid) {
  if (!valid_kid(kid)) {
    throw std::invalid_argument("pii_cipher: invalid key id");
  }
  std::string bytes = random_bytes(32);
  std::string b64 = base64::encode(bytes, base64::variant::standard);
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(kid) + ":" + b64;
}

std::string pii_cipher::encrypt(std::string_view plaintext, std::string_view ad) const {
  const auto& key_bytes = keys_.find(active_kid_)->second;
  std::string out;
  out.reserve(2 + active_kid_.size() + nonce_size + plaintext.size() + tag_size);
  out.push_back(static_cast<char>(format_version));
  out.push_back(static_cast<char>(active_kid_.size()));
  out += active_kid_;
  std::size_t header_size = out.size();
  out += random_bytes(nonce_size);
  auto* nonce = reinterpret_cast<const unsigned char*>(out.data() + header_size);

  detail::cipher_ctx_ptr ctx(EVP_CIPHER_CTX_new());
  // AES-GCM's default IV length is 12 bytes, so no EVP_CTRL_GCM_SET_IVLEN is needed.
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_bytes.data(), nonce) != 1 ||
      !add_aad(ctx.get(), std::string_view(out.data(), header_size), ad)) {
    detail::throw_openssl("AES-GCM encrypt init");
  }
  std::size_t body = out.size();
  out.resize(body + plaintext.size() + tag_size);
  auto* dst = reinterpret_cast<unsigned char*>(out.data() + body);
  int len = 0;
  int tail = 0;
  auto* src = reinterpret_cast<const unsigned char*>(plaintext.data());
  if (EVP_EncryptUpdate(ctx.get(), dst, &len, src, static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + len, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_size),
                          dst + len + tail) != 1) {
    detail::throw_openssl("AES-GCM encrypt");
  }
  return out;
}

std::string pii_cipher::decrypt(std::string_view blob, std::string_view ad) const {
  if (blob.size() < 2 || static_cast<unsigned char>(blob[0]) != format_version) {
    throw pii_decrypt_error("pii: unknown ciphertext format");
  }
  std::size_t kid_len = static_cast<unsigned char>(blob[1]);
  std::size_t header_size = 2 + kid_len;
  if (blob.size() < header_size + nonce_size + tag_size) {
    throw pii_decrypt_error("pii: ciphertext too short");
  }
  auto it = keys_.find(blob.substr(2, kid_len));
  if (it == keys_.end()) {
    throw pii_decrypt_error("pii: ciphertext under an unknown key id");
  }
  auto* nonce = reinterpret_cast<const unsigned char*>(blob.data() + header_size);
  std::string_view body =
      blob.substr(header_size + nonce_size, blob.size() - header_size - nonce_size - tag_size);
  std::string tag(blob.substr(blob.size() - tag_size));

  detail::cipher_ctx_ptr ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, it->second.data(), nonce) != 1 ||
      !add_aad(ctx.get(), blob.substr(0, header_size), ad)) {
    detail::throw_openssl("AES-GCM decrypt init");
  }
  std::string out(body.size(), '\0');
  int len = 0;
  int tail = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  bool ok =
      EVP_DecryptUpdate(ctx.get(), dst, &len, reinterpret_cast<const unsigned char*>(body.data()),
                        static_cast<int>(body.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_size),
                          tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), dst + len, &tail) == 1;
  if (!ok) {
    ERR_clear_error();
    // Never hand out unauthenticated plaintext: wipe what was decrypted before the tag check.
    sodium_memzero(out.data(), out.size());
    throw pii_decrypt_error("pii: ciphertext failed authentication");
  }
  out.resize(static_cast<std::size_t>(len + tail));
  return out;
}

}  // namespace ugoki::crypto
