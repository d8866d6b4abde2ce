// Randomness, SHA-256, HMAC and constant-time comparison: the primitives auth and webhooks use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ugoki::crypto {

// Initialises libsodium once per process (thread-safe, idempotent). Every function of
// core/crypto calls it itself; call it at start-up to fail early. Throws std::runtime_error
// when libsodium cannot initialise (no entropy source).
void init_sodium();

// `n` bytes from the operating system's CSPRNG (libsodium randombytes_buf). Never fails.
std::string random_bytes(std::size_t n);

// An unguessable token for refresh, reset and verification links: base64url (no padding) of
// `bytes` random bytes; 32 bytes gives 256 bits and 43 characters. Throws
// std::invalid_argument when `bytes` is below 16 (128 bits is the least we accept).
std::string random_token(std::size_t bytes = 32);

// A random UUID (version 4, RFC 4122 variant), lowercase 8-4-4-4-12: ids the application picks
// before the row exists (a new account's, so other modules' rows can name it in the same
// pipeline) and session ids.
std::string random_uuid();

// SHA-256 of `bytes`: the 32 raw bytes. Used to store tokens hashed (a token is already
// high-entropy, so a fast hash suffices; passwords use Argon2id instead).
std::string sha256(std::string_view bytes);

// SHA-256 of `bytes` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA256 of `data` under `key`: the 32 raw bytes (webhook signatures, signed values).
// Compare MACs with constant_time_equals, never with ==.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Lowercase hex of `bytes` (two characters a byte).
std::string to_hex(std::string_view bytes);

// True when `a` and `b` are equal. Time depends only on the lengths, never on where they
// differ, so a comparison of secrets leaks nothing but their lengths (public for hashes).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace ugoki::crypto
