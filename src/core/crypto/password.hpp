// Passwords per OWASP ASVS 4.0.3 level 2, section 2.1: NFC normalisation, length and
// common-password policy, and Argon2id hashing (libsodium) with PHC strings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ugoki::crypto {

// The password bytes are not valid UTF-8 (overlong forms, surrogates, truncated sequences).
class invalid_password_encoding : public std::invalid_argument {
 public:
  invalid_password_encoding() : std::invalid_argument("password is not valid UTF-8") {}
};

// Unicode NFC of `utf8`, so "é" typed as one code point or as e + combining accent is the same
// password at register and at login (ASVS 2.1.1 note). Nothing is trimmed or truncated.
// Throws invalid_password_encoding on invalid UTF-8.
std::string normalize_password(std::string_view utf8);

// Number of code points in valid UTF-8 `utf8` (after normalisation, the unit ASVS counts).
std::size_t code_point_count(std::string_view utf8);

// The shipped list of the most common breached passwords (data/common-passwords.txt), held in
// memory for O(1) look-ups. Immutable after construction, so threads may share one instance.
class common_passwords {
 public:
  // An empty list: accepts everything (tests, or a deployment that opts out).
  common_passwords() = default;
  // The given words; each is normalised and case-folded like a candidate password.
  explicit common_passwords(const std::vector<std::string>& words);

  // Reads one password a line from `path` (config UGOKI_COMMON_PASSWORDS_FILE, default
  // data/common-passwords.txt); blank lines are skipped. Throws std::runtime_error when the file
  // cannot be read or holds no password, so a missing list fails at start, not silently.
  static common_passwords load(const std::filesystem::path& path);

  // True when `password`, normalised and case-folded, is on the list. False for invalid UTF-8.
  bool contains(std::string_view password) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// Length bounds in code points, counted after NFC. ASVS 2.1.1/2.1.2: at least 12, at least 64
// allowed (we allow 128); longer is rejected, never silently truncated.
struct password_limits {
  std::size_t min_code_points = 12;
  std::size_t max_code_points = 128;
};

// The policy a new password (register, change, reset) must meet. No composition rules (ASVS
// 2.1.9): any printable character, spaces and emoji included, is allowed.
class password_policy {
 public:
  // Keeps a reference: `common` must outlive the policy.
  explicit password_policy(const common_passwords& common, password_limits limits = {});

  // Human-readable messages for the field "password", one per broken rule; empty when the
  // password is acceptable. Invalid UTF-8 yields one message and no other check.
  std::vector<std::string> check(std::string_view password) const;

 private:
  const common_passwords& common_;
  password_limits limits_;
};

// Argon2id cost. Defaults are OWASP's minimum for Argon2id: m=19 MiB, t=2, p=1 (libsodium
// always uses p=1). Raise them and needs_rehash() tells login to upgrade old hashes.
struct argon2_params {
  unsigned long long opslimit = 2;
  std::size_t memlimit = 19 * 1024 * 1024;
};

// Argon2id PHC string of NFC(`password`), e.g. "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>",
// with a fresh 16-byte random salt. CPU- and memory-heavy (tens of ms): run it on the worker
// pool, never on an I/O thread. Throws invalid_password_encoding on invalid UTF-8 and
// std::runtime_error when libsodium cannot allocate the memory.
std::string hash_password(std::string_view password, const argon2_params& params = {});

// True when NFC(`password`) matches `phc` (constant-time comparison inside libsodium). False
// for a wrong password, invalid UTF-8, or a malformed or unsupported hash string. As heavy as
// hash_password: run it on the worker pool.
bool verify_password(std::string_view phc, std::string_view password);

// True when `phc` was not made by Argon2id with exactly `params` (older costs, argon2i, or
// malformed): after a successful login, hash the password again and store the new string.
bool needs_rehash(std::string_view phc, const argon2_params& params = {});

// A hash of a random password with `params`, to verify against when the email is unknown, so
// login costs the same for an unknown email and a wrong password. Compute it once at start.
std::string make_dummy_hash(const argon2_params& params = {});

}  // namespace ugoki::crypto
