// The header under test comes first: it must be self-contained.
#include "core/ratelimit/redis_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/redis_test_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::ratelimit {
namespace {

using boost::asio::awaitable;
using http::rate_decision;
using http::rate_subject;
using http::rate_tier;
namespace rt = redis::testing;

struct redis_rate_limiter_test : ::testing::Test {
  void SetUp() override {
    if (rt::test_url().empty()) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
    }
  }

  // Small limits so a test drains a bucket in a few calls; a key prefix of its own.
  static settings small(const std::string& name) {
    settings s;
    s.anonymous = 3;
    s.free = 3;
    s.premium = 5;
    s.burst_ceiling = 8;
    s.window = std::chrono::seconds(60);
    s.key_prefix = rt::key("rl:" + name) + ":";
    return s;
  }
};

// Awaits one take and unwraps it; the limiter must have answered (Redis is up). Arguments are
// plain pointers and every temporary lives in a local: GCC 12 mishandles temporaries with
// non-trivial destructors alive across a co_await.
awaitable<rate_decision> take(redis_rate_limiter& l, rate_tier tier, const char* id,
                              const char* ip) {
  rate_subject s{tier, id, ip};
  auto op = l.take(std::move(s));
  std::optional<rate_decision> d = co_await std::move(op);
  if (!d) {
    throw std::runtime_error("limiter answered nothing although Redis is up");
  }
  co_return *d;
}

awaitable<rate_decision> anon(redis_rate_limiter& l, const char* ip) {
  return take(l, rate_tier::anonymous, ip, ip);
}

awaitable<rate_decision> user(redis_rate_limiter& l, const char* id, const char* ip,
                              rate_tier tier = rate_tier::free) {
  return take(l, tier, id, ip);
}

awaitable<void> count_allowed(redis_rate_limiter& l, int& allowed) {
  rate_decision d = co_await anon(l, "192.0.2.1");
  if (d.allowed) {
    ++allowed;
  }
}

TEST_F(redis_rate_limiter_test, bucket_drains_then_denies) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    redis_rate_limiter l(c, small("drain"));
    for (std::int64_t i = 0; i < 3; ++i) {
      auto d = co_await anon(l, "192.0.2.1");
      EXPECT_TRUE(d.allowed);
      EXPECT_EQ(d.limit, 3);
      EXPECT_EQ(d.remaining, 2 - i);
      // The bucket is full again after the used tokens refill: 20 s each at 3/min.
      EXPECT_GE(d.reset, 20 * (i + 1) - 1);
      EXPECT_LE(d.reset, 20 * (i + 1) + 1);
    }
    auto d = co_await anon(l, "192.0.2.1");
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.remaining, 0);
    EXPECT_GE(d.retry_after, 19);
    EXPECT_LE(d.retry_after, 20);
    EXPECT_GE(d.reset, 59);
    EXPECT_LE(d.reset, 60);
  });
}

// On the real Redis clock: a drained bucket admits again once time has passed. Polled (until
// allowed or 5 s), so a slow machine cannot fail it; the exact amounts are the next test's.
TEST_F(redis_rate_limiter_test, bucket_refills_with_time) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto s = small("refill");
    s.anonymous = 5;
    s.window = std::chrono::seconds(1);  // one token every 200 ms
    redis_rate_limiter l(c, s);
    for (int i = 0; i < 5; ++i) {
      rate_decision d = co_await anon(l, "192.0.2.1");
      UGOKI_CO_ASSERT(d.allowed);
    }
    auto denied = co_await anon(l, "192.0.2.1");
    EXPECT_FALSE(denied.allowed);
    EXPECT_EQ(denied.retry_after, 1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    bool allowed = false;
    while (!allowed && std::chrono::steady_clock::now() < deadline) {
      co_await rt::sleep_for(std::chrono::milliseconds(20));
      rate_decision d = co_await anon(l, "192.0.2.1");
      allowed = d.allowed;  // a denial takes nothing, so polling does not delay the refill
    }
    EXPECT_TRUE(allowed) << "no token came back within 5 s";
  });
}

// Moves a bucket's stored state `by` into the past, exactly as if that much more time had passed
// on the Redis clock since its last use: the key holds the bucket's theoretical arrival time in
// Redis-clock milliseconds (bucket.cpp). Its expiry is kept.
awaitable<void> age_bucket(redis::client& c, std::string key, std::chrono::milliseconds by) {
  redis::reply tat = co_await c.command("GET", key);
  if (tat.type() != redis::reply_type::string) {
    throw std::runtime_error("no bucket stored at " + key);
  }
  char value[64];
  std::snprintf(value, sizeof value, "%.17g", std::stod(tat.str()) - double(by.count()));
  std::string moved = value;
  redis::reply set = co_await c.command("SET", key, moved, "KEEPTTL");
  set.throw_if_error();
}

// The exact refill, without waiting on the wall clock: one emission interval (window / capacity)
// gives back one token, and however long a bucket rests it holds at most its capacity. The
// interval is 12 s, so the few milliseconds the calls themselves take never add a token.
TEST_F(redis_rate_limiter_test, refill_is_one_token_per_interval_up_to_capacity) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto s = small("interval");
    s.anonymous = 5;
    s.burst_ceiling = 1000;               // the per-address ceiling never binds here
    s.window = std::chrono::seconds(60);  // one token every 12 s
    redis_rate_limiter l(c, s);
    const std::string bucket = s.key_prefix + "ip:192.0.2.1";
    for (int i = 0; i < 5; ++i) {
      rate_decision d = co_await anon(l, "192.0.2.1");
      UGOKI_CO_ASSERT(d.allowed);
    }
    auto denied = co_await anon(l, "192.0.2.1");
    EXPECT_FALSE(denied.allowed);
    EXPECT_EQ(denied.retry_after, 12);
    co_await age_bucket(c, bucket, std::chrono::seconds(12));
    auto again = co_await anon(l, "192.0.2.1");
    EXPECT_TRUE(again.allowed) << "one token refilled after one interval";
    EXPECT_EQ(again.remaining, 0);
    auto more = co_await anon(l, "192.0.2.1");
    EXPECT_FALSE(more.allowed) << "but only one";
    co_await age_bucket(c, bucket, std::chrono::minutes(10));
    auto full = co_await anon(l, "192.0.2.1");
    EXPECT_TRUE(full.allowed);
    EXPECT_EQ(full.remaining, 4) << "refill stops at capacity";
  });
}

TEST_F(redis_rate_limiter_test, clients_do_not_share_buckets) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    redis_rate_limiter l(c, small("share"));
    for (int i = 0; i < 3; ++i) {
      co_await anon(l, "192.0.2.1");
      co_await user(l, "alice", "198.51.100.1");
    }
    auto ip1 = co_await anon(l, "192.0.2.1");
    auto alice = co_await user(l, "alice", "198.51.100.1");
    auto ip2 = co_await anon(l, "192.0.2.2");
    auto bob = co_await user(l, "bob", "198.51.100.1");
    // A user's bucket follows them across addresses.
    auto alice_elsewhere = co_await user(l, "alice", "203.0.113.5");
    EXPECT_FALSE(ip1.allowed);
    EXPECT_FALSE(alice.allowed);
    EXPECT_TRUE(ip2.allowed);
    EXPECT_TRUE(bob.allowed);
    EXPECT_FALSE(alice_elsewhere.allowed);
  });
}

TEST_F(redis_rate_limiter_test, tiers_get_their_capacity) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    redis_rate_limiter l(c, small("tiers"));
    auto premium = co_await user(l, "p", "192.0.2.1", rate_tier::premium);
    auto free = co_await user(l, "f", "192.0.2.1", rate_tier::free);
    EXPECT_EQ(premium.limit, 5);
    EXPECT_EQ(free.limit, 3);
  });
}

TEST_F(redis_rate_limiter_test, burst_ceiling_caps_one_address_across_accounts) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    redis_rate_limiter l(c, small("ceiling"));  // 3 per user, 8 per address
    int allowed = 0;
    for (const char* id : {"u1", "u2", "u3", "u4"}) {
      for (int i = 0; i < 3; ++i) {
        auto d = co_await user(l, id, "192.0.2.1");
        if (d.allowed) {
          ++allowed;
        } else {
          EXPECT_EQ(d.limit, 8) << "the ceiling bucket is the one reported";
          EXPECT_GE(d.retry_after, 1);
        }
      }
    }
    EXPECT_EQ(allowed, 8);
    // The denied requests took nothing from u3/u4's own buckets: elsewhere they still have some.
    auto u4 = co_await user(l, "u4", "203.0.113.1");
    EXPECT_TRUE(u4.allowed);
    EXPECT_EQ(u4.remaining, 2);
  });
}

TEST_F(redis_rate_limiter_test, concurrent_requests_never_overspend) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto l = std::make_shared<redis_rate_limiter>(c, small("atomic"));
    auto ex = co_await boost::asio::this_coro::executor;
    auto allowed = std::make_shared<int>(0);
    auto done = std::make_shared<int>(0);
    for (int i = 0; i < 20; ++i) {
      boost::asio::co_spawn(
          ex, [l, allowed] { return count_allowed(*l, *allowed); },
          [done](std::exception_ptr e) {
            ++*done;
            if (e) {
              ADD_FAILURE() << "take threw";
            }
          });
    }
    while (*done < 20) {
      co_await rt::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(*allowed, 3);
  });
}

// The evalsha count in INFO commandstats ("cmdstat_evalsha:calls=N,...").
awaitable<long> evalsha_calls(redis::client& c) {
  redis::reply r = co_await c.command("INFO", "commandstats");
  const std::string& text = r.str();
  auto at = text.find("cmdstat_evalsha:calls=");
  if (at == std::string::npos) {
    co_return 0;
  }
  co_return std::stol(text.substr(at + 22));
}

awaitable<void> count_user_allowed(redis_rate_limiter& l, std::string id, int& allowed) {
  rate_decision d = co_await user(l, id.c_str(), "198.51.100.9");
  if (d.allowed && d.limit == 3) {
    ++allowed;
  }
}

// Requests that ask in the same event-loop turn share one script call, and each still gets
// its own exact decision: 10 users x 5 requests against a bucket of 3 admit 3 per user.
TEST_F(redis_rate_limiter_test, one_script_call_serves_a_batch_exactly) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto s = small("batch");
    s.burst_ceiling = 1000;
    auto l = std::make_shared<redis_rate_limiter>(c, s);
    auto ex = co_await boost::asio::this_coro::executor;
    (void)co_await user(*l, "warm-up", "198.51.100.10");  // loads the script
    const long before = co_await evalsha_calls(c);
    auto allowed = std::make_shared<std::vector<int>>(10, 0);
    auto done = std::make_shared<int>(0);
    for (int i = 0; i < 50; ++i) {
      boost::asio::co_spawn(
          ex,
          [l, allowed, i] {
            return count_user_allowed(*l, "u" + std::to_string(i % 10), (*allowed)[i % 10]);
          },
          [done](std::exception_ptr e) {
            ++*done;
            if (e) {
              ADD_FAILURE() << "take threw";
            }
          });
    }
    while (*done < 50) {
      co_await rt::sleep_for(std::chrono::milliseconds(5));
    }
    for (int a : *allowed) {
      EXPECT_EQ(a, 3);
    }
    const long after = co_await evalsha_calls(c);
    // 50 requests spawned in one turn: one batch (the INFO calls are not EVALSHA).
    EXPECT_LE(after - before, 2) << "requests were not batched";
  });
}

awaitable<void> count_any_allowed(redis_rate_limiter& l, std::string id, int& allowed) {
  rate_decision d = co_await user(l, id.c_str(), "198.51.100.20");
  if (d.allowed) {
    ++allowed;
  }
}

// In one batch the per-address ceiling is read once and charged request by request: 20 users
// behind one address, 3 requests each, against a ceiling of 8, admit exactly 8.
TEST_F(redis_rate_limiter_test, a_batch_shares_the_address_ceiling_exactly) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto l = std::make_shared<redis_rate_limiter>(c, small("batch-ceiling"));
    auto ex = co_await boost::asio::this_coro::executor;
    auto allowed = std::make_shared<int>(0);
    auto done = std::make_shared<int>(0);
    for (int i = 0; i < 60; ++i) {
      boost::asio::co_spawn(
          ex,
          [l, allowed, i] { return count_any_allowed(*l, "c" + std::to_string(i % 20), *allowed); },
          [done](std::exception_ptr e) {
            ++*done;
            if (e) {
              ADD_FAILURE() << "take threw";
            }
          });
    }
    while (*done < 60) {
      co_await rt::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(*allowed, 8);
  });
}

TEST_F(redis_rate_limiter_test, keys_expire_when_the_bucket_would_be_full) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    auto s = small("expiry");
    redis_rate_limiter l(c, s);
    co_await anon(l, "192.0.2.1");
    std::string key = s.key_prefix + "ip:192.0.2.1";
    auto pttl = c.command("PTTL", key);
    redis::reply ttl = co_await std::move(pttl);
    EXPECT_GT(ttl.integer(), 19'000);
    EXPECT_LE(ttl.integer(), 20'001);
    std::string ceiling = s.key_prefix + "ceiling:192.0.2.1";
    auto pttl2 = c.command("PTTL", ceiling);
    redis::reply ttl2 = co_await std::move(pttl2);
    EXPECT_GT(ttl2.integer(), 0);
    EXPECT_LE(ttl2.integer(), 7'501);  // 1 of 8 tokens per 60 s
  });
}

TEST_F(redis_rate_limiter_test, reloads_the_script_after_a_flush) {
  rt::run_with_client(rt::test_settings(), [](redis::client& c) -> awaitable<void> {
    redis_rate_limiter l(c, small("noscript"));
    co_await anon(l, "192.0.2.1");
    auto flush = c.command("SCRIPT", "FLUSH");
    redis::reply flushed = co_await std::move(flush);
    EXPECT_FALSE(flushed.is_error());
    auto d = co_await anon(l, "192.0.2.1");
    EXPECT_EQ(d.remaining, 1);
  });
}

}  // namespace
}  // namespace ugoki::ratelimit
