// Argon2id password hashing with libsodium's crypto_pwhash_str_alg (PHC strings, 16-byte salt).
#include "core/crypto/password.hpp"

#include <sodium.h>

#include "core/crypto/random.hpp"

namespace ugoki::crypto {
namespace {

// libsodium reads the hash string as a C string of at most crypto_pwhash_STRBYTES - 1 chars.
bool plausible_phc(std::string_view phc) {
  return !phc.empty() && phc.size() < crypto_pwhash_STRBYTES &&
         phc.find('\0') == std::string_view::npos;
}

}  // namespace

std::string hash_password(std::string_view password, const argon2_params& params) {
  init_sodium();
  std::string normalized = normalize_password(password);
  char out[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str_alg draws the salt itself (crypto_pwhash_SALTBYTES == 16).
  if (crypto_pwhash_str_alg(out, normalized.data(), normalized.size(), params.opslimit,
                            params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  sodium_memzero(normalized.data(), normalized.size());
  return std::string(out);
}

bool verify_password(std::string_view phc, std::string_view password) {
  init_sodium();
  if (!plausible_phc(phc)) {
    return false;
  }
  std::string normalized;
  try {
    normalized = normalize_password(password);
  } catch (const invalid_password_encoding&) {
    return false;
  }
  std::string terminated(phc);  // libsodium wants NUL termination
  bool ok = crypto_pwhash_str_verify(terminated.c_str(), normalized.data(), normalized.size()) == 0;
  sodium_memzero(normalized.data(), normalized.size());
  return ok;
}

bool needs_rehash(std::string_view phc, const argon2_params& params) {
  init_sodium();
  if (!plausible_phc(phc)) {
    return true;
  }
  std::string terminated(phc);
  // The argon2id-specific call answers -1 for any other algorithm (argon2i, bcrypt), which we
  // also want to upgrade; the generic crypto_pwhash_str_needs_rehash would accept argon2i.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), params.opslimit,
                                                 params.memlimit) != 0;
}

std::string make_dummy_hash(const argon2_params& params) {
  // A random, never-disclosed password: nothing a client sends can match it.
  return hash_password(random_token(32), params);
}

}  // namespace ugoki::crypto
