// RS256 compact JWS pieces for talking to providers: signing what we hand to others (a Google
// service account's assertion) with keys loaded from PEM, and checking what they sign with keys
// they publish as JWK. Our own access tokens stay in jwt.hpp (key_set, kid rotation).
#pragma once

#include <openssl/types.h>

#include <memory>
#include <string>
#include <string_view>

namespace ugoki::crypto::jws {

// An RSA private key (PKCS#8 or PKCS#1 PEM) of at least 2048 bits. Throws std::invalid_argument
// for anything else; the message never contains the key.
std::shared_ptr<EVP_PKEY> load_rsa_private_key(std::string_view pem);

// base64url(header_json) "." base64url(payload_json) "." base64url(RS256 signature). The JSON is
// taken as given (the caller serialises it). Throws std::runtime_error if OpenSSL fails.
std::string sign_rs256(EVP_PKEY& key, std::string_view header_json, std::string_view payload_json);

// An RSA public key from a JWK's base64url `n` and `e` (RFC 7518 6.3.1), as providers publish
// their signing keys (Google's OIDC certificates). Throws std::invalid_argument for values that
// are not base64url or make no RSA key of at least 2048 bits.
std::shared_ptr<EVP_PKEY> rsa_public_key_from_jwk(std::string_view n, std::string_view e);

// True when `signature` is an RS256 signature of `signing_input` under `key`. Never throws.
bool verify_rs256(EVP_PKEY& key, std::string_view signing_input, std::string_view signature);

}  // namespace ugoki::crypto::jws
