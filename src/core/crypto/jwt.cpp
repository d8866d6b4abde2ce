// RS256 signing and verification with OpenSSL 3 EVP; header and payload with Boost.JSON.
#include "core/crypto/jwt.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/base64.hpp"
#include "core/crypto/detail/jose.hpp"
#include "core/crypto/detail/openssl.hpp"
#include "core/crypto/jws.hpp"
#include "core/text.hpp"

namespace ugoki::crypto::jwt {
namespace {

namespace json = boost::json;
using detail::decode_object;
using detail::get_string;

// Our tokens are about 700 bytes; anything far larger is an attack on the parser or memory.
constexpr std::size_t max_token_size = 8192;

// RFC 7519 4.1.3: aud is a string or an array of strings; it must name us.
bool audience_matches(const json::value& aud, std::string_view expected) {
  if (const json::string* s = aud.if_string()) {
    return *s == expected;
  }
  if (const json::array* a = aud.if_array()) {
    for (const json::value& item : *a) {
      if (item.is_string() && item.get_string() == expected) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string key_set::sign(const claims& c) const {
  auto it = keys_.find(signing_kid_);
  if (signing_kid_.empty() || it == keys_.end()) {
    throw std::logic_error("jwt: no signing key loaded");
  }
  json::object header{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", signing_kid_}};
  json::object payload{
      {"sub", c.sub}, {"email", c.email}, {"role", c.role}, {"iat", c.iat}, {"exp", c.exp}};
  if (c.nbf) {
    payload["nbf"] = *c.nbf;
  }
  payload["iss"] = c.iss;
  payload["aud"] = c.aud;
  payload["jti"] = c.jti;
  return jws::sign_rs256(*it->second.pkey, json::serialize(header), json::serialize(payload));
}

boost::system::result<claims, verify_error> key_set::verify(
    std::string_view token, std::chrono::system_clock::time_point now,
    std::string_view expected_iss, std::string_view expected_aud,
    std::chrono::seconds leeway) const {
  if (token.size() > max_token_size) {
    return verify_error::malformed;
  }
  auto parts = detail::split_compact(token);
  if (!parts) {
    return verify_error::malformed;  // not exactly three parts
  }
  std::string_view signing_input = parts->signing_input;
  auto header = decode_object(parts->header);
  if (!header) {
    return verify_error::malformed;
  }
  // The algorithm is ours to choose: anything but exactly RS256 ("none", HS256 made with our
  // public key as the HMAC secret, PS256, ...) is refused before any key is touched.
  const json::string* alg = get_string(*header, "alg");
  const json::value* typ = header->if_contains("typ");
  const json::string* kid = get_string(*header, "kid");
  if (alg == nullptr || *alg != "RS256" || kid == nullptr || header->contains("crit") ||
      (typ != nullptr && !(typ->is_string() && text::iequals_ascii(typ->get_string(), "JWT")))) {
    return verify_error::bad_header;
  }
  auto it = keys_.find(std::string_view(*kid));
  if (it == keys_.end()) {
    return verify_error::unknown_kid;
  }
  auto sig = base64::decode_url(parts->signature);
  if (!sig) {
    return verify_error::malformed;
  }
  detail::md_ctx_ptr ctx(EVP_MD_CTX_new());
  bool valid =
      ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, it->second.pkey.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(signing_input.data()),
                       signing_input.size()) == 1;
  if (!valid) {
    ERR_clear_error();
    return verify_error::bad_signature;
  }

  auto payload = decode_object(parts->payload);
  if (!payload) {
    return verify_error::malformed;
  }
  const json::string* sub = get_string(*payload, "sub");
  const json::string* email = get_string(*payload, "email");
  const json::string* role = get_string(*payload, "role");
  const json::string* iss = get_string(*payload, "iss");
  const json::string* jti = get_string(*payload, "jti");
  const json::value* aud = payload->if_contains("aud");
  auto iat = detail::get_int(*payload, "iat");
  auto exp = detail::get_int(*payload, "exp");
  auto nbf = detail::get_int(*payload, "nbf");
  if (sub == nullptr || email == nullptr || role == nullptr || iss == nullptr || jti == nullptr ||
      aud == nullptr || !iat || !exp || (payload->contains("nbf") && !nbf)) {
    return verify_error::missing_claim;
  }
  if (*iss != expected_iss) {
    return verify_error::wrong_issuer;
  }
  if (!audience_matches(*aud, expected_aud)) {
    return verify_error::wrong_audience;
  }
  // Written so no operand can overflow: `now` is near the present, claims may be anything.
  std::int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  std::int64_t slack = leeway.count();
  if (now_s - slack >= *exp) {
    return verify_error::expired;
  }
  if (*iat > now_s + slack || (nbf && *nbf > now_s + slack)) {
    return verify_error::not_yet_valid;
  }
  return claims{std::string(*sub), std::string(*email),       std::string(*role), *iat, *exp, nbf,
                std::string(*iss), std::string(expected_aud), std::string(*jti)};
}

}  // namespace ugoki::crypto::jwt
