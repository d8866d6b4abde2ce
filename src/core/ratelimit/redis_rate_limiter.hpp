// http::rate_limiter on Redis token buckets. Requests that ask on one I/O thread share one
// EVALSHA (the script charges them in order and answers each): those of the same event-loop
// turn, and, while a call is out, everyone who asks until it returns (one call in flight per
// thread, so batches grow with load and a lone request still goes at once). Every decision is
// still made by Redis, exactly; under load the limiter costs one script call per batch.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>

#include "core/http/rate_limit.hpp"
#include "core/ratelimit/bucket.hpp"
#include "core/redis/client.hpp"

namespace ugoki::ratelimit {

class redis_rate_limiter final : public http::rate_limiter {
 public:
  // Holds `redis` by reference (it must outlive the limiter). Throws std::invalid_argument when
  // validate(s) does.
  redis_rate_limiter(redis::client& redis, settings s);

  // Charges one request to the subject's tier bucket and to its client IP's ceiling bucket (both
  // or neither). When Redis is unreachable or answers with an error: with failure_mode::open,
  // logs (at most once per 10 s per thread) and returns nullopt; with failure_mode::closed,
  // throws ugoki::dependency_unavailable("redis"), which the dispatcher turns into 503.
  boost::asio::awaitable<std::optional<http::rate_decision>> take(
      http::rate_subject subject) override;

  const settings& config() const { return settings_; }

  // The most requests one script call charges; a bigger batch is split.
  static constexpr std::size_t max_batch = 128;

 private:
  struct waiter;
  struct batch;
  static boost::asio::awaitable<void> flush(redis_rate_limiter* self, batch* b);
  batch& thread_batch();

  redis::client& redis_;
  settings settings_;
  redis::script script_;
};

}  // namespace ugoki::ratelimit
