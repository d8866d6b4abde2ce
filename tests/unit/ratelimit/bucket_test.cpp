// The header under test comes first: it must be self-contained.
#include "core/ratelimit/bucket.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ugoki::ratelimit {
namespace {

using redis::reply;

reply script_reply(std::int64_t allowed, std::int64_t cap, std::int64_t remaining,
                   std::int64_t reset_ms, std::int64_t retry_ms) {
  return reply::make_array({reply::make_integer(allowed), reply::make_integer(cap),
                            reply::make_integer(remaining), reply::make_integer(reset_ms),
                            reply::make_integer(retry_ms)});
}

TEST(bucket, defaults_are_the_plan_tiers) {
  settings s;
  EXPECT_EQ(capacity(s, http::rate_tier::anonymous), 30);
  EXPECT_EQ(capacity(s, http::rate_tier::free), 100);
  EXPECT_EQ(capacity(s, http::rate_tier::premium), 300);
  EXPECT_EQ(s.burst_ceiling, 500);
  EXPECT_EQ(s.window, std::chrono::seconds(60));
  EXPECT_EQ(s.on_failure, failure_mode::open);
  EXPECT_NO_THROW(validate(s));
}

TEST(bucket, validate_rejects_tiers_above_the_ceiling_and_bad_windows) {
  settings s;
  s.premium = 600;
  EXPECT_THROW(validate(s), std::invalid_argument);
  s = settings{};
  s.anonymous = 0;
  EXPECT_THROW(validate(s), std::invalid_argument);
  s = settings{};
  s.window = std::chrono::milliseconds(500);
  EXPECT_THROW(validate(s), std::invalid_argument);
  s = settings{};
  s.window = std::chrono::hours(2);
  EXPECT_THROW(validate(s), std::invalid_argument);
}

TEST(bucket, anonymous_callers_are_keyed_by_ip_users_by_id) {
  settings s;
  s.key_prefix = "p:";
  auto anon = make_call(s, {http::rate_tier::anonymous, "10.0.0.7", "10.0.0.7"});
  ASSERT_EQ(anon.keys.size(), 2u);
  EXPECT_EQ(anon.keys[0], "p:ip:10.0.0.7");
  EXPECT_EQ(anon.keys[1], "p:ceiling:10.0.0.7");
  EXPECT_EQ(anon.args, (std::vector<std::string>{"30", "500", "60000"}));

  auto user = make_call(s, {http::rate_tier::premium, "u-1", "10.0.0.7"});
  EXPECT_EQ(user.keys[0], "p:user:u-1");
  EXPECT_EQ(user.keys[1], "p:ceiling:10.0.0.7");
  EXPECT_EQ(user.args[0], "300");
}

TEST(bucket, ipv6_clients_share_a_bucket_per_64) {
  EXPECT_EQ(client_bucket_id("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(client_bucket_id("2001:db8:1:2::1"), client_bucket_id("2001:db8:1:2:ffff::9"));
  EXPECT_NE(client_bucket_id("2001:db8:1:2::1"), client_bucket_id("2001:db8:1:3::1"));
  EXPECT_EQ(client_bucket_id("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(client_bucket_id("not an ip"), "not an ip");
}

TEST(bucket, reply_milliseconds_round_up_to_seconds) {
  auto d = to_decision(script_reply(1, 100, 41, 35'001, 0));
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.limit, 100);
  EXPECT_EQ(d.remaining, 41);
  EXPECT_EQ(d.reset, 36);  // 35.001 s: a client waiting 35 s would find the bucket short
  EXPECT_EQ(d.retry_after, 0);

  d = to_decision(script_reply(0, 30, 0, 60'000, 1));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reset, 60);
  EXPECT_EQ(d.retry_after, 1);

  d = to_decision(script_reply(0, 30, 0, 59'000, 0));
  EXPECT_EQ(d.retry_after, 1) << "a denial never says retry after 0";

  d = to_decision(script_reply(1, 30, 29, 0, 0));
  EXPECT_EQ(d.reset, 0);
}

TEST(bucket, malformed_replies_throw) {
  EXPECT_THROW(to_decision(reply::make_nil()), std::runtime_error);
  EXPECT_THROW(to_decision(reply::make_array({reply::make_integer(1)})), std::runtime_error);
  EXPECT_THROW(to_decision(reply::make_array({reply::make_integer(1), reply::make_string("x"),
                                              reply::make_integer(1), reply::make_integer(1),
                                              reply::make_integer(1)})),
               std::runtime_error);
}

TEST(bucket, headers_follow_the_decision) {
  http::rate_decision ok{true, 100, 99, 1, 0};
  auto h = http::rate_limit_headers(ok);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], (std::pair<std::string, std::string>{"RateLimit-Limit", "100"}));
  EXPECT_EQ(h[1], (std::pair<std::string, std::string>{"RateLimit-Remaining", "99"}));
  EXPECT_EQ(h[2], (std::pair<std::string, std::string>{"RateLimit-Reset", "1"}));

  http::rate_decision no{false, 30, 0, 60, 2};
  auto e = http::too_many_requests(no);
  EXPECT_EQ(e.status, 429);
  EXPECT_EQ(e.code, "RATE_001");
  ASSERT_EQ(e.headers.size(), 4u);
  EXPECT_EQ(e.headers[3], (std::pair<std::string, std::string>{"Retry-After", "2"}));
}

TEST(bucket, roles_map_to_tiers) {
  EXPECT_EQ(http::tier_for_role("free"), http::rate_tier::free);
  EXPECT_EQ(http::tier_for_role("premium"), http::rate_tier::premium);
  EXPECT_EQ(http::tier_for_role("admin"), http::rate_tier::premium);
  EXPECT_EQ(http::tier_for_role("something-new"), http::rate_tier::free);
}

TEST(bucket, script_source_is_the_one_lua_script) {
  const auto& src = bucket_script_source();
  EXPECT_NE(src.find("redis.call('TIME')"), std::string::npos);
  EXPECT_NE(src.find("'PX'"), std::string::npos);
}

}  // namespace
}  // namespace ugoki::ratelimit
