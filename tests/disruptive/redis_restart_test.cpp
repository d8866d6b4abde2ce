// Redis restart: during the outage commands fail fast with redis::unavailable; afterwards the
// client and the subscriber reconnect by themselves. Restarts Redis through the commands in
// UGOKI_TEST_REDIS_STOP_CMD and UGOKI_TEST_REDIS_START_CMD (skipped when unset, a failure when
// CI=true).
#include "core/redis/client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "core/redis/subscriber.hpp"
#include "support/redis_test_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::redis {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::key;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Runs a shell command from the test environment; blocking is fine, the test owns the thread.
void shell(const std::string& cmd) {
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "failed: " << cmd;
}

asio::awaitable<bool> ping_within(client& c, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      co_await c.ping();
      co_return true;
    } catch (const unavailable&) {
    }
    co_await testing::sleep_for(50ms);
  }
  co_return false;
}

asio::awaitable<bool> message_within(client& c, const int& received, std::string channel,
                                     std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int before = received;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      co_await c.command("PUBLISH", channel, "ping");
    } catch (const unavailable&) {
    }
    co_await testing::sleep_for(50ms);
    if (received > before) {
      co_return true;
    }
  }
  co_return false;
}

asio::awaitable<void> restart_body(client& c) {
  int received = 0;
  // Never mix a co_await with temporaries in one expression: GCC 12 destroys them twice.
  auto ex = co_await asio::this_coro::executor;
  subscriber sub(testing::test_settings(), ex);
  sub.on_message([&received](std::string_view, std::string_view) { ++received; });
  std::string ch = key("restart");
  sub.subscribe(ch);
  sub.start();
  EXPECT_TRUE(co_await ping_within(c, 5s));
  EXPECT_TRUE(co_await message_within(c, received, ch, 5s));

  shell(env("UGOKI_TEST_REDIS_STOP_CMD"));
  // Both readers see the close (bounded wait); from then on every command fails fast, never hangs.
  const bool closed = co_await testing::eventually(
      [&c, &sub] { return c.connected_count() == 0 && !sub.connected(); }, 5s);
  EXPECT_TRUE(closed) << "the client or the subscriber did not notice that Redis stopped";
  for (int i = 0; i < 10; ++i) {
    auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(co_await c.command("SET", key("during"), "x"), unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
    co_await testing::sleep_for(100ms);
  }
  EXPECT_EQ(c.connected_count(), 0u);
  EXPECT_FALSE(sub.connected());

  shell(env("UGOKI_TEST_REDIS_START_CMD"));
  // Backoff is at most 5 s between attempts, so 10 s covers at least one attempt after start.
  EXPECT_TRUE(co_await ping_within(c, 10s));
  EXPECT_EQ(c.connected_count(), 1u);
  EXPECT_TRUE(co_await message_within(c, received, ch, 10s));
  sub.stop();
}

TEST(RedisDisruptive, RestartFailsFastThenReconnects) {
  if (testing::test_url().empty() || env("UGOKI_TEST_REDIS_STOP_CMD").empty() ||
      env("UGOKI_TEST_REDIS_START_CMD").empty()) {
    UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL, UGOKI_TEST_REDIS_STOP_CMD or _START_CMD");
  }
  testing::run_with_client(testing::test_settings(), restart_body, 60s);
}

}  // namespace
}  // namespace ugoki::redis
