// AES-256-GCM encryption of personal data at rest (date of birth, health conditions, ...),
// under named keys so keys rotate: new writes use the active key, old rows still decrypt.
#pragma once

#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::crypto {

// A ciphertext that cannot be decrypted: wrong format, unknown key id, or authentication
// failed (tampered bytes, or associated data of another row or column).
class pii_decrypt_error : public std::runtime_error {
 public:
  explicit pii_decrypt_error(const std::string& what) : std::runtime_error(what) {}
};

class pii_cipher {
 public:
  struct key {
    std::string kid;  // 1..255 bytes, no ':' or ','
    std::array<unsigned char, 32> bytes;
  };

  // Uses `keys`; the first is the active (encrypting) key, the rest only decrypt. Throws
  // std::invalid_argument when empty, or a kid is invalid or repeated.
  explicit pii_cipher(std::vector<key> keys);

  // Parses UGOKI_PII_KEYS: "kid:base64key[,kid:base64key...]", 32-byte keys in standard or
  // URL-safe base64 (padding optional); the first is active. Throws std::invalid_argument
  // on any malformed entry (the message names the entry's position, never key material).
  static pii_cipher from_config(std::string_view spec);

  // "kid:base64key" with a fresh random 256-bit key, for dev/test configuration and rotation.
  static std::string generate_key_spec(std::string_view kid);

  // Encrypts `plaintext` bound to `associated_data` (e.g. user_id + "/" + column name):
  // version(1)=1 | kid_len(1) | kid | nonce(12) | ciphertext | tag(16). The nonce is random
  // (libsodium randombytes), so one key is good for about 2^32 encryptions (NIST SP 800-38D).
  // Throws std::runtime_error if OpenSSL fails.
  std::string encrypt(std::string_view plaintext, std::string_view associated_data) const;

  // The plaintext of `blob` made by encrypt() with the same `associated_data`, under whichever
  // loaded key its kid names. Throws pii_decrypt_error when it cannot be authenticated.
  std::string decrypt(std::string_view blob, std::string_view associated_data) const;

  const std::string& active_kid() const { return active_kid_; }

 private:
  std::map<std::string, std::array<unsigned char, 32>, std::less<>> keys_;
  std::string active_kid_;
};

}  // namespace ugoki::crypto
