// ES256 JWS with an x5c chain: the chain through OpenSSL's X509_verify_cert against a store that
// holds only the configured root, at a pinned time; the signature through EVP with the leaf's key.
#include "core/crypto/x5c.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/base64.hpp"
#include "core/crypto/detail/jose.hpp"
#include "core/crypto/detail/openssl.hpp"

namespace ugoki::crypto::x5c {
namespace {

namespace json = boost::json;

// Apple's signedPayload carries the signed transaction and renewal info inside: tens of KB at
// most. Anything far larger is an attack on the parser or memory.
constexpr std::size_t max_jws_size = 256 * 1024;
// Leaf, intermediate, and optionally the root itself: Apple sends three.
constexpr std::size_t min_chain = 2;
constexpr std::size_t max_chain = 5;

struct x509_free {
  void operator()(X509* p) const { X509_free(p); }
};
struct store_free {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct store_ctx_free {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct stack_free {
  void operator()(STACK_OF(X509) * p) const { sk_X509_free(p); }  // the certs are owned apart
};
struct sig_free {
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
struct obj_free {
  void operator()(ASN1_OBJECT* p) const { ASN1_OBJECT_free(p); }
};
using x509_ptr = std::unique_ptr<X509, x509_free>;

// base64 (standard, padded: RFC 7515 4.1.6) DER -> certificate; every byte must be consumed.
x509_ptr decode_certificate(std::string_view b64) {
  auto der = base64::decode(b64, base64::variant::standard);
  if (!der || der->empty()) {
    return nullptr;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  x509_ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der->size())));
  if (!cert || p != reinterpret_cast<const unsigned char*>(der->data()) + der->size()) {
    ERR_clear_error();
    return nullptr;
  }
  return cert;
}

bool has_extension(X509* cert, const std::string& oid) {
  if (oid.empty()) {
    return true;
  }
  std::unique_ptr<ASN1_OBJECT, obj_free> obj(OBJ_txt2obj(oid.c_str(), 1));
  return obj && X509_get_ext_by_OBJ(cert, obj.get(), -1) >= 0;
}

// True for an EC key on P-256, the only curve ES256 allows (RFC 7518 3.4).
bool is_p256(EVP_PKEY* key) {
  char group[64] = {};
  std::size_t len = 0;
  return key != nullptr && EVP_PKEY_is_a(key, "EC") == 1 &&
         EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1 &&
         std::strcmp(group, "prime256v1") == 0;
}

// JOSE's raw r||s (32 + 32 bytes) as the DER ECDSA-Sig-Value EVP verifies.
std::optional<std::string> raw_to_der(std::string_view raw) {
  if (raw.size() != 64) {
    return std::nullopt;
  }
  std::unique_ptr<ECDSA_SIG, sig_free> sig(ECDSA_SIG_new());
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  BIGNUM* r = BN_bin2bn(bytes, 32, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + 32, 32, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ERR_clear_error();
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) {
    ERR_clear_error();
    return std::nullopt;
  }
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::string_view to_string(refusal r) {
  switch (r) {
    case refusal::malformed:
      return "malformed";
    case refusal::bad_header:
      return "bad_header";
    case refusal::short_chain:
      return "short_chain";
    case refusal::bad_certificate:
      return "bad_certificate";
    case refusal::untrusted_chain:
      return "untrusted_chain";
    case refusal::expired:
      return "expired";
    case refusal::wrong_key:
      return "wrong_key";
    case refusal::bad_signature:
      return "bad_signature";
  }
  return "unknown";
}

void throw_exception_from_error(refusal r, const boost::source_location&) {
  throw std::runtime_error("x5c: " + std::string(to_string(r)));
}

verifier::verifier(std::string_view root_pem, required_oids oids) : oids_(std::move(oids)) {
  detail::bio_ptr bio(BIO_new_mem_buf(root_pem.data(), static_cast<int>(root_pem.size())));
  X509* root = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (root == nullptr) {
    ERR_clear_error();
    throw std::invalid_argument("x5c: the root is not a PEM X.509 certificate");
  }
  root_.reset(root, X509_free);
}

verifier verifier::from_file(const std::filesystem::path& path, required_oids oids) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("x5c: cannot read the root certificate " + path.string());
  }
  std::ostringstream pem;
  pem << in.rdbuf();
  return verifier(pem.str(), std::move(oids));
}

boost::system::result<std::string, refusal> verifier::verify(
    std::string_view jws, std::chrono::system_clock::time_point now, chain_time when) const {
  if (jws.size() > max_jws_size) {
    return refusal::malformed;
  }
  auto parts = detail::split_compact(jws);
  auto header = parts ? detail::decode_object(parts->header) : std::nullopt;
  auto payload_bytes = parts ? base64::decode_url(parts->payload) : std::nullopt;
  auto payload = parts ? detail::decode_object(parts->payload) : std::nullopt;
  auto signature = parts ? base64::decode_url(parts->signature) : std::nullopt;
  if (!header || !payload || !signature) {
    return refusal::malformed;
  }

  // The algorithm is ours to choose: anything but ES256 is refused before any key is touched.
  const json::string* alg = detail::get_string(*header, "alg");
  if (alg == nullptr || *alg != "ES256" || header->contains("crit")) {
    return refusal::bad_header;
  }
  const json::value* x5c = header->if_contains("x5c");
  if (x5c == nullptr || (x5c->is_array() && x5c->as_array().size() < min_chain)) {
    return refusal::short_chain;
  }
  if (!x5c->is_array() || x5c->as_array().size() > max_chain) {
    return refusal::bad_header;
  }
  std::vector<x509_ptr> chain;
  for (const json::value& entry : x5c->as_array()) {
    if (!entry.is_string()) {
      return refusal::bad_header;
    }
    auto cert = decode_certificate(entry.get_string());
    if (!cert) {
      return refusal::bad_certificate;
    }
    chain.push_back(std::move(cert));
  }

  // The time the validity periods are checked at: Apple's signedDate is in milliseconds.
  std::int64_t at =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (when == chain_time::signed_date && payload->contains("signedDate")) {
    auto ms = detail::get_int(*payload, "signedDate");
    if (!ms || *ms < 0) {
      return refusal::malformed;
    }
    at = *ms / 1000;
  }

  std::unique_ptr<X509_STORE, store_free> store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), stack_free> untrusted(sk_X509_new_null());
  std::unique_ptr<X509_STORE_CTX, store_ctx_free> ctx(X509_STORE_CTX_new());
  if (!store || !untrusted || !ctx || X509_STORE_add_cert(store.get(), root_.get()) != 1) {
    detail::throw_openssl("x509 store");
  }
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (sk_X509_push(untrusted.get(), chain[i].get()) <= 0) {
      detail::throw_openssl("x509 stack");
    }
  }
  if (X509_STORE_CTX_init(ctx.get(), store.get(), chain[0].get(), untrusted.get()) != 1) {
    detail::throw_openssl("x509 store ctx");
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(at));
  if (X509_verify_cert(ctx.get()) != 1) {
    int err = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    if (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID) {
      return refusal::expired;
    }
    return refusal::untrusted_chain;
  }
  if (!has_extension(chain[0].get(), oids_.leaf) ||
      !has_extension(chain[1].get(), oids_.intermediate)) {
    return refusal::wrong_key;
  }

  EVP_PKEY* key = X509_get0_pubkey(chain[0].get());
  if (!is_p256(key)) {
    ERR_clear_error();
    return refusal::wrong_key;
  }
  auto der = raw_to_der(*signature);
  if (!der) {
    return refusal::bad_signature;
  }
  detail::md_ctx_ptr md(EVP_MD_CTX_new());
  bool valid =
      md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(der->data()), der->size(),
                       reinterpret_cast<const unsigned char*>(parts->signing_input.data()),
                       parts->signing_input.size()) == 1;
  if (!valid) {
    ERR_clear_error();
    return refusal::bad_signature;
  }
  return std::move(*payload_bytes);
}

}  // namespace ugoki::crypto::x5c
