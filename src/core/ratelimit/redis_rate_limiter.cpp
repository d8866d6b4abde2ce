// The Redis token-bucket limiter: runs the bucket script and applies the failure mode.
#include "core/ratelimit/redis_rate_limiter.hpp"

#include <chrono>
#include <exception>
#include <string>

#include "core/dependency_error.hpp"
#include "core/log.hpp"

namespace ugoki::ratelimit {

namespace {

// A Redis outage fails every request; one log line per thread per interval says enough.
bool should_log_failure() {
  thread_local std::chrono::steady_clock::time_point last{};
  auto now = std::chrono::steady_clock::now();
  if (last != std::chrono::steady_clock::time_point{} && now - last < std::chrono::seconds(10)) {
    return false;
  }
  last = now;
  return true;
}

}  // namespace

redis_rate_limiter::redis_rate_limiter(redis::client& redis, settings s)
    : redis_(redis), settings_(std::move(s)), script_(redis::make_script(bucket_script_source())) {
  validate(settings_);
}

boost::asio::awaitable<std::optional<http::rate_decision>> redis_rate_limiter::take(
    http::rate_subject subject) {
  script_call call = make_call(settings_, subject);
  std::string failure;
  try {
    // Build the awaitable first: GCC 12 mishandles temporaries alive across a co_await.
    auto op = redis_.eval(script_, std::move(call.keys), std::move(call.args));
    redis::reply r = co_await std::move(op);
    if (!r.is_error()) {
      co_return to_decision(r);
    }
    // OOM, READONLY (a replica after failover), BUSY: Redis is there but cannot serve us.
    failure = r.str().substr(0, 120);
  } catch (const dependency_unavailable& e) {
    failure = e.what();
  }
  const bool open = settings_.on_failure == failure_mode::open;
  if (should_log_failure()) {
    log::warn("rate limiter unavailable",
              log::fields().add("mode", open ? "open" : "closed").add("detail", failure));
  }
  if (!open) {
    throw dependency_unavailable("redis", "rate limiter: " + failure);
  }
  co_return std::nullopt;
}

}  // namespace ugoki::ratelimit
