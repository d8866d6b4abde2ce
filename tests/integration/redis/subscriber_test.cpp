// redis::subscriber against a real Redis: channel and pattern messages arrive, unsubscribe stops
// them, and publishing goes through client::command.
#include "core/redis/subscriber.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/redis_test_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::redis {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::key;

struct inbox {
  std::vector<std::pair<std::string, std::string>> messages;
  bool has(const std::string& channel, const std::string& payload) const {
    for (const auto& [c, p] : messages) {
      if (c == channel && p == payload) {
        return true;
      }
    }
    return false;
  }
};

// Publishes until the message shows up (the SUBSCRIBE may still be in flight), for up to 5 s.
asio::awaitable<bool> publish_until_seen(client& c, const inbox& box, std::string channel,
                                         std::string payload) {
  for (int i = 0; i < 100; ++i) {
    try {
      co_await c.command("PUBLISH", channel, payload);
    } catch (const unavailable&) {
      // During a restart: keep trying until the deadline.
    }
    co_await testing::sleep_for(50ms);
    if (box.has(channel, payload)) {
      co_return true;
    }
  }
  co_return false;
}

// Polls PUBSUB NUMSUB until `channel` has no subscriber, for up to 5 s; whether it got there.
asio::awaitable<bool> numsub_until_zero(client& c, std::string channel) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    reply r = co_await c.command("PUBSUB", "NUMSUB", channel);
    if (r.elements().at(1).integer() == 0) {
      co_return true;
    }
    co_await testing::sleep_for(10ms);
  }
  co_return false;
}

asio::awaitable<void> pubsub_body(client& c) {
  inbox box;
  // Never mix a co_await with temporaries in one expression: GCC 12 destroys them twice.
  auto ex = co_await asio::this_coro::executor;
  subscriber sub(testing::test_settings(), ex);
  sub.on_message([&box](std::string_view channel, std::string_view payload) {
    box.messages.emplace_back(std::string(channel), std::string(payload));
  });
  std::string ch = key("chan");
  std::string pattern = key("pat") + ":*";
  sub.subscribe(ch);
  sub.psubscribe(pattern);
  sub.start();
  std::string binary("hello\0\r\nworld", 13);
  EXPECT_TRUE(co_await publish_until_seen(c, box, ch, binary));
  EXPECT_TRUE(sub.connected());
  EXPECT_TRUE(co_await publish_until_seen(c, box, key("pat") + ":x", "via-pattern"));
  // After UNSUBSCRIBE the channel is quiet. Redis itself says when the UNSUBSCRIBE has landed (no
  // subscriber left on the channel); a message published then reaches no one, and a marker sent
  // after it on the pattern, which the same connection still receives in order, shows that
  // "late" never came.
  sub.unsubscribe(ch);
  EXPECT_TRUE(co_await numsub_until_zero(c, ch)) << "the UNSUBSCRIBE never reached Redis";
  reply receivers = co_await c.command("PUBLISH", ch, "late");
  EXPECT_EQ(receivers.integer(), 0);
  EXPECT_TRUE(co_await publish_until_seen(c, box, key("pat") + ":marker", "after-late"));
  EXPECT_FALSE(box.has(ch, "late"));
  sub.stop();
}

TEST(RedisSubscriber, DeliversChannelAndPatternMessages) {
  if (testing::test_url().empty()) {
    UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
  }
  testing::run_with_client(testing::test_settings(), pubsub_body);
}

}  // namespace
}  // namespace ugoki::redis
