// ES256 JWS with an x5c chain, against a CA, intermediate and leaf made at test time: the
// accepted case and every refusal (algorithm, chain length, other root, validity, key, tampering).
// The header under test comes first: it must be self-contained.
#include "core/crypto/x5c.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "support/test_pki.hpp"

namespace ugoki::crypto::x5c {
namespace {

using namespace std::chrono_literals;
namespace pki = ugoki::test_pki;

constexpr const char* apple_leaf_oid = "1.2.840.113635.100.6.11.1";
constexpr const char* apple_intermediate_oid = "1.2.840.113635.100.6.2.1";

std::int64_t x5c_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A hierarchy like Apple's: root -> intermediate -> leaf, each with its own P-256 key.
struct x5c_hierarchy {
  explicit x5c_hierarchy(const std::string& name, pki::cert_spec leaf_spec = {},
                         bool intermediate_is_ca = true)
      : root_key(pki::ec_key()), intermediate_key(pki::ec_key()), leaf_key(pki::ec_key()) {
    root = pki::make_cert({.common_name = name + " Root", .ca = true}, root_key.get(), nullptr,
                          root_key.get());
    intermediate = pki::make_cert({.common_name = name + " Intermediate",
                                   .ca = intermediate_is_ca,
                                   .extra_oids = {apple_intermediate_oid}},
                                  intermediate_key.get(), root.get(), root_key.get());
    if (leaf_spec.common_name.empty()) {
      leaf_spec.common_name = name + " Leaf";
    }
    leaf = pki::make_cert(leaf_spec, leaf_key.get(), intermediate.get(), intermediate_key.get());
  }
  std::string header(const char* alg = "ES256") const {
    return std::string(R"({"alg":")") + alg + R"(","x5c":[")" + pki::cert_der_base64(leaf.get()) +
           R"(",")" + pki::cert_der_base64(intermediate.get()) + R"(",")" +
           pki::cert_der_base64(root.get()) + R"("]})";
  }
  std::string sign(std::string_view payload) const {
    return pki::sign_es256(leaf_key.get(), header(), payload);
  }
  pki::key_ptr root_key, intermediate_key, leaf_key;
  pki::cert_ptr root, intermediate, leaf;
};

std::string x5c_payload(std::int64_t signed_date_ms) {
  return R"({"notificationType":"DID_RENEW","signedDate":)" + std::to_string(signed_date_ms) +
         R"(,"data":{"bundleId":"app.ugoki"}})";
}

TEST(x5c_verify, accepts_a_chain_to_the_root_and_answers_the_payload) {
  x5c_hierarchy apple("Test Apple");
  verifier v(pki::cert_pem(apple.root.get()));
  std::string payload = x5c_payload(x5c_now_ms());
  auto got = v.verify(apple.sign(payload), std::chrono::system_clock::now());
  ASSERT_TRUE(got.has_value()) << to_string(got.error());
  EXPECT_EQ(*got, payload);
}

TEST(x5c_verify, a_chain_without_the_root_itself_verifies_too) {
  x5c_hierarchy apple("Test Apple");
  verifier v(pki::cert_pem(apple.root.get()));
  std::string header = R"({"alg":"ES256","x5c":[")" + pki::cert_der_base64(apple.leaf.get()) +
                       R"(",")" + pki::cert_der_base64(apple.intermediate.get()) + R"("]})";
  auto got = v.verify(pki::sign_es256(apple.leaf_key.get(), header, "{}"),
                      std::chrono::system_clock::now());
  EXPECT_TRUE(got.has_value());
}

TEST(x5c_verify, refuses_any_algorithm_but_es256) {
  x5c_hierarchy apple("Test Apple");
  verifier v(pki::cert_pem(apple.root.get()));
  for (const char* alg : {"RS256", "ES384", "none", "HS256", "es256"}) {
    auto jws = pki::sign_es256(apple.leaf_key.get(), apple.header(alg), "{}");
    auto got = v.verify(jws, std::chrono::system_clock::now());
    ASSERT_FALSE(got.has_value()) << alg;
    EXPECT_EQ(got.error(), refusal::bad_header) << alg;
  }
  auto crit =
      pki::sign_es256(apple.leaf_key.get(), apple.header().insert(1, R"("crit":["exp"],)"), "{}");
  EXPECT_EQ(v.verify(crit, std::chrono::system_clock::now()).error(), refusal::bad_header);
}

TEST(x5c_verify, refuses_a_missing_or_short_chain_and_entries_that_are_not_certificates) {
  x5c_hierarchy apple("Test Apple");
  verifier v(pki::cert_pem(apple.root.get()));
  auto now = std::chrono::system_clock::now();
  auto k = apple.leaf_key.get();
  EXPECT_EQ(v.verify(pki::sign_es256(k, R"({"alg":"ES256"})", "{}"), now).error(),
            refusal::short_chain);
  EXPECT_EQ(v.verify(pki::sign_es256(k, R"({"alg":"ES256","x5c":[]})", "{}"), now).error(),
            refusal::short_chain);
  std::string leaf_only =
      R"({"alg":"ES256","x5c":[")" + pki::cert_der_base64(apple.leaf.get()) + R"("]})";
  EXPECT_EQ(v.verify(pki::sign_es256(k, leaf_only, "{}"), now).error(), refusal::short_chain);
  EXPECT_EQ(v.verify(pki::sign_es256(k, R"({"alg":"ES256","x5c":"abc"})", "{}"), now).error(),
            refusal::bad_header);
  std::string not_der = R"({"alg":"ES256","x5c":["aGVsbG8=","aGVsbG8="]})";
  EXPECT_EQ(v.verify(pki::sign_es256(k, not_der, "{}"), now).error(), refusal::bad_certificate);
  EXPECT_EQ(v.verify("not.a jws", now).error(), refusal::malformed);
  EXPECT_EQ(v.verify("a.b", now).error(), refusal::malformed);
}

TEST(x5c_verify, refuses_a_chain_to_another_root) {
  x5c_hierarchy apple("Test Apple");
  x5c_hierarchy impostor("Impostor");
  verifier v(pki::cert_pem(apple.root.get()));
  auto now = std::chrono::system_clock::now();
  EXPECT_EQ(v.verify(impostor.sign("{}"), now).error(), refusal::untrusted_chain);

  // The impostor's leaf and intermediate with the real root appended: still not our chain.
  std::string header = R"({"alg":"ES256","x5c":[")" + pki::cert_der_base64(impostor.leaf.get()) +
                       R"(",")" + pki::cert_der_base64(impostor.intermediate.get()) + R"(",")" +
                       pki::cert_der_base64(apple.root.get()) + R"("]})";
  EXPECT_EQ(v.verify(pki::sign_es256(impostor.leaf_key.get(), header, "{}"), now).error(),
            refusal::untrusted_chain);
}

TEST(x5c_verify, refuses_a_leaf_issued_by_a_certificate_that_is_not_a_ca) {
  x5c_hierarchy apple("Test Apple", {}, /*intermediate_is_ca=*/false);
  verifier v(pki::cert_pem(apple.root.get()));
  EXPECT_EQ(v.verify(apple.sign("{}"), std::chrono::system_clock::now()).error(),
            refusal::untrusted_chain);
}

TEST(x5c_verify, checks_validity_at_the_signed_date_or_at_the_time_given) {
  // The leaf expired an hour ago; the notification was signed two hours ago, while it was valid.
  x5c_hierarchy apple("Test Apple", {.not_before = -48h, .not_after = -1h});
  verifier v(pki::cert_pem(apple.root.get()));
  auto now = std::chrono::system_clock::now();
  auto signed_then = apple.sign(x5c_payload(x5c_now_ms() - 2 * 3600 * 1000));
  EXPECT_TRUE(v.verify(signed_then, now, chain_time::signed_date).has_value());
  EXPECT_EQ(v.verify(signed_then, now, chain_time::given).error(), refusal::expired);
  auto signed_now = apple.sign(x5c_payload(x5c_now_ms()));
  EXPECT_EQ(v.verify(signed_now, now).error(), refusal::expired);
  // No signedDate: `now` decides.
  EXPECT_EQ(v.verify(apple.sign("{}"), now).error(), refusal::expired);
  EXPECT_EQ(v.verify(apple.sign(R"({"signedDate":"yesterday"})"), now).error(), refusal::malformed);

  x5c_hierarchy early("Test Apple", {.not_before = 3600s, .not_after = 7200s});
  verifier v2(pki::cert_pem(early.root.get()));
  EXPECT_EQ(v2.verify(early.sign("{}"), now).error(), refusal::expired) << "not yet valid";
}

TEST(x5c_verify, refuses_a_tampered_payload_or_signature) {
  x5c_hierarchy apple("Test Apple");
  verifier v(pki::cert_pem(apple.root.get()));
  auto now = std::chrono::system_clock::now();
  std::string jws = apple.sign(R"({"productId":"monthly"})");
  auto dot1 = jws.find('.');
  auto dot2 = jws.find('.', dot1 + 1);

  std::string other_payload =
      jws.substr(0, dot1 + 1) + base64::encode_url(R"({"productId":"yearly"})") + jws.substr(dot2);
  EXPECT_EQ(v.verify(other_payload, now).error(), refusal::bad_signature);

  std::string sig = *base64::decode_url(jws.substr(dot2 + 1));
  sig[10] = static_cast<char>(sig[10] ^ 0x01);
  EXPECT_EQ(v.verify(jws.substr(0, dot2 + 1) + base64::encode_url(sig), now).error(),
            refusal::bad_signature);
  // A DER signature (what OpenSSL makes) is not JOSE's raw r||s.
  std::string der = pki::sign_sha256(apple.leaf_key.get(), jws.substr(0, dot2));
  EXPECT_EQ(v.verify(jws.substr(0, dot2 + 1) + base64::encode_url(der), now).error(),
            refusal::bad_signature);
  // Signed by the intermediate's key, not the leaf's.
  EXPECT_EQ(
      v.verify(pki::sign_es256(apple.intermediate_key.get(), apple.header(), "{}"), now).error(),
      refusal::bad_signature);
}

TEST(x5c_verify, checks_the_leaf_key_and_the_required_extensions) {
  auto now = std::chrono::system_clock::now();
  x5c_hierarchy apple("Test Apple", {.extra_oids = {apple_leaf_oid}});
  verifier apple_policy(pki::cert_pem(apple.root.get()), {apple_leaf_oid, apple_intermediate_oid});
  EXPECT_TRUE(apple_policy.verify(apple.sign("{}"), now).has_value());

  x5c_hierarchy plain("Test Apple");
  verifier plain_policy(pki::cert_pem(plain.root.get()), {apple_leaf_oid, apple_intermediate_oid});
  EXPECT_EQ(plain_policy.verify(plain.sign("{}"), now).error(), refusal::wrong_key);

  // A P-384 leaf cannot make an ES256 signature.
  x5c_hierarchy p384("Test Apple");
  p384.leaf_key = pki::ec_key("P-384");
  p384.leaf = pki::make_cert({.common_name = "P-384 leaf"}, p384.leaf_key.get(),
                             p384.intermediate.get(), p384.intermediate_key.get());
  verifier v(pki::cert_pem(p384.root.get()));
  EXPECT_EQ(v.verify(p384.sign("{}"), now).error(), refusal::wrong_key);
}

TEST(x5c_verify, the_root_must_be_a_pem_certificate) {
  EXPECT_THROW(verifier("not a certificate"), std::invalid_argument);
  EXPECT_THROW(verifier::from_file("/nonexistent/AppleRootCA-G3.pem"), std::runtime_error);
}

}  // namespace
}  // namespace ugoki::crypto::x5c
