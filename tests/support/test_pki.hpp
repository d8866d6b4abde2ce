// A throwaway PKI for tests, made at test time with OpenSSL: EC P-256 keys, a root CA, an
// intermediate and leaves with chosen validity and extensions, PEM/DER encodings, ES256 JWS.
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base64.hpp"

namespace ugoki::test_pki {

struct pkey_deleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_deleter {
  void operator()(X509* p) const { X509_free(p); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, pkey_deleter>;
using cert_ptr = std::unique_ptr<X509, x509_deleter>;

inline void check(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("test_pki: ") + what);
  }
}

inline key_ptr ec_key(const char* curve = "P-256") {
  key_ptr k(EVP_EC_gen(curve));
  check(k != nullptr, "EVP_EC_gen");
  return k;
}

inline key_ptr rsa_key(unsigned bits = 2048) {
  key_ptr k(EVP_RSA_gen(bits));
  check(k != nullptr, "EVP_RSA_gen");
  return k;
}

struct cert_spec {
  std::string common_name;
  bool ca = false;
  // Validity relative to the real now (X509 times are wall-clock by nature).
  std::chrono::seconds not_before{-30 * 24 * 3600};
  std::chrono::seconds not_after{30 * 24 * 3600};
  std::vector<std::string> extra_oids;  // added as non-critical extensions holding ASN.1 NULL
  std::string subject_alt_name;         // e.g. "IP:127.0.0.1"
};

// A certificate for `key` under `spec`, signed by `issuer_key` (self-signed when `issuer` is
// null; then issuer_key must be `key`'s private half).
inline cert_ptr make_cert(const cert_spec& spec, EVP_PKEY* key, X509* issuer,
                          EVP_PKEY* issuer_key) {
  static long serial = 1;
  cert_ptr c(X509_new());
  check(c != nullptr, "X509_new");
  X509_set_version(c.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), static_cast<long>(spec.not_before.count()));
  X509_gmtime_adj(X509_getm_notAfter(c.get()), static_cast<long>(spec.not_after.count()));
  X509_set_pubkey(c.get(), key);
  X509_NAME* name = X509_get_subject_name(c.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(c.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, issuer != nullptr ? issuer : c.get(), c.get(), nullptr, nullptr, 0);
  auto add = [&](int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    check(ext != nullptr && X509_add_ext(c.get(), ext, -1) == 1, "extension");
    X509_EXTENSION_free(ext);
  };
  add(NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add(NID_key_usage, spec.ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  add(NID_subject_key_identifier, "hash");
  if (!spec.subject_alt_name.empty()) {
    add(NID_subject_alt_name, spec.subject_alt_name.c_str());
  }
  for (const std::string& oid : spec.extra_oids) {
    ASN1_OBJECT* obj = OBJ_txt2obj(oid.c_str(), 1);
    static const unsigned char asn1_null[] = {0x05, 0x00};
    ASN1_OCTET_STRING* data = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(data, asn1_null, sizeof asn1_null);
    X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, obj, 0, data);
    check(ext != nullptr && X509_add_ext(c.get(), ext, -1) == 1, "oid extension");
    X509_EXTENSION_free(ext);
    ASN1_OCTET_STRING_free(data);
    ASN1_OBJECT_free(obj);
  }
  check(X509_sign(c.get(), issuer_key, EVP_sha256()) > 0, "X509_sign");
  return c;
}

inline std::string cert_pem(X509* c) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, c);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

inline std::string private_key_pem(EVP_PKEY* k) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

inline std::string public_key_pem(EVP_PKEY* k) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, k);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

// The x5c spelling of a certificate: standard base64 of its DER.
inline std::string cert_der_base64(X509* c) {
  unsigned char* der = nullptr;
  int len = i2d_X509(c, &der);
  check(len > 0, "i2d_X509");
  std::string out =
      base64::encode(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(len)),
                     base64::variant::standard);
  OPENSSL_free(der);
  return out;
}

// Signs `input` with `key`: SHA-256 then the key's scheme (PKCS#1 v1.5 for RSA, DER ECDSA).
inline std::string sign_sha256(EVP_PKEY* key, std::string_view input) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  std::size_t len = 0;
  check(EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key) == 1, "DigestSignInit");
  check(EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1,
        "DigestSign size");
  std::string sig(len, '\0');
  check(EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1,
        "DigestSign");
  EVP_MD_CTX_free(md);
  sig.resize(len);
  return sig;
}

// A compact ES256 JWS of `payload_json` under `header_json`: the DER ECDSA signature turned into
// JOSE's raw r||s, 32 bytes each.
inline std::string sign_es256(EVP_PKEY* key, std::string_view header_json,
                              std::string_view payload_json) {
  std::string input = base64::encode_url(header_json) + "." + base64::encode_url(payload_json);
  std::string der = sign_sha256(key, input);
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  check(sig != nullptr, "d2i_ECDSA_SIG");
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return input + "." + base64::encode_url(raw);
}

// The public half of an RSA key as a JWK ({"kty":"RSA","alg":"RS256","use":"sig","kid",...}).
inline std::string rsa_jwk(EVP_PKEY* k, const std::string& kid) {
  auto b64 = [k](const char* name) {
    BIGNUM* bn = nullptr;
    check(EVP_PKEY_get_bn_param(k, name, &bn) == 1, "get_bn_param");
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return base64::encode_url(bytes);
  };
  return R"({"kty":"RSA","alg":"RS256","use":"sig","kid":")" + kid + R"(","n":")" +
         b64(OSSL_PKEY_PARAM_RSA_N) + R"(","e":")" + b64(OSSL_PKEY_PARAM_RSA_E) + R"("})";
}

}  // namespace ugoki::test_pki
