// The header under test comes first: it must be self-contained.
#include "core/http/caching.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "core/snapshot_cache.hpp"

namespace ugoki::http {
namespace {

TEST(etag, stable_and_content_dependent) {
  EXPECT_EQ(make_etag("abc"), make_etag("abc"));
  EXPECT_NE(make_etag("abc"), make_etag("abd"));
  EXPECT_EQ(make_etag("abc").front(), '"');
}

TEST(etag, if_none_match_forms) {
  std::string tag = make_etag("x");
  EXPECT_TRUE(etag_matches(tag, tag));
  EXPECT_TRUE(etag_matches("\"other\", " + tag, tag));
  EXPECT_TRUE(etag_matches("W/" + tag, tag));
  EXPECT_TRUE(etag_matches("*", tag));
  EXPECT_FALSE(etag_matches("", tag));
  EXPECT_FALSE(etag_matches("\"other\"", tag));
}

TEST(snapshot_cache, serves_stale_when_reload_fails) {
  boost::asio::io_context ioc;
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
      std::chrono::seconds(0));  // always stale: every get tries to reload
  auto get = [&] {
    auto f = boost::asio::co_spawn(ioc, cache.get(), boost::asio::use_future);
    ioc.restart();
    ioc.run();
    return *f.get();
  };
  EXPECT_EQ(get(), 1);
  EXPECT_EQ(get(), 2);
  fail = true;
  EXPECT_EQ(get(), 2);  // the reload failed: the last good value is served
  EXPECT_EQ(calls, 3);
}

TEST(snapshot_cache, first_load_failure_propagates) {
  boost::asio::io_context ioc;
  snapshot_cache<int> cache(
      []() -> boost::asio::awaitable<int> {
        throw std::runtime_error("down");
        co_return 0;
      },
      std::chrono::seconds(60));
  auto f = boost::asio::co_spawn(ioc, cache.get(), boost::asio::use_future);
  ioc.run();
  EXPECT_THROW(f.get(), std::runtime_error);
}

}  // namespace
}  // namespace ugoki::http
