// Test helpers for Redis-backed code: the server URL from UGOKI_TEST_REDIS_URL, a coroutine runner
// with a one-thread client, and small awaitable utilities.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/redis/client.hpp"

// ASSERT_* returns, which a coroutine cannot: this one records the failure and co_returns.
#define UGOKI_CO_ASSERT(cond)                    \
  if (!(cond)) {                                 \
    ADD_FAILURE() << "assertion failed: " #cond; \
    co_return;                                   \
  }

namespace ugoki::redis::testing {

// The Redis URL under test, or "" when UGOKI_TEST_REDIS_URL is unset (tests then use
// UGOKI_SKIP_UNSET, support/test_env.hpp).
inline std::string test_url() {
  const char* url = std::getenv("UGOKI_TEST_REDIS_URL");
  return url == nullptr ? std::string() : std::string(url);
}

// Settings for the server under test; UGOKI_TEST_REDIS_CA_FILE names the CA for a rediss:// URL
// with a self-signed certificate.
inline settings test_settings() {
  settings s{.url = test_url()};
  if (const char* ca = std::getenv("UGOKI_TEST_REDIS_CA_FILE")) {
    s.tls_ca_file = ca;
  }
  return s;
}

// A key prefix unique to this process and test, so parallel runs never share keys.
inline std::string key(const std::string& name) {
  return "ugoki:test:redis:" + std::to_string(::getpid()) + ":" + name;
}

inline boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  boost::asio::steady_timer t(co_await boost::asio::this_coro::executor);
  t.expires_after(d);
  co_await t.async_wait(boost::asio::use_awaitable);
}

// Checks `cond` every 10 ms until it holds or `limit` passes; whether it held. For states that
// other coroutines on this thread reach (a reader that saw a close), instead of a fixed sleep.
inline boost::asio::awaitable<bool> eventually(std::function<bool()> cond,
                                               std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!cond()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      co_return false;
    }
    co_await sleep_for(std::chrono::milliseconds(10));
  }
  co_return true;
}

using body_fn = std::function<boost::asio::awaitable<void>(client&)>;

// Runs `body` on a fresh io_context with a one-thread client attached to it, stops the client
// when the body ends and rethrows whatever the body threw. Fails if it takes longer than `limit`.
inline void run_with_client(settings s, const body_fn& body,
                            std::chrono::seconds limit = std::chrono::seconds(30)) {
  boost::asio::io_context ioc;
  client c(std::move(s), 1);
  c.attach_thread(0, ioc.get_executor());
  std::exception_ptr failure;
  bool finished = false;
  boost::asio::co_spawn(ioc, body(c), [&](std::exception_ptr e) {
    failure = e;
    finished = true;
    c.stop();
  });
  ioc.run_for(limit);
  if (failure) {
    std::rethrow_exception(failure);
  }
  if (!finished) {
    throw std::runtime_error("test body did not finish in time");
  }
}

}  // namespace ugoki::redis::testing
