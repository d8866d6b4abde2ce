// versioned_snapshot: when it reads the stamp, when it reloads, and what it serves on failure.
#include "core/versioned_snapshot.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <stdexcept>

namespace ugoki {
namespace {

struct vs_reference {
  std::int64_t version = 0;
  int load = 0;  // which load made it (1 for the first)
};

// A fake source: its stamp, counters of the calls, and switches that make them fail.
struct vs_source {
  std::int64_t stamp = 1;
  int stamp_reads = 0;
  int loads = 0;
  bool stamp_fails = false;
  bool load_fails = false;
};

class vs_fixture {
 public:
  explicit vs_fixture(std::chrono::steady_clock::duration poll)
      : snapshot_(
            [this]() -> boost::asio::awaitable<std::int64_t> {
              ++src.stamp_reads;
              if (src.stamp_fails) {
                throw std::runtime_error("database down");
              }
              co_return src.stamp;
            },
            [this]() -> boost::asio::awaitable<vs_reference> {
              ++src.loads;
              if (src.load_fails) {
                throw std::runtime_error("database down");
              }
              co_return vs_reference{src.stamp, src.loads};
            },
            poll) {}

  std::shared_ptr<const vs_reference> get() {
    auto f = boost::asio::co_spawn(ioc_, snapshot_.get(), boost::asio::use_future);
    ioc_.restart();
    ioc_.run();
    return f.get();
  }
  void changed() { snapshot_.changed(); }

  vs_source src;

 private:
  boost::asio::io_context ioc_;
  versioned_snapshot<vs_reference> snapshot_;
};

constexpr auto vs_never = std::chrono::hours(24);  // no poll falls due within a test
constexpr auto vs_always = std::chrono::seconds(0);

TEST(versioned_snapshot, first_read_loads_without_reading_the_stamp) {
  vs_fixture f(vs_never);
  auto s = f.get();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->version, 1);
  EXPECT_EQ(f.src.loads, 1);
  EXPECT_EQ(f.src.stamp_reads, 0);
}

TEST(versioned_snapshot, reads_the_stamp_at_most_once_per_poll) {
  vs_fixture within(vs_never);
  auto first = within.get();
  within.src.stamp = 2;
  EXPECT_EQ(within.get(), first);  // the poll is not due: no stamp read, the same snapshot
  EXPECT_EQ(within.src.stamp_reads, 0);

  vs_fixture due(vs_always);
  due.get();
  due.get();
  due.get();
  EXPECT_EQ(due.src.stamp_reads, 2);
}

TEST(versioned_snapshot, unchanged_stamp_keeps_the_snapshot) {
  vs_fixture f(vs_always);
  auto first = f.get();
  EXPECT_EQ(f.get(), first);
  EXPECT_EQ(f.src.stamp_reads, 1);
  EXPECT_EQ(f.src.loads, 1);
}

TEST(versioned_snapshot, changed_stamp_reloads) {
  vs_fixture f(vs_always);
  f.get();
  f.src.stamp = 7;
  auto s = f.get();
  EXPECT_EQ(s->version, 7);
  EXPECT_EQ(s->load, 2);
  EXPECT_EQ(f.get(), s);  // and is kept while the stamp stays
}

TEST(versioned_snapshot, failing_refresh_keeps_the_last_good_snapshot) {
  vs_fixture f(vs_always);
  auto good = f.get();
  f.src.stamp_fails = true;
  EXPECT_EQ(f.get(), good);  // the stamp read failed
  f.src.stamp_fails = false;
  f.src.stamp = 2;
  f.src.load_fails = true;
  EXPECT_EQ(f.get(), good);  // the reload failed
  f.src.load_fails = false;
  EXPECT_EQ(f.get()->version, 2);  // and a later check recovers
}

TEST(versioned_snapshot, failing_check_waits_a_poll_before_trying_again) {
  vs_fixture f(vs_never);
  auto good = f.get();
  f.src.stamp_fails = true;
  f.changed();
  EXPECT_EQ(f.get(), good);
  EXPECT_EQ(f.src.stamp_reads, 1);
  EXPECT_EQ(f.get(), good);  // not asked again on the next read
  EXPECT_EQ(f.src.stamp_reads, 1);
}

TEST(versioned_snapshot, first_load_failure_propagates) {
  vs_fixture f(vs_never);
  f.src.load_fails = true;
  EXPECT_THROW(f.get(), std::runtime_error);
  f.src.load_fails = false;
  EXPECT_EQ(f.get()->load, 2);  // no snapshot yet: the next read loads again
}

TEST(versioned_snapshot, changed_makes_the_next_read_check_at_once) {
  vs_fixture f(vs_never);
  f.get();
  f.src.stamp = 3;
  f.changed();
  EXPECT_EQ(f.get()->version, 3);
  EXPECT_EQ(f.src.stamp_reads, 1);
  EXPECT_EQ(f.get()->version, 3);  // once: the poll is not due again
  EXPECT_EQ(f.src.stamp_reads, 1);
}

}  // namespace
}  // namespace ugoki
