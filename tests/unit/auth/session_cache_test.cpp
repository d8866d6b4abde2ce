// The session cache trusts only what Redis confirmed, for at most its TTL, and only while the
// revocation feed is up; a revocation racing with a Redis check is never overwritten.
#include "auth/session_cache.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ugoki::auth {
namespace {

using namespace std::chrono_literals;
using time_point = session_cache::time_point;

const time_point t0{std::chrono::seconds(1000)};

TEST(SessionCache, TrustsNothingUntilTheFeedIsUp) {
  session_cache c(10s);
  c.remember_alive("s1", c.generation(), t0);
  EXPECT_FALSE(c.known_alive("s1", t0));
  c.set_feed_up(true);
  EXPECT_FALSE(c.known_alive("s1", t0)) << "remembered while the feed was down";
  c.remember_alive("s1", c.generation(), t0);
  EXPECT_TRUE(c.known_alive("s1", t0 + 1s));
  EXPECT_FALSE(c.known_alive("s2", t0 + 1s));
}

TEST(SessionCache, EntriesExpireAfterTheTtl) {
  session_cache c(10s);
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  EXPECT_TRUE(c.known_alive("s1", t0 + 9999ms));
  EXPECT_FALSE(c.known_alive("s1", t0 + 10s));
}

TEST(SessionCache, ForgetEndsTrustAtOnce) {
  session_cache c(10s);
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  c.remember_alive("s2", c.generation(), t0);
  c.forget("s1");
  EXPECT_FALSE(c.known_alive("s1", t0));
  EXPECT_TRUE(c.known_alive("s2", t0));
}

TEST(SessionCache, AnAnswerThatRacedWithARevocationIsNotStored) {
  session_cache c(10s);
  c.set_feed_up(true);
  auto before = c.generation();  // the request asks Redis: "alive"
  c.forget("s1");                // meanwhile the session is revoked
  c.remember_alive("s1", before, t0);
  EXPECT_FALSE(c.known_alive("s1", t0));
}

TEST(SessionCache, TheFeedGoingDownOrComingBackEmptiesIt) {
  session_cache c(10s);
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  c.set_feed_up(false);
  EXPECT_FALSE(c.known_alive("s1", t0));
  c.set_feed_up(true);
  EXPECT_FALSE(c.known_alive("s1", t0)) << "messages may have been lost while it was down";
}

TEST(SessionCache, ASessionIsTrustedOnlyForItsOwner) {
  session_cache c(10s);
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0, "ann");
  EXPECT_TRUE(c.known_alive("s1", t0, "ann"));
  EXPECT_FALSE(c.known_alive("s1", t0, "bob")) << "a token of bob naming ann's session";
  EXPECT_TRUE(c.known_alive("s1", t0)) << "no owner asked: alive is alive";
}

TEST(SessionCache, ZeroTtlDisablesIt) {
  session_cache c(0ms);
  EXPECT_FALSE(c.enabled());
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  EXPECT_FALSE(c.known_alive("s1", t0));
}

TEST(SessionCache, CapacityBoundsMemory) {
  session_cache c(10s, 2);
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  c.remember_alive("s2", c.generation(), t0);
  c.remember_alive("s3", c.generation(), t0);  // full: emptied, then s3 stored
  EXPECT_FALSE(c.known_alive("s1", t0));
  EXPECT_TRUE(c.known_alive("s3", t0));
}

TEST(SessionCache, CountsHitsAndMissesOverEveryThread) {
  session_cache c(10s);
  EXPECT_FALSE(c.known_alive("s1", t0));  // feed down: a miss
  c.set_feed_up(true);
  c.remember_alive("s1", c.generation(), t0);
  EXPECT_TRUE(c.known_alive("s1", t0));
  EXPECT_FALSE(c.known_alive("s2", t0));
  EXPECT_FALSE(c.known_alive("s1", t0 + 10s));  // expired: a miss
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {  // more threads than counter slots
    threads.emplace_back([&c] {
      for (int j = 0; j < 100; ++j) {
        EXPECT_TRUE(c.known_alive("s1", t0));
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(c.hits(), 1u + 20 * 100);
  EXPECT_EQ(c.misses(), 3u);
}

}  // namespace
}  // namespace ugoki::auth
