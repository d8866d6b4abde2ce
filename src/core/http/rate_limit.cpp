// Tier names, role -> tier, and the RateLimit-* response headers.
#include "core/http/rate_limit.hpp"

#include <algorithm>

namespace ugoki::http {

std::string_view to_string(rate_tier t) {
  switch (t) {
    case rate_tier::anonymous:
      return "anonymous";
    case rate_tier::free:
      return "free";
    case rate_tier::premium:
      return "premium";
  }
  return "anonymous";
}

rate_tier tier_for_role(std::string_view role) {
  // Admins get the premium budget, not an unlimited one: a stolen admin token should not be
  // able to hammer the API either, and the burst ceiling still caps them.
  if (role == "premium" || role == "admin") {
    return rate_tier::premium;
  }
  return rate_tier::free;
}

std::vector<std::pair<std::string, std::string>> rate_limit_headers(const rate_decision& d) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(4);
  out.emplace_back("RateLimit-Limit", std::to_string(d.limit));
  out.emplace_back("RateLimit-Remaining", std::to_string(std::max<std::int64_t>(0, d.remaining)));
  out.emplace_back("RateLimit-Reset", std::to_string(std::max<std::int64_t>(0, d.reset)));
  if (!d.allowed) {
    // A client that waits less would only be refused again; never tell it 0.
    out.emplace_back("Retry-After", std::to_string(std::max<std::int64_t>(1, d.retry_after)));
  }
  return out;
}

api_error too_many_requests(const rate_decision& d) {
  api_error e{429, "RATE_001",
              "Too many requests; retry after the number of seconds in Retry-After"};
  e.headers = rate_limit_headers(d);
  return e;
}

}  // namespace ugoki::http
