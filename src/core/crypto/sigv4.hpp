// AWS Signature Version 4 (HMAC-SHA256): canonical request, string to sign, signing key and
// signature, and S3-style presigned URLs (query-string authentication). Pure functions over
// their arguments: no clock, no I/O. Checked against AWS's published vectors
// (tests/unit/crypto/sigv4_test.cpp).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ugoki::crypto::sigv4 {

using pairs = std::vector<std::pair<std::string, std::string>>;

// The payload hash S3 accepts in place of the body's SHA-256 (presigned uploads).
inline constexpr std::string_view unsigned_payload = "UNSIGNED-PAYLOAD";

// RFC 3986 percent-encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - . _ ~ (and '/' when
// `keep_slash`, for paths) becomes %XX with uppercase hex.
std::string uri_encode(std::string_view s, bool keep_slash = false);

// "20130524T000000Z" and "20130524" of `t` (UTC).
std::string amz_date(std::chrono::system_clock::time_point t);
std::string date_stamp(std::chrono::system_clock::time_point t);

// Query parameters (raw, not encoded) as the canonical query string: each name and value
// uri_encode()d, sorted by encoded name then value, joined with '&'.
std::string canonical_query(pairs params);

// Headers (any case, raw values) as CanonicalHeaders: lowercase names, values trimmed with inner
// runs of spaces collapsed, sorted by name, each "name:value\n"; repeated names are joined with
// ','. And the SignedHeaders list ("host;x-amz-date").
std::string canonical_headers(const pairs& headers);
std::string signed_headers(const pairs& headers);

// Method, canonical URI (already encoded), canonical query, headers and the payload's hash, as
// the canonical request's six lines.
std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query, const pairs& headers,
                              std::string_view payload_hash);

// "<date>/<region>/<service>/aws4_request".
std::string scope(std::string_view date, std::string_view region, std::string_view service);

// "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>".
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

// HMAC chain from "AWS4" + secret over date, region, service and "aws4_request" (raw bytes).
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);

// Lowercase hex HMAC-SHA256 of the string to sign under the signing key.
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

struct presign_request {
  std::string method = "PUT";
  std::string host;  // as the client sends it in Host (with a port when not the default)
  std::string path;  // raw, starting with '/'; each segment is uri_encode()d
  std::string region;
  std::string service = "s3";
  std::string access_key_id;
  std::string secret_access_key;
  std::chrono::system_clock::time_point at;
  std::chrono::seconds expires{900};
  // Headers the client must send with exactly these values (besides host), e.g. content-type.
  pairs headers;
};

// The presigned request's query string (X-Amz-Algorithm, -Credential, -Date, -Expires,
// -SignedHeaders, then -Signature), with payload UNSIGNED-PAYLOAD.
std::string presign_query(const presign_request& r);

}  // namespace ugoki::crypto::sigv4
