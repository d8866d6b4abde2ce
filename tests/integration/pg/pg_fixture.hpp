// Test fixture for core/pg: one io_context on the test thread, a database attached to it, and a
// runner that drives a coroutine to completion.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "core/pg/database.hpp"
#include "integration/support/pg_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::testing {

// Runs `a` on `ioc` until it finishes; rethrows what it threw.
template <class T>
T run_on(boost::asio::io_context& ioc, boost::asio::awaitable<T> a) {
  std::exception_ptr failure;
  std::optional<T> value;
  boost::asio::co_spawn(ioc, std::move(a), [&](std::exception_ptr e, T v) {
    if (e) {
      failure = e;
    } else {
      value.emplace(std::move(v));
    }
  });
  ioc.restart();
  ioc.run();
  if (failure) {
    std::rethrow_exception(failure);
  }
  return std::move(*value);
}

inline void run_on(boost::asio::io_context& ioc, boost::asio::awaitable<void> a) {
  std::exception_ptr failure;
  boost::asio::co_spawn(ioc, std::move(a), [&](std::exception_ptr e) { failure = e; });
  ioc.restart();
  ioc.run();
  if (failure) {
    std::rethrow_exception(failure);
  }
}

class pg_test : public ::testing::Test {
 protected:
  // Subclasses may adjust settings_ before calling open(); after calling this SetUp they return
  // when IsSkipped() || HasFatalFailure() (no database: see UGOKI_SKIP_UNSET).
  void SetUp() override {
    auto url = pg_url();
    if (!url) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_DATABASE_URL");
    }
    settings_.url = *url;
    settings_.connections_per_thread = 2;
    settings_.acquire_timeout = std::chrono::milliseconds{2000};
  }
  pg::database& open() {
    db_ = std::make_unique<pg::database>(settings_, 1);
    db_->attach_thread(0, ioc_.get_executor());
    return *db_;
  }
  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return run_on(ioc_, std::move(a));
  }

  pg::settings settings_;
  boost::asio::io_context ioc_;  // declared before db_: the database must be destroyed first
  std::unique_ptr<pg::database> db_;
};

}  // namespace ugoki::testing
