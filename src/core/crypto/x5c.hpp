// Compact JWS signed with ES256 by the leaf of an `x5c` certificate chain (RFC 7515 4.1.6), as
// Apple signs App Store Server Notifications v2, transactions and renewal info: the chain is
// verified up to one configured root, then the signature with the leaf's key.
#pragma once

#include <openssl/types.h>

#include <boost/system/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::crypto::x5c {

// Why a JWS was refused. A webhook answers 4xx for any of them and changes nothing; the name is
// for logs and metrics.
enum class refusal {
  malformed,        // not three base64url parts, header or payload not a JSON object, too long
  bad_header,       // alg other than ES256, crit present, x5c not an array of strings
  short_chain,      // x5c missing or with fewer than 2 certificates (leaf and intermediate)
  bad_certificate,  // an x5c entry is not base64 DER of an X.509 certificate
  untrusted_chain,  // the chain does not lead to the configured root, or a CA is not a CA
  expired,          // a certificate of the chain is expired or not yet valid at the time asked
  wrong_key,        // the leaf's key is not EC P-256, or lacks a required extension
  bad_signature,    // the signature does not match header.payload under the leaf's key
};

// A stable lowercase name for `r` ("untrusted_chain").
std::string_view to_string(refusal r);

// Lets result<std::string, refusal>::value() throw (std::runtime_error naming the refusal).
[[noreturn]] void throw_exception_from_error(refusal r, const boost::source_location& loc);

// At which time the chain's validity periods are checked.
enum class chain_time {
  given,        // `now` as passed to verify()
  signed_date,  // the payload's signedDate (milliseconds since the epoch, as Apple sends it),
                // or `now` when the payload has none: an old notification stays verifiable after
                // its leaf expired, as Apple's own library verifies them offline
};

// Extensions the chain must carry, by dotted OID; empty strings check nothing. Apple's:
// leaf 1.2.840.113635.100.6.11.1, intermediate 1.2.840.113635.100.6.2.1.
struct required_oids {
  std::string leaf;
  std::string intermediate;
};

// One trusted root and the policy. Immutable after construction; verify() may run concurrently
// on any threads (copies share the root).
class verifier {
 public:
  // `root_pem`: one PEM certificate (Apple Root CA G3 in production, a test's own CA in tests).
  // Throws std::invalid_argument when it is not a PEM X.509 certificate.
  explicit verifier(std::string_view root_pem, required_oids oids = {});
  // verifier(contents of `path`); throws std::runtime_error when it cannot be read.
  static verifier from_file(const std::filesystem::path& path, required_oids oids = {});

  // Verifies `jws` and answers its payload: the JSON text of an object (parse it with
  // json::parse_object). Checks, in order: the form, the header (alg exactly ES256, never chosen
  // from the token), the x5c chain (leaf first; the leaf must chain through the rest to the
  // configured root at the chosen time), the leaf's key (EC P-256), then the signature (JOSE
  // raw r||s, 64 bytes). Never throws for the token's content.
  boost::system::result<std::string, refusal> verify(
      std::string_view jws, std::chrono::system_clock::time_point now,
      chain_time when = chain_time::signed_date) const;

 private:
  std::shared_ptr<X509> root_;
  required_oids oids_;
};

}  // namespace ugoki::crypto::x5c
