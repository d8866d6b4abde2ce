// redis::reference_changes against a real Redis: an announcement refreshes this process's
// snapshots of the topic at once and reaches another instance's subscriber as a message.
#include "core/redis/reference_changes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/redis/client.hpp"
#include "core/redis/subscriber.hpp"
#include "support/redis_test_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::redis {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;

asio::awaitable<void> announce_body(client& c) {
  const std::string prefix = testing::key("refchg") + ":";
  reference_changes here(c, prefix);
  reference_changes there(c, prefix);
  int content_here = 0;
  int workouts_here = 0;
  std::vector<std::string> content_there;
  here.on("content", [&] { ++content_here; });
  here.on("workouts", [&] { ++workouts_here; });
  there.on("content", [&] { content_there.emplace_back("content"); });

  // "there" is another instance: it hears the channel through its own subscriber.
  auto ex = co_await asio::this_coro::executor;
  subscriber sub(testing::test_settings(), ex);
  sub.on_message([&there](std::string_view channel, std::string_view topic) {
    if (channel == there.channel()) {
      there.received(topic);
    }
  });
  sub.subscribe(there.channel());
  sub.start();
  // Announce until the subscription is in place (its SUBSCRIBE may still be in flight).
  for (int i = 0; i < 100 && content_there.empty(); ++i) {
    co_await here.announce("content");
    co_await testing::sleep_for(50ms);
  }
  EXPECT_FALSE(content_there.empty());
  // This instance refreshed on each announcement, synchronously, and only the topic's refresh.
  EXPECT_GE(content_here, 1);
  EXPECT_EQ(workouts_here, 0);
  // An unknown topic is nobody's business.
  here.received("billing");
  EXPECT_EQ(workouts_here, 0);
  sub.stop();
}

TEST(RedisReferenceChanges, RefreshesHereAndReachesOtherInstances) {
  if (testing::test_url().empty()) {
    UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
  }
  testing::run_with_client(testing::test_settings(), announce_body);
}

}  // namespace
}  // namespace ugoki::redis
