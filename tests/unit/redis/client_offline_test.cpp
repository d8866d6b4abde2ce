// redis::client with no Redis to talk to: a refused connect and a server that never answers
// fail fast with redis::unavailable, and a command from a thread never attached is a logic
// error. Loopback sockets only, so no service is needed.
#include "core/redis/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "support/redis_test_env.hpp"

namespace ugoki::redis {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::run_with_client;

asio::awaitable<void> down_body(client& c) {
  for (int i = 0; i < 5; ++i) {
    auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(co_await c.command("PING"), unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1000ms);
    co_await testing::sleep_for(20ms);
  }
  EXPECT_EQ(c.connected_count(), 0u);
}

TEST(RedisClient, NoServerFailsFast) {
  // Port 1 on loopback: nothing listens there, the connect is refused at once.
  run_with_client(settings{.url = "redis://127.0.0.1:1"}, down_body);
}

// A "server" that accepts and then never answers: the AUTH handshake must hit connect_timeout.
asio::awaitable<void> silent_body(client& c) {
  for (int i = 0; i < 3; ++i) {
    auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(co_await c.command("PING"), unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1000ms);
  }
  EXPECT_EQ(c.connected_count(), 0u);
}

TEST(RedisClient, SilentServerTimesOutInsteadOfHanging) {
  asio::io_context server_ctx;
  asio::ip::tcp::acceptor acceptor(server_ctx, {asio::ip::make_address("127.0.0.1"), 0});
  std::vector<asio::ip::tcp::socket> held;
  std::function<void()> accept_next = [&] {
    acceptor.async_accept([&](boost::system::error_code ec, asio::ip::tcp::socket s) {
      if (!ec) {
        held.push_back(std::move(s));
        accept_next();
      }
    });
  };
  accept_next();
  std::thread server([&] { server_ctx.run_for(std::chrono::seconds(20)); });
  settings s{.url = "redis://:pw@127.0.0.1:" + std::to_string(acceptor.local_endpoint().port())};
  s.connect_timeout = 200ms;
  s.command_timeout = 500ms;
  run_with_client(s, silent_body);
  asio::post(server_ctx, [&] { server_ctx.stop(); });
  server.join();
}

TEST(RedisClient, UnattachedThreadIsALogicError) {
  client c(settings{.url = "redis://127.0.0.1:1"}, 1);
  asio::io_context ioc;
  std::exception_ptr got;
  asio::co_spawn(ioc, c.command("PING"), [&](std::exception_ptr e, reply) { got = e; });
  ioc.run();
  ASSERT_TRUE(got);
  EXPECT_THROW(std::rethrow_exception(got), std::logic_error);
}

}  // namespace
}  // namespace ugoki::redis
