// Stripe-Signature verification: HMAC-SHA256 over "t.payload", constant-time, secret rotation.
#include "billing/stripe_signature.hpp"

#include <charconv>
#include <cstdlib>

#include "core/crypto/random.hpp"

namespace ugoki::billing {

namespace {

// A v1 value: 64 lowercase hex characters (Stripe's form); anything else can never match.
bool is_hex_sha256(std::string_view s) {
  if (s.size() != 64) {
    return false;
  }
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace

signature_check verify_stripe_signature(std::string_view header, std::string_view body,
                                        const std::vector<std::string>& secrets, std::int64_t now,
                                        std::int64_t tolerance_s) {
  std::string_view timestamp;
  std::vector<std::string_view> candidates;
  // Bound the work a hostile header can ask for: Stripe sends one v1 per live secret.
  constexpr std::size_t max_candidates = 8;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      continue;
    }
    std::string_view key = item.substr(0, eq);
    std::string_view value = item.substr(eq + 1);
    if (key == "t" && timestamp.empty()) {
      timestamp = value;
    } else if (key == "v1" && candidates.size() < max_candidates && is_hex_sha256(value)) {
      candidates.push_back(value);
    }
  }
  std::int64_t t = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (timestamp.empty() || ec != std::errc{} || end != timestamp.data() + timestamp.size() ||
      candidates.empty()) {
    return signature_check::malformed;
  }
  if (std::llabs(now - t) > tolerance_s) {
    return signature_check::too_old;
  }
  std::string signed_payload;
  signed_payload.reserve(timestamp.size() + 1 + body.size());
  signed_payload.append(timestamp).append(".").append(body);
  bool matched = false;
  // Every secret against every candidate, without stopping early: the time taken does not say
  // which secret or which position matched.
  for (const auto& secret : secrets) {
    const std::string expected = crypto::to_hex(crypto::hmac_sha256(secret, signed_payload));
    for (std::string_view candidate : candidates) {
      matched |= crypto::constant_time_equals(expected, candidate);
    }
  }
  return matched ? signature_check::valid : signature_check::mismatched;
}

}  // namespace ugoki::billing
