// redis::client against a real Redis (UGOKI_TEST_REDIS_URL): replies, binary safety, pipelining
// from concurrent coroutines, EVALSHA with script loading, a command timeout and the recovery
// after it. (Failing fast with no server is in tests/unit/redis/client_offline_test.cpp.)
#include "core/redis/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

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
using testing::run_with_client;

#define SKIP_WITHOUT_REDIS()                  \
  if (testing::test_url().empty()) {          \
    UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL"); \
  }

using testing::test_settings;

asio::awaitable<void> basic_body(client& c) {
  std::string k = key("basic");
  EXPECT_EQ((co_await c.command("SET", k, "v1")).str(), "OK");
  reply got = co_await c.command("GET", k);
  EXPECT_EQ(got.type(), reply_type::string);
  EXPECT_EQ(got.str(), "v1");
  std::string n = key("counter");
  co_await c.command("DEL", n);
  EXPECT_EQ((co_await c.command("INCR", n)).integer(), 1);
  EXPECT_EQ((co_await c.command("INCRBY", n, "41")).integer(), 42);
  // The initializer_list overload, awaited outside the braced expression (GCC 12, see client.hpp).
  auto get_missing = c.command({"GET", key("missing")});
  EXPECT_TRUE((co_await std::move(get_missing)).is_nil());
  // Error replies come back as values; throw_if_error turns them into redis::error.
  reply err = co_await c.command("INCR", k);
  EXPECT_TRUE(err.is_error());
  EXPECT_THROW(err.throw_if_error(), redis::error);
  EXPECT_TRUE((co_await c.command("NO_SUCH_COMMAND")).is_error());
  co_await c.ping();
  EXPECT_EQ(c.connected_count(), 1u);
  co_await c.command("DEL", k, n);
}

TEST(RedisClient, SetGetIncrNilAndErrors) {
  SKIP_WITHOUT_REDIS();
  run_with_client(test_settings(), basic_body);
}

asio::awaitable<void> arrays_and_binary_body(client& c) {
  std::string list = key("list");
  co_await c.command("DEL", list);
  EXPECT_EQ((co_await c.command("RPUSH", list, "a", "b", "c")).integer(), 3);
  reply r = co_await c.command("LRANGE", list, "0", "-1");
  UGOKI_CO_ASSERT(r.elements().size() == 3u);
  EXPECT_EQ(r.elements()[2].str(), "c");
  std::string bin("x\0y\r\nz\r\n", 8);
  std::string bk = key("bin");
  co_await c.command("SET", bk, bin);
  reply back = co_await c.command("GET", bk);
  EXPECT_EQ(back.str(), bin);
  EXPECT_EQ((co_await c.command("STRLEN", bk)).integer(), 8);
  // A nested array with a nil inside, built by Lua.
  reply nested = co_await c.command("EVAL", "return {1, {'a', false}}", "0");
  UGOKI_CO_ASSERT(nested.elements().size() == 2u);
  EXPECT_EQ(nested.elements()[1].elements()[0].str(), "a");
  EXPECT_TRUE(nested.elements()[1].elements()[1].is_nil());
  co_await c.command("DEL", list, bk);
}

TEST(RedisClient, ArraysAndBinarySafeValues) {
  SKIP_WITHOUT_REDIS();
  run_with_client(test_settings(), arrays_and_binary_body);
}

asio::awaitable<void> pipeline_body(client& c) {
  std::vector<std::vector<std::string>> cmds;
  for (int i = 0; i < 200; ++i) {
    cmds.push_back({"SET", key("p" + std::to_string(i)), std::to_string(i)});
    cmds.push_back({"GET", key("p" + std::to_string(i))});
  }
  auto replies = co_await c.pipeline(cmds);
  EXPECT_EQ(replies.size(), 400u);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(replies[2 * i + 1].str(), std::to_string(i));
  }
  EXPECT_TRUE((co_await c.pipeline(std::vector<std::vector<std::string>>())).empty());
  std::vector<std::string> del{"DEL"};
  for (int i = 0; i < 200; ++i) {
    del.push_back(key("p" + std::to_string(i)));
  }
  EXPECT_EQ((co_await c.command(del)).integer(), 200);
}

TEST(RedisClient, PipelineKeepsOrder) {
  SKIP_WITHOUT_REDIS();
  run_with_client(test_settings(), pipeline_body);
}

// One of many concurrent workers: each owns a key and checks every reply is its own.
asio::awaitable<void> worker(client& c, int id, int& finished) {
  std::string k = key("w" + std::to_string(id));
  for (int round = 0; round < 25; ++round) {
    std::string v = std::to_string(id) + ":" + std::to_string(round);
    co_await c.command("SET", k, v);
    reply r = co_await c.command("GET", k);
    EXPECT_EQ(r.str(), v);
    // Braced lists cannot sit inside a co_await with GCC 12 (see client.hpp): build them first.
    std::vector<std::vector<std::string>> echo{{"ECHO", v}, {"ECHO", k}};
    auto both = co_await c.pipeline(std::move(echo));
    EXPECT_EQ(both[0].str(), v);
    EXPECT_EQ(both[1].str(), k);
  }
  co_await c.command("DEL", k);
  ++finished;
}

asio::awaitable<void> concurrent_body(client& c) {
  int finished = 0;
  auto ex = co_await asio::this_coro::executor;
  constexpr int workers = 64;
  for (int i = 0; i < workers; ++i) {
    asio::co_spawn(ex, worker(c, i, finished), asio::detached);
  }
  for (int waited = 0; finished < workers && waited < 200; ++waited) {
    co_await testing::sleep_for(50ms);
  }
  EXPECT_EQ(finished, workers);
}

TEST(RedisClient, ConcurrentCoroutinesShareOneConnectionInOrder) {
  SKIP_WITHOUT_REDIS();
  run_with_client(test_settings(), concurrent_body);
}

asio::awaitable<void> script_body(client& c) {
  script s = make_script("return KEYS[1] .. '=' .. ARGV[1]");
  EXPECT_EQ((co_await c.command("SCRIPT", "FLUSH")).str(), "OK");
  std::vector<std::string> keys{"k"};
  std::vector<std::string> args{"v"};
  reply r = co_await c.eval(s, keys, args);
  EXPECT_EQ(r.str(), "k=v");
  // Loaded now: the SHA-1 we computed is the one Redis knows.
  reply exists = co_await c.command("SCRIPT", "EXISTS", s.sha1);
  EXPECT_EQ(exists.elements()[0].integer(), 1);
  keys = {"a"};
  args = {"b"};
  EXPECT_EQ((co_await c.eval(s, keys, args)).str(), "a=b");
  reply bad = co_await c.eval(make_script("return redis.call('NOPE')"), {}, {});
  EXPECT_TRUE(bad.is_error());
}

TEST(RedisClient, EvalShaLoadsScriptAfterFlush) {
  SKIP_WITHOUT_REDIS();
  run_with_client(test_settings(), script_body);
}

asio::awaitable<void> timeout_body(client& c) {
  std::string list = key("never");
  auto started = std::chrono::steady_clock::now();
  // BLPOP holds the connection for 2 s, longer than the 300 ms command timeout.
  EXPECT_THROW(co_await c.command("BLPOP", list, "2"), unavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  // The client dropped the stuck connection and reconnects in the background.
  bool ok = false;
  for (int i = 0; i < 50 && !ok; ++i) {
    co_await testing::sleep_for(50ms);
    try {
      co_await c.ping();
      ok = true;
    } catch (const unavailable&) {
    }
  }
  EXPECT_TRUE(ok);
}

TEST(RedisClient, CommandTimeoutThrowsUnavailableAndRecovers) {
  SKIP_WITHOUT_REDIS();
  settings s = test_settings();
  s.command_timeout = 300ms;
  run_with_client(s, timeout_body);
}

}  // namespace
}  // namespace ugoki::redis
