// key_set management: loading RSA keys from PEM, dev key generation, and the JWKS document.
#include "core/crypto/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/base64.hpp"
#include "core/crypto/detail/openssl.hpp"

namespace ugoki::crypto::jwt {
namespace {

// Refuses to prompt for a passphrase: OpenSSL's default callback would read the terminal.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

detail::pkey_ptr read_pem(std::string_view pem, bool& is_private) {
  detail::bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    detail::throw_openssl("BIO_new_mem_buf");
  }
  detail::pkey_ptr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  is_private = key != nullptr;
  if (!key) {
    bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr));
  }
  // A failed first attempt leaves entries in the error queue even when the second succeeds.
  ERR_clear_error();
  return key;
}

std::string bn_param_b64(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) {
    detail::throw_openssl("EVP_PKEY_get_bn_param");
  }
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return base64::encode_url(bytes);
}

}  // namespace

std::string_view to_string(verify_error e) {
  switch (e) {
    case verify_error::malformed:
      return "malformed";
    case verify_error::bad_header:
      return "bad_header";
    case verify_error::unknown_kid:
      return "unknown_kid";
    case verify_error::bad_signature:
      return "bad_signature";
    case verify_error::expired:
      return "expired";
    case verify_error::not_yet_valid:
      return "not_yet_valid";
    case verify_error::wrong_issuer:
      return "wrong_issuer";
    case verify_error::wrong_audience:
      return "wrong_audience";
    case verify_error::missing_claim:
      return "missing_claim";
  }
  return "unknown";
}

void throw_exception_from_error(verify_error e, const boost::source_location&) {
  throw std::runtime_error("jwt rejected: " + std::string(to_string(e)));
}

std::string generate_dev_key() {
  detail::pkey_ptr key(EVP_RSA_gen(2048));
  if (!key) {
    detail::throw_openssl("EVP_RSA_gen");
  }
  detail::bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    detail::throw_openssl("PEM_write_bio_PrivateKey");
  }
  return detail::bio_contents(bio.get());
}

void key_set::add_pem(std::string kid, std::string_view pem) {
  if (kid.empty() || keys_.contains(kid)) {
    throw std::invalid_argument("jwt key id is empty or already loaded: '" + kid + "'");
  }
  bool is_private = false;
  detail::pkey_ptr pkey = read_pem(pem, is_private);
  if (!pkey) {
    throw std::invalid_argument("jwt key '" + kid + "': not a PEM private or public key");
  }
  // RSA only (RS256), and at least 2048 bits (NIST SP 800-131A; RFC 7518 section 3.3).
  if (EVP_PKEY_is_a(pkey.get(), "RSA") != 1 || EVP_PKEY_get_bits(pkey.get()) < 2048) {
    throw std::invalid_argument("jwt key '" + kid + "': RS256 needs an RSA key of 2048+ bits");
  }
  if (is_private && signing_kid_.empty()) {
    signing_kid_ = kid;
  }
  keys_.emplace(std::move(kid),
                key{std::shared_ptr<EVP_PKEY>(pkey.release(), EVP_PKEY_free), is_private});
}

void key_set::add_pem_file(std::string kid, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read jwt key file " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  add_pem(std::move(kid), text.str());
}

void key_set::set_signing_key(std::string_view kid) {
  auto it = keys_.find(kid);
  if (it == keys_.end() || !it->second.can_sign) {
    throw std::invalid_argument("jwt signing key must be a loaded private key: '" +
                                std::string(kid) + "'");
  }
  signing_kid_ = it->first;
}

void key_set::remove(std::string_view kid) {
  auto it = keys_.find(kid);
  if (it == keys_.end()) {
    return;
  }
  if (signing_kid_ == kid) {
    signing_kid_.clear();
  }
  keys_.erase(it);
}

bool key_set::contains(std::string_view kid) const {
  return keys_.find(kid) != keys_.end();
}

std::string key_set::public_pem(std::string_view kid) const {
  auto it = keys_.find(kid);
  if (it == keys_.end()) {
    throw std::invalid_argument("unknown jwt key id '" + std::string(kid) + "'");
  }
  detail::bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), it->second.pkey.get()) != 1) {
    detail::throw_openssl("PEM_write_bio_PUBKEY");
  }
  return detail::bio_contents(bio.get());
}

std::string key_set::jwks_json() const {
  boost::json::array keys;
  for (const auto& [kid, k] : keys_) {
    keys.push_back(boost::json::object{
        {"kty", "RSA"},
        {"use", "sig"},
        {"alg", "RS256"},
        {"kid", kid},
        {"n", bn_param_b64(k.pkey.get(), OSSL_PKEY_PARAM_RSA_N)},
        {"e", bn_param_b64(k.pkey.get(), OSSL_PKEY_PARAM_RSA_E)},
    });
  }
  return boost::json::serialize(boost::json::object{{"keys", std::move(keys)}});
}

}  // namespace ugoki::crypto::jwt
