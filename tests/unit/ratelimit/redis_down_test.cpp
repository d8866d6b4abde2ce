// The Redis rate limiter when Redis cannot be reached: fail open (no decision) or closed
// (dependency_unavailable), as configured. Nothing listens on the port, so no service is needed.
#include "core/ratelimit/redis_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/dependency_error.hpp"
#include "support/redis_test_env.hpp"

namespace ugoki::ratelimit {
namespace {

using boost::asio::awaitable;
using http::rate_subject;
using http::rate_tier;
namespace rt = redis::testing;

settings small(const std::string& name) {
  settings s;
  s.anonymous = 3;
  s.free = 3;
  s.premium = 5;
  s.burst_ceiling = 8;
  s.key_prefix = "ugoki:test:rl-down:" + name + ":";
  return s;
}

redis::settings unreachable() {
  // Port 1 on loopback: nothing listens there, so connecting is refused at once.
  redis::settings s{.url = "redis://127.0.0.1:1"};
  s.connect_timeout = std::chrono::milliseconds(200);
  s.command_timeout = std::chrono::milliseconds(200);
  return s;
}

TEST(redis_rate_limiter_down, fails_open_with_no_decision) {
  rt::run_with_client(unreachable(), [](redis::client& c) -> awaitable<void> {
    auto s = small("open");
    s.on_failure = failure_mode::open;
    redis_rate_limiter l(c, s);
    rate_subject subject{rate_tier::anonymous, "192.0.2.1", "192.0.2.1"};
    auto op = l.take(std::move(subject));
    auto d = co_await std::move(op);
    EXPECT_FALSE(d.has_value()) << "no decision: the request goes through unmetered";
  });
}

TEST(redis_rate_limiter_down, fails_closed_with_dependency_unavailable) {
  rt::run_with_client(unreachable(), [](redis::client& c) -> awaitable<void> {
    auto s = small("closed");
    s.on_failure = failure_mode::closed;
    redis_rate_limiter l(c, s);
    bool threw = false;
    try {
      rate_subject subject{rate_tier::anonymous, "192.0.2.1", "192.0.2.1"};
      auto op = l.take(std::move(subject));
      co_await std::move(op);
    } catch (const dependency_unavailable& e) {
      threw = true;
      EXPECT_EQ(e.dependency(), "redis");
    }
    EXPECT_TRUE(threw);
  });
}

}  // namespace
}  // namespace ugoki::ratelimit
