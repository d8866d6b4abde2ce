// RS256 compact JWS with OpenSSL 3 EVP: signing, verifying, and the RSA keys (PEM, JWK).
#include "core/crypto/jws.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "core/base64.hpp"
#include "core/crypto/detail/openssl.hpp"

namespace ugoki::crypto::jws {
namespace {

// Refuses to prompt for a passphrase: OpenSSL's default callback would read the terminal.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

}  // namespace

std::shared_ptr<EVP_PKEY> load_rsa_private_key(std::string_view pem) {
  detail::bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    detail::throw_openssl("BIO_new_mem_buf");
  }
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  ERR_clear_error();
  if (key == nullptr) {
    throw std::invalid_argument("the private key is not a PEM private key");
  }
  std::shared_ptr<EVP_PKEY> out(key, EVP_PKEY_free);
  if (EVP_PKEY_is_a(key, "RSA") != 1 || EVP_PKEY_get_bits(key) < 2048) {
    throw std::invalid_argument("the private key is not an RSA key of at least 2048 bits");
  }
  return out;
}

std::string sign_rs256(EVP_PKEY& key, std::string_view header_json, std::string_view payload_json) {
  std::string input = base64::encode_url(header_json) + "." + base64::encode_url(payload_json);
  detail::md_ctx_ptr ctx(EVP_MD_CTX_new());
  std::size_t sig_len = 0;
  // RSA keys default to PKCS#1 v1.5 padding, which is what RS256 is (RFC 7518 3.3).
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, &key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &sig_len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    detail::throw_openssl("EVP_DigestSign init");
  }
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    detail::throw_openssl("EVP_DigestSign");
  }
  sig.resize(sig_len);
  return input + "." + base64::encode_url(sig);
}

std::shared_ptr<EVP_PKEY> rsa_public_key_from_jwk(std::string_view n, std::string_view e) {
  auto n_bytes = base64::decode_url(n);
  auto e_bytes = base64::decode_url(e);
  if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty()) {
    throw std::invalid_argument("jwk: n or e is not base64url");
  }
  auto bn = [](const std::string& bytes) {
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<int>(bytes.size()), nullptr);
  };
  BIGNUM* bn_n = bn(*n_bytes);
  BIGNUM* bn_e = bn(*e_bytes);
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM* params = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* key = nullptr;
  bool ok = bn_n != nullptr && bn_e != nullptr && build != nullptr && ctx != nullptr &&
            OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
            OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1 &&
            (params = OSSL_PARAM_BLD_to_param(build)) != nullptr &&
            EVP_PKEY_fromdata_init(ctx) == 1 &&
            EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  EVP_PKEY_CTX_free(ctx);
  BN_free(bn_n);
  BN_free(bn_e);
  ERR_clear_error();
  if (!ok || key == nullptr) {
    EVP_PKEY_free(key);
    throw std::invalid_argument("jwk: not an RSA public key");
  }
  std::shared_ptr<EVP_PKEY> out(key, EVP_PKEY_free);
  if (EVP_PKEY_get_bits(key) < 2048) {
    throw std::invalid_argument("jwk: the RSA key is shorter than 2048 bits");
  }
  return out;
}

bool verify_rs256(EVP_PKEY& key, std::string_view signing_input, std::string_view signature) {
  detail::md_ctx_ptr ctx(EVP_MD_CTX_new());
  bool valid = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, &key) == 1 &&
               EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                signature.size(),
                                reinterpret_cast<const unsigned char*>(signing_input.data()),
                                signing_input.size()) == 1;
  ERR_clear_error();
  return valid;
}

}  // namespace ugoki::crypto::jws
