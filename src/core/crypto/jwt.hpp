// RS256 access tokens (RFC 7519/7515): signing and verifying with a set of RSA keys named by
// `kid`, so keys rotate without logging anyone out, and the JWKS document that publishes them.
#pragma once

#include <openssl/types.h>

#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ugoki::crypto::jwt {

// The claims of our access tokens (API_CONVENTIONS.md). Times are NumericDate: seconds since
// the Unix epoch.
struct claims {
  std::string sub;  // user id (UUID)
  std::string email;
  std::string role;  // "free", "premium", "admin"
  std::int64_t iat = 0;
  std::int64_t exp = 0;
  std::optional<std::int64_t> nbf;
  std::string iss;
  std::string aud;
  std::string jti;  // unique per token, for logs and revocation
};

// Why a token was refused. The HTTP layer maps every reason to 401; the reason is for logs
// and metrics, never for the client.
enum class verify_error {
  malformed,      // not three base64url parts of JSON objects, or too long
  bad_header,     // alg other than RS256 ("none", HS256, ...), bad typ, crit, or no kid
  unknown_kid,    // no key with this kid is loaded (never issued, or rotated out)
  bad_signature,  // signature does not match header.payload under the kid's key
  expired,        // now >= exp + leeway
  not_yet_valid,  // nbf or iat later than now + leeway
  wrong_issuer,
  wrong_audience,
  missing_claim,  // a required claim is absent or has the wrong JSON type
};

// A stable lowercase name for `e` ("bad_signature"), for logs and metric labels.
std::string_view to_string(verify_error e);

// Lets boost::system::result<claims, verify_error>::value() throw (std::runtime_error).
[[noreturn]] void throw_exception_from_error(verify_error e, const boost::source_location& loc);

// A fresh RSA-2048 private key as PKCS#8 PEM, for dev and tests (production loads its keys).
// Throws std::runtime_error if OpenSSL fails.
std::string generate_dev_key();

// The RSA keys the server knows. Private keys can sign and verify; public keys only verify
// (a rotated-out signing key stays as verify-only until its tokens have expired). Not
// thread-safe to modify; build it at start, then share it read-only (or copy it: copies are
// cheap and share the keys): sign() and verify() may run concurrently on any threads.
class key_set {
 public:
  // Adds the key in `pem` under `kid`: a private key (PKCS#8 or PKCS#1) or a public key
  // (SubjectPublicKeyInfo). The first private key added becomes the signing key. Throws
  // std::invalid_argument for unparsable PEM, a non-RSA or shorter than 2048-bit key, or a
  // kid that is empty or already loaded.
  void add_pem(std::string kid, std::string_view pem);
  // add_pem with the contents of `path`; throws std::runtime_error when it cannot be read.
  void add_pem_file(std::string kid, const std::filesystem::path& path);
  // Makes `kid` the signing key. Throws std::invalid_argument when unknown or public only.
  void set_signing_key(std::string_view kid);
  // Forgets `kid`; tokens it signed stop verifying. Removing the signing key leaves none.
  void remove(std::string_view kid);

  bool contains(std::string_view kid) const;
  // The signing key's kid; empty when there is none.
  const std::string& signing_kid() const { return signing_kid_; }
  // SubjectPublicKeyInfo PEM of `kid`. Throws std::invalid_argument when unknown.
  std::string public_pem(std::string_view kid) const;

  // Compact JWS of `c`: header {"alg":"RS256","typ":"JWT","kid":signing_kid()}. Claims are
  // emitted as given (nbf only when set). Throws std::logic_error without a signing key and
  // std::runtime_error if OpenSSL fails.
  std::string sign(const claims& c) const;

  // Verifies `token` as an RS256 JWS from one of our keys and checks its claims: required
  // sub, email, role, iat, exp, iss, aud (string, or array holding the expected one), jti;
  // optional nbf. The algorithm is fixed to RS256 here, never chosen from the token.
  boost::system::result<claims, verify_error> verify(
      std::string_view token, std::chrono::system_clock::time_point now,
      std::string_view expected_iss, std::string_view expected_aud,
      std::chrono::seconds leeway = std::chrono::seconds(30)) const;

  // The public keys as a JWKS document: {"keys":[{"kty":"RSA","use":"sig","alg":"RS256",
  // "kid":...,"n":...,"e":...}]} with n and e base64url, for /.well-known/jwks.json.
  std::string jwks_json() const;

 private:
  // One loaded RSA key; `can_sign` when the private half was loaded. EVP_PKEY is immutable
  // once loaded and OpenSSL 3 allows concurrent use, so copies of a key_set share keys.
  struct key {
    std::shared_ptr<EVP_PKEY> pkey;
    bool can_sign = false;
  };
  std::map<std::string, key, std::less<>> keys_;
  std::string signing_kid_;
};

}  // namespace ugoki::crypto::jwt
