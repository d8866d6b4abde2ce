// OpenSSL ownership helpers shared by the crypto sources (internal to core/crypto).
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace ugoki::crypto::detail {

struct pkey_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct cipher_ctx_free {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
struct bio_free {
  void operator()(BIO* p) const { BIO_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_free>;
using cipher_ctx_ptr = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;
using bio_ptr = std::unique_ptr<BIO, bio_free>;

// Throws std::runtime_error naming `what`, after clearing this thread's OpenSSL error queue so
// a stale entry cannot be blamed on a later, unrelated call (TLS reads the same queue).
[[noreturn]] inline void throw_openssl(const std::string& what) {
  ERR_clear_error();
  throw std::runtime_error("openssl: " + what);
}

// The bytes written to a memory BIO, as a string.
inline std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace ugoki::crypto::detail
