// The rate-limit stage of the request pipeline: charges each request to its subject's bucket
// through http::rate_limiter, lets safe requests run while the limiter decides, and remembers
// recent denials per I/O thread. Internal to core/http.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/http/rate_limit.hpp"

namespace ugoki::http::detail {

// One request's charge: the decision (its figures go on the response as RateLimit-* headers),
// or the charge still running alongside the handler.
struct charge_ticket {
  std::optional<rate_decision> decision;
  struct pending;
  std::shared_ptr<pending> running;
};

class admission {
 public:
  explicit admission(std::size_t threads) : denied_(std::max<std::size_t>(1, threads)) {}

  void set_limiter(rate_limiter* limiter) { limiter_ = limiter; }
  bool enabled() const { return limiter_ != nullptr; }

  // Charges one token of `subject`'s bucket into `ticket`. With `safe` (a GET or HEAD on a GET
  // route) and no denial of the subject in its last Retry-After seconds on this thread, the
  // charge starts and this returns at once: the handler runs while the limiter's Redis round
  // trip is out, and settle() decides afterwards. Otherwise it waits: 429 RATE_001 when denied.
  // Throws dependency_unavailable when the limiter fails closed.
  boost::asio::awaitable<result<void>> admit(rate_subject subject, bool safe, charge_ticket& ticket,
                                             std::size_t thread);

  // For a charge admit() started ahead: waits for the decision. 429 RATE_001 when it was a
  // denial, 503 SVC_001 when the limiter failed closed; the handler's answer is then dropped.
  boost::asio::awaitable<result<void>> settle(charge_ticket& ticket, std::size_t thread);

 private:
  bool may_run_ahead(const rate_subject& subject, std::size_t thread) const;
  void remember_denial(const rate_subject& subject, const rate_decision& d, std::size_t thread);

  rate_limiter* limiter_ = nullptr;
  // Per I/O thread: subject ids and client IPs denied recently -> when the denial lapses.
  using denial_memo = std::unordered_map<std::string, std::chrono::steady_clock::time_point>;
  std::vector<denial_memo> denied_;
};

}  // namespace ugoki::http::detail
