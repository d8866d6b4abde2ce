// AWS Signature Version 4, following AWS's "Create a signed AWS API request" steps; the
// primitives (SHA-256, HMAC-SHA256, hex) are core/crypto's.
#include "core/crypto/sigv4.hpp"

#include <algorithm>
#include <ctime>

#include "core/crypto/random.hpp"

namespace ugoki::crypto::sigv4 {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  });
  return out;
}

// Trimmed, with every run of spaces inside collapsed to one (AWS: Trimall).
std::string trim_all(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

std::tm utc(std::chrono::system_clock::time_point t) {
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  return tm;
}

// Lowercase names, sorted, repeated names joined in order of arrival.
pairs normalised(const pairs& headers) {
  pairs out;
  for (const auto& [name, value] : headers) {
    std::string n = lower(name);
    std::string v = trim_all(value);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == n; });
    if (it != out.end()) {
      it->second += "," + v;
    } else {
      out.emplace_back(std::move(n), std::move(v));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point t) {
  const std::tm tm = utc(t);
  // YYYYMMDD'T'HHMMSS'Z' (strftime: no truncation warning for a year past 9999 at -O2).
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return std::string(buf, n);
}

std::string date_stamp(std::chrono::system_clock::time_point t) {
  return amz_date(t).substr(0, 8);
}

std::string canonical_query(pairs params) {
  for (auto& [name, value] : params) {
    name = uri_encode(name);
    value = uri_encode(value);
  }
  // Byte order of the encoded names (then values), never a locale's.
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_headers(const pairs& headers) {
  std::string out;
  for (const auto& [name, value] : normalised(headers)) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  return out;
}

std::string signed_headers(const pairs& headers) {
  std::string out;
  for (const auto& [name, value] : normalised(headers)) {
    if (!out.empty()) {
      out += ';';
    }
    out += name;
  }
  return out;
}

std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query, const pairs& headers,
                              std::string_view payload_hash) {
  std::string out;
  out += method;
  out += '\n';
  out += canonical_uri;
  out += '\n';
  out += canonical_query;
  out += '\n';
  out += canonical_headers(headers);
  out += '\n';
  out += signed_headers(headers);
  out += '\n';
  out += payload_hash;
  return out;
}

std::string scope(std::string_view date, std::string_view region, std::string_view service) {
  std::string out(date);
  out += '/';
  out += region;
  out += '/';
  out += service;
  out += "/aws4_request";
  return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += sha256_hex(canonical_request);
  return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  std::string k = hmac_sha256("AWS4" + std::string(secret), date);
  k = hmac_sha256(k, region);
  k = hmac_sha256(k, service);
  return hmac_sha256(k, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return to_hex(hmac_sha256(signing_key, string_to_sign));
}

std::string presign_query(const presign_request& r) {
  const std::string date = date_stamp(r.at);
  const std::string stamp = amz_date(r.at);
  const std::string credential_scope = scope(date, r.region, r.service);
  pairs headers = r.headers;
  headers.emplace_back("host", r.host);
  pairs params{{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
               {"X-Amz-Credential", r.access_key_id + "/" + credential_scope},
               {"X-Amz-Date", stamp},
               {"X-Amz-Expires", std::to_string(r.expires.count())},
               {"X-Amz-SignedHeaders", signed_headers(headers)}};
  const std::string query = canonical_query(params);
  const std::string request =
      canonical_request(r.method, uri_encode(r.path, true), query, headers, unsigned_payload);
  const std::string sig = signature(signing_key(r.secret_access_key, date, r.region, r.service),
                                    string_to_sign(stamp, credential_scope, request));
  return query + "&X-Amz-Signature=" + sig;
}

}  // namespace ugoki::crypto::sigv4
