// The header under test comes first: it must be self-contained.
#include "core/async_event.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace ugoki {
namespace {

using boost::asio::awaitable;

awaitable<void> wait_and_mark(async_event& e, int& order, int& seen) {
  co_await e.wait();
  seen = ++order;
}

TEST(async_event, wakes_a_waiter_when_set) {
  boost::asio::io_context ioc;
  async_event e(ioc.get_executor());
  int order = 0, seen = 0;
  boost::asio::co_spawn(ioc, wait_and_mark(e, order, seen), boost::asio::detached);
  ioc.poll();
  EXPECT_EQ(seen, 0) << "still waiting";
  EXPECT_FALSE(e.is_set());
  boost::asio::post(ioc, [&] {
    ++order;
    e.set();
  });
  ioc.run();
  EXPECT_TRUE(e.is_set());
  EXPECT_EQ(seen, 2) << "woke after the set";
}

TEST(async_event, a_waiter_after_the_set_returns_at_once) {
  boost::asio::io_context ioc;
  async_event e(ioc.get_executor());
  e.set();
  e.set();
  int order = 0, seen = 0;
  boost::asio::co_spawn(ioc, wait_and_mark(e, order, seen), boost::asio::detached);
  ioc.run();
  EXPECT_EQ(seen, 1);
}

}  // namespace
}  // namespace ugoki
