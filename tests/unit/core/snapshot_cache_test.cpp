// The header under test comes first: it must be self-contained.
#include "core/snapshot_cache.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <thread>

// snapshot_cache::invalidate(): an admin write makes the next read reload at once, even within
// the TTL, and a load that was already reading when the data changed does not stick.
namespace ugoki {
namespace {

class snapshot_invalidate_test : public ::testing::Test {
 protected:
  int get(snapshot_cache<int>& cache) {
    auto f = boost::asio::co_spawn(ioc_, cache.get(), boost::asio::use_future);
    ioc_.restart();
    ioc_.run();
    return *f.get();
  }
  boost::asio::io_context ioc_;
};

TEST_F(snapshot_invalidate_test, the_next_get_reloads_within_the_ttl) {
  int calls = 0;
  snapshot_cache<int> cache([&]() -> boost::asio::awaitable<int> { co_return ++calls; },
                            std::chrono::hours(1));
  EXPECT_EQ(get(cache), 1);
  EXPECT_EQ(get(cache), 1);  // fresh for an hour
  cache.invalidate();
  EXPECT_EQ(get(cache), 2);
  EXPECT_EQ(get(cache), 2);  // and fresh again after the reload
  EXPECT_EQ(calls, 2);
}

TEST_F(snapshot_invalidate_test, invalidate_before_the_first_load_is_harmless) {
  int calls = 0;
  snapshot_cache<int> cache([&]() -> boost::asio::awaitable<int> { co_return ++calls; },
                            std::chrono::hours(1));
  cache.invalidate();
  EXPECT_EQ(get(cache), 1);
  EXPECT_EQ(get(cache), 1);
}

TEST_F(snapshot_invalidate_test, a_load_racing_an_invalidate_is_not_kept) {
  int calls = 0;
  snapshot_cache<int>* self = nullptr;
  snapshot_cache<int> cache(
      [&]() -> boost::asio::awaitable<int> {
        ++calls;
        if (calls == 2) {
          self->invalidate();  // the data changes while this load reads the old rows
        }
        co_return calls;
      },
      std::chrono::hours(1));
  self = &cache;
  EXPECT_EQ(get(cache), 1);
  cache.invalidate();
  EXPECT_EQ(get(cache), 2);  // what that load read is served once...
  EXPECT_EQ(get(cache), 3);  // ...but the next get loads again
  EXPECT_EQ(get(cache), 3);
}

TEST_F(snapshot_invalidate_test, a_failed_reload_keeps_serving_the_last_snapshot) {
  int calls = 0;
  bool fail = false;
  snapshot_cache<int> cache(
      [&]() -> boost::asio::awaitable<int> {
        ++calls;
        if (fail) {
          throw std::runtime_error("database down");
        }
        co_return calls;
      },
      std::chrono::hours(1));
  EXPECT_EQ(get(cache), 1);
  fail = true;
  cache.invalidate();
  EXPECT_EQ(get(cache), 1);
  fail = false;
  EXPECT_EQ(get(cache), 3);  // still stale, so the next get tries again
}

TEST_F(snapshot_invalidate_test, invalidate_is_safe_from_other_threads) {
  std::atomic<int> calls = 0;
  snapshot_cache<int> cache([&]() -> boost::asio::awaitable<int> { co_return ++calls; },
                            std::chrono::hours(1));
  std::atomic<bool> stop = false;
  std::thread other([&] {
    while (!stop) {
      cache.invalidate();
    }
  });
  int last = 0;
  for (int i = 0; i < 200; ++i) {
    int v = get(cache);
    EXPECT_GE(v, last);
    last = v;
  }
  stop = true;
  other.join();
  cache.invalidate();
  EXPECT_GT(get(cache), last);
}

}  // namespace
}  // namespace ugoki
