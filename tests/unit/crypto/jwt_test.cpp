// The header under test comes first: it must be self-contained.
#include "core/crypto/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/base64.hpp"

namespace ugoki::crypto::jwt {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point t0{seconds(1'767'225'600)};  // 2026-01-01T00:00:00Z
constexpr std::string_view iss = "https://api.ugoki.test";
constexpr std::string_view aud = "ugoki-app";

// RSA key generation is slow; every test shares two keys.
const std::string& pem_a() {
  static const std::string pem = generate_dev_key();
  return pem;
}
const std::string& pem_b() {
  static const std::string pem = generate_dev_key();
  return pem;
}

claims sample() {
  return claims{"0f8fad5b-d9cb-469f-a165-70867728950e",
                "ana@example.com",
                "free",
                1'767'225'600,
                1'767'225'600 + 900,
                std::nullopt,
                std::string(iss),
                std::string(aud),
                "jti-1"};
}

key_set keys_a() {
  key_set ks;
  ks.add_pem("k1", pem_a());
  return ks;
}

std::string b64(std::string_view s) {
  return base64::encode_url(s);
}

// header.payload signed RS256 with `pem`: lets tests forge tokens our keys really signed.
std::string sign_raw(const std::string& pem, std::string_view header, std::string_view payload) {
  std::string input = b64(header) + "." + b64(payload);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return input + "." + b64(sig);
}

constexpr std::string_view good_header = R"({"alg":"RS256","typ":"JWT","kid":"k1"})";
constexpr std::string_view good_payload =
    R"({"sub":"u1","email":"a@b.c","role":"free","iat":1767225600,"exp":1767226500,)"
    R"("iss":"https://api.ugoki.test","aud":"ugoki-app","jti":"j1"})";

verify_error error_of(const key_set& ks, const std::string& token,
                      system_clock::time_point now = t0) {
  auto r = ks.verify(token, now, iss, aud);
  EXPECT_FALSE(r.has_value()) << token;
  return r.has_value() ? verify_error::malformed : r.error();
}

TEST(jwt, round_trip) {
  key_set ks = keys_a();
  EXPECT_EQ(ks.signing_kid(), "k1");
  claims c = sample();
  c.nbf = c.iat;
  std::string token = ks.sign(c);
  auto header = boost::json::parse(*base64::decode_url(token.substr(0, token.find('.'))));
  EXPECT_EQ(header, boost::json::parse(R"({"alg":"RS256","typ":"JWT","kid":"k1"})"));
  auto r = ks.verify(token, t0 + seconds(60), iss, aud);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_EQ(r->sub, c.sub);
  EXPECT_EQ(r->email, c.email);
  EXPECT_EQ(r->role, c.role);
  EXPECT_EQ(r->iat, c.iat);
  EXPECT_EQ(r->exp, c.exp);
  EXPECT_EQ(r->nbf, c.nbf);
  EXPECT_EQ(r->iss, c.iss);
  EXPECT_EQ(r->aud, c.aud);
  EXPECT_EQ(r->jti, c.jti);
  EXPECT_TRUE(ks.verify(sign_raw(pem_a(), good_header, good_payload), t0, iss, aud));
}

TEST(jwt, tampered_payload_or_signature_is_refused) {
  key_set ks = keys_a();
  std::string token = ks.sign(sample());
  auto d1 = token.find('.');
  auto d2 = token.rfind('.');
  std::string payload = *base64::decode_url(token.substr(d1 + 1, d2 - d1 - 1));
  payload.replace(payload.find("\"free\""), 6, "\"admin\"");
  std::string forged = token.substr(0, d1 + 1) + b64(payload) + token.substr(d2);
  EXPECT_EQ(error_of(ks, forged), verify_error::bad_signature);
  std::string flipped = token;
  flipped[d2 + 5] = flipped[d2 + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(error_of(ks, flipped), verify_error::bad_signature);
  EXPECT_EQ(error_of(ks, token.substr(0, d2 + 1)), verify_error::bad_signature);
}

// RFC 8725 / RFC 7519 section 4: a claim or header member named twice is refused, even under a
// valid signature of our own key (the last "role" used to win).
TEST(jwt, duplicate_members_are_refused_even_when_signed) {
  key_set ks = keys_a();
  std::string payload(good_payload);
  payload.insert(payload.size() - 1, R"(,"role":"admin")");
  EXPECT_EQ(error_of(ks, sign_raw(pem_a(), good_header, payload)), verify_error::malformed);
  EXPECT_EQ(error_of(ks, sign_raw(pem_a(), R"({"alg":"RS256","typ":"JWT","kid":"k1","kid":"k1"})",
                                  good_payload)),
            verify_error::malformed);
}

TEST(jwt, alg_none_and_other_algorithms_are_refused) {
  key_set ks = keys_a();
  std::string payload = b64(good_payload);
  for (std::string_view header :
       {R"({"alg":"none","typ":"JWT","kid":"k1"})", R"({"alg":"None","kid":"k1"})",
        R"({"alg":"RS512","kid":"k1"})", R"({"alg":"PS256","kid":"k1"})", R"({"kid":"k1"})",
        R"({"alg":["RS256"],"kid":"k1"})", R"({"alg":"RS256"})", R"({"alg":"RS256","kid":7})",
        R"({"alg":"RS256","typ":"at+jwt","kid":"k1"})",
        R"({"alg":"RS256","kid":"k1","crit":["exp"]})"}) {
    EXPECT_EQ(error_of(ks, b64(header) + "." + payload + "."), verify_error::bad_header) << header;
  }
  // A real RS256 signature does not rescue a header that says none.
  std::string signed_none = sign_raw(pem_a(), R"({"alg":"none","kid":"k1"})", good_payload);
  EXPECT_EQ(error_of(ks, signed_none), verify_error::bad_header);
}

TEST(jwt, hs256_signed_with_our_public_key_is_refused) {
  key_set ks = keys_a();
  std::string secret = ks.public_pem("k1");
  ASSERT_EQ(secret.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  std::string input = b64(R"({"alg":"HS256","typ":"JWT","kid":"k1"})") + "." + b64(good_payload);
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  std::string token = input + "." + b64(std::string_view(reinterpret_cast<char*>(mac), len));
  EXPECT_EQ(error_of(ks, token), verify_error::bad_header);
}

TEST(jwt, unknown_kid_and_foreign_key_are_refused) {
  key_set ks = keys_a();
  key_set other;
  other.add_pem("k9", pem_b());
  EXPECT_EQ(error_of(ks, other.sign(sample())), verify_error::unknown_kid);
  // Same kid, different key: the signature cannot match.
  key_set impostor;
  impostor.add_pem("k1", pem_b());
  EXPECT_EQ(error_of(ks, impostor.sign(sample())), verify_error::bad_signature);
}

TEST(jwt, time_claims_with_leeway) {
  key_set ks = keys_a();
  claims c = sample();  // iat = t0, exp = t0 + 900
  std::string token = ks.sign(c);
  EXPECT_TRUE(ks.verify(token, t0 + seconds(929), iss, aud));  // 30 s leeway
  EXPECT_EQ(error_of(ks, token, t0 + seconds(930)), verify_error::expired);
  EXPECT_EQ(error_of(ks, token, t0 + seconds(86400)), verify_error::expired);
  EXPECT_FALSE(ks.verify(token, t0 + seconds(900), iss, aud, seconds(0)));
  // iat in the future beyond leeway: not yet valid (clock skew or forgery).
  EXPECT_TRUE(ks.verify(token, t0 - seconds(30), iss, aud));
  EXPECT_EQ(error_of(ks, token, t0 - seconds(31)), verify_error::not_yet_valid);
  claims later = sample();
  later.nbf = later.iat + 300;
  std::string not_yet = ks.sign(later);
  EXPECT_EQ(error_of(ks, not_yet, t0 + seconds(200)), verify_error::not_yet_valid);
  EXPECT_TRUE(ks.verify(not_yet, t0 + seconds(300), iss, aud));
}

TEST(jwt, issuer_audience_and_required_claims) {
  key_set ks = keys_a();
  std::string token = ks.sign(sample());
  EXPECT_EQ(ks.verify(token, t0, "https://evil.test", aud).error(), verify_error::wrong_issuer);
  EXPECT_EQ(ks.verify(token, t0, iss, "other-service").error(), verify_error::wrong_audience);
  std::string array_aud =
      R"({"sub":"u1","email":"a@b.c","role":"free","iat":1767225600,"exp":1767226500,)"
      R"("iss":"https://api.ugoki.test","aud":["x","ugoki-app"],"jti":"j1"})";
  EXPECT_TRUE(ks.verify(sign_raw(pem_a(), good_header, array_aud), t0, iss, aud));
  for (std::string_view drop : {"sub", "email", "role", "iat", "exp", "iss", "aud", "jti"}) {
    auto obj = boost::json::parse(good_payload).as_object();
    obj.erase(drop);
    std::string t = sign_raw(pem_a(), good_header, boost::json::serialize(obj));
    EXPECT_EQ(error_of(ks, t), verify_error::missing_claim) << drop;
  }
  auto obj = boost::json::parse(good_payload).as_object();
  obj["exp"] = "1767226500";  // a string is not a NumericDate
  EXPECT_EQ(error_of(ks, sign_raw(pem_a(), good_header, boost::json::serialize(obj))),
            verify_error::missing_claim);
  obj = boost::json::parse(good_payload).as_object();
  obj["nbf"] = 1.5;
  EXPECT_EQ(error_of(ks, sign_raw(pem_a(), good_header, boost::json::serialize(obj))),
            verify_error::missing_claim);
}

TEST(jwt, malformed_tokens) {
  key_set ks = keys_a();
  std::string token = ks.sign(sample());
  for (const std::string& bad :
       {std::string(), std::string("abc"), std::string("a.b"), token + ".x", "!!!." + token,
        b64("not json") + ".e30.", b64("[1,2]") + ".e30.", std::string(9000, 'a')}) {
    EXPECT_EQ(error_of(ks, bad), verify_error::malformed) << bad.substr(0, 40);
  }
  std::string bad_payload = sign_raw(pem_a(), good_header, "not json");
  EXPECT_EQ(error_of(ks, bad_payload), verify_error::malformed);
}

TEST(jwt, rotation_keeps_old_tokens_valid_until_the_key_is_removed) {
  std::string old_token = keys_a().sign(sample());
  key_set ks;
  ks.add_pem("k2", pem_b());
  ks.add_pem("k1", keys_a().public_pem("k1"));  // the old key, verify-only now
  EXPECT_EQ(ks.signing_kid(), "k2");
  EXPECT_THROW(ks.set_signing_key("k1"), std::invalid_argument);
  EXPECT_TRUE(ks.verify(old_token, t0, iss, aud));
  std::string new_token = ks.sign(sample());
  EXPECT_NE(new_token.substr(0, new_token.find('.')), old_token.substr(0, old_token.find('.')));
  EXPECT_TRUE(ks.verify(new_token, t0, iss, aud));
  ks.remove("k1");
  EXPECT_EQ(error_of(ks, old_token), verify_error::unknown_kid);
  EXPECT_TRUE(ks.verify(new_token, t0, iss, aud));
  ks.remove("k2");
  EXPECT_EQ(ks.signing_kid(), "");
  EXPECT_THROW(ks.sign(sample()), std::logic_error);
}

TEST(jwt, jwks_lists_public_keys_only) {
  key_set ks = keys_a();
  key_set b;
  b.add_pem("x", pem_b());
  ks.add_pem("k2", b.public_pem("x"));  // a verify-only key is published too
  auto doc = boost::json::parse(ks.jwks_json()).as_object();
  auto& keys = doc.at("keys").as_array();
  ASSERT_EQ(keys.size(), 2u);
  for (auto& k : keys) {
    auto& o = k.as_object();
    EXPECT_EQ(o.at("kty"), "RSA");
    EXPECT_EQ(o.at("use"), "sig");
    EXPECT_EQ(o.at("alg"), "RS256");
    EXPECT_EQ(o.at("e"), "AQAB");                                        // 65537
    EXPECT_EQ(base64::decode_url(o.at("n").as_string())->size(), 256u);  // 2048 bits
    EXPECT_FALSE(o.contains("d"));  // never the private exponent
    EXPECT_EQ(o.size(), 6u);
  }
  EXPECT_EQ(keys[0].at("kid"), "k1");
  EXPECT_EQ(keys[1].at("kid"), "k2");
}

TEST(jwt, key_loading_refuses_bad_keys) {
  key_set ks;
  EXPECT_THROW(ks.add_pem("k1", "not a pem"), std::invalid_argument);
  EXPECT_THROW(ks.add_pem("", pem_a()), std::invalid_argument);
  ks.add_pem("k1", pem_a());
  EXPECT_THROW(ks.add_pem("k1", pem_b()), std::invalid_argument);
  EXPECT_THROW(ks.set_signing_key("nope"), std::invalid_argument);
  EXPECT_THROW(ks.public_pem("nope"), std::invalid_argument);
  EXPECT_THROW(ks.add_pem_file("k3", "/nonexistent/key.pem"), std::runtime_error);
  // An EC key and a short RSA key are not RS256 keys.
  for (EVP_PKEY* weak : {EVP_EC_gen("P-256"), EVP_RSA_gen(1024)}) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, weak, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    EXPECT_THROW(ks.add_pem("weak", std::string(data, static_cast<std::size_t>(len))),
                 std::invalid_argument);
    BIO_free(bio);
    EVP_PKEY_free(weak);
  }
  EXPECT_FALSE(ks.contains("weak"));
}

}  // namespace
}  // namespace ugoki::crypto::jwt
