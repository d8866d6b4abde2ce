// The rate-limit step of the request pipeline: the interface the dispatcher calls, the tiers, and
// the RateLimit-* / Retry-After headers. The Redis token bucket lives in core/ratelimit.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace ugoki::http {

// Who is charged for a request. Anonymous callers are charged per client IP; signed-in callers
// per user id, at the tier of their role (admin counts as premium).
enum class rate_tier { anonymous, free, premium };

// "anonymous", "free", "premium": a label for logs and Redis keys.
std::string_view to_string(rate_tier t);

// The tier of a principal's role: "premium" and "admin" -> premium, anything else -> free.
rate_tier tier_for_role(std::string_view role);

// What the limiter decided for one request, in the units of the response headers
// (draft-ietf-httpapi-ratelimit-headers, the RateLimit-Limit/-Remaining/-Reset fields):
//   limit         the bucket's capacity: requests allowed in a burst and refilled per window;
//   remaining     whole tokens left after this request (0 when denied);
//   reset         seconds until the bucket is full again (0 when it is full);
//   retry_after   on a denial, seconds until one token is back (at least 1); 0 when allowed.
struct rate_decision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset = 0;
  std::int64_t retry_after = 0;
};

// The request being charged: its tier, the subject of the tier's bucket (the user id, or the
// client IP for anonymous callers) and the client IP (for the per-IP burst ceiling).
struct rate_subject {
  rate_tier tier = rate_tier::anonymous;
  std::string id;
  std::string client_ip;
};

// The rate-limit step. Called once per rate-limited request on its I/O thread, before the
// handler: for public routes with the anonymous tier and the client IP, for protected routes
// after authentication with the caller's tier and user id.
class rate_limiter {
 public:
  virtual ~rate_limiter() = default;
  // Takes one token and returns the decision; nullopt means "not limited this time" (the limiter
  // failed open because its store is down), and the response then carries no RateLimit-*
  // headers. Throws ugoki::dependency_unavailable when the store is down and the limiter is set
  // to fail closed (the dispatcher answers 503 SVC_001).
  virtual boost::asio::awaitable<std::optional<rate_decision>> take(rate_subject subject) = 0;
};

// The three RateLimit-* headers for a decision, plus Retry-After when it was denied.
std::vector<std::pair<std::string, std::string>> rate_limit_headers(const rate_decision& d);

// The 429 RATE_001 error for a denied decision, with Retry-After among its headers.
api_error too_many_requests(const rate_decision& d);

}  // namespace ugoki::http
