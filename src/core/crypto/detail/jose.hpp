// The JOSE pieces shared by the JWS verifiers of core/crypto (jwt.cpp: our RS256 tokens;
// x5c.cpp: ES256 with a certificate chain): compact form, base64url JSON objects, NumericDates.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace ugoki::crypto::detail {

// The three parts of a compact JWS (RFC 7515 7.1), still encoded; `signing_input` is
// "header.payload", the bytes the signature covers.
struct compact_jws {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;
};

// nullopt unless `token` has exactly three dot-separated parts.
std::optional<compact_jws> split_compact(std::string_view token);

// base64url(JSON object) -> object; nullopt when either layer is malformed, or when a member is
// named twice (RFC 7519 section 4 lets a verifier refuse that or take the last; RFC 8725 asks
// for the refusal: a "role" given twice must not mean whichever one a parser picks).
std::optional<boost::json::object> decode_object(std::string_view part);

// The member `name` when it is a string; nullptr otherwise.
const boost::json::string* get_string(const boost::json::object& o, std::string_view name);

// The member `name` as an integer (a NumericDate, Apple's millisecond dates); nullopt when absent,
// fractional or out of range (refusing keeps the comparisons exact).
std::optional<std::int64_t> get_int(const boost::json::object& o, std::string_view name);

}  // namespace ugoki::crypto::detail
