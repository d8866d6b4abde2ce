// The rate_limit section of app::config: defaults, the test-env default, validation.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace ugoki::app {
namespace {

config load_rate_limit_config(std::map<std::string, std::string> vars) {
  vars.emplace("UGOKI_DATABASE_URL", "postgresql:///ugoki?host=/tmp");
  vars.emplace("UGOKI_REDIS_URL", "redis://127.0.0.1:6379");
  return load_config([vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

// Whether loading fails with a problem that starts with `prefix`.
bool rejects(std::map<std::string, std::string> vars, const std::string& prefix) {
  try {
    load_rate_limit_config(std::move(vars));
  } catch (const config_error& e) {
    return std::any_of(e.problems.begin(), e.problems.end(),
                       [&](const std::string& p) { return p.rfind(prefix, 0) == 0; });
  }
  return false;
}

TEST(rate_limit_config, defaults_are_the_plan_tiers_and_fail_open) {
  auto c = load_rate_limit_config({});
  EXPECT_TRUE(c.rate_limit.enabled);
  EXPECT_EQ(c.rate_limit.limits.anonymous, 30);
  EXPECT_EQ(c.rate_limit.limits.free, 100);
  EXPECT_EQ(c.rate_limit.limits.premium, 300);
  EXPECT_EQ(c.rate_limit.limits.burst_ceiling, 500);
  EXPECT_EQ(c.rate_limit.limits.window, std::chrono::seconds(60));
  EXPECT_EQ(c.rate_limit.limits.on_failure, ratelimit::failure_mode::open);
  EXPECT_TRUE(c.http.trusted_proxies.empty());
}

TEST(rate_limit_config, off_by_default_only_in_the_test_env) {
  EXPECT_FALSE(load_rate_limit_config({{"UGOKI_ENV", "test"}}).rate_limit.enabled);
  EXPECT_TRUE(load_rate_limit_config({{"UGOKI_ENV", "test"}, {"UGOKI_RATE_LIMIT_ENABLED", "true"}})
                  .rate_limit.enabled);
  EXPECT_FALSE(load_rate_limit_config({{"UGOKI_RATE_LIMIT_ENABLED", "false"}}).rate_limit.enabled);
}

TEST(rate_limit_config, reads_every_key) {
  auto c = load_rate_limit_config({{"UGOKI_RATE_LIMIT_ANONYMOUS", "3"},
                                   {"UGOKI_RATE_LIMIT_FREE", "4"},
                                   {"UGOKI_RATE_LIMIT_PREMIUM", "5"},
                                   {"UGOKI_RATE_LIMIT_BURST_CEILING", "6"},
                                   {"UGOKI_RATE_LIMIT_WINDOW_S", "10"},
                                   {"UGOKI_RATE_LIMIT_KEY_PREFIX", "staging:rl:"},
                                   {"UGOKI_RATE_LIMIT_REDIS_FAILURE", "closed"},
                                   {"UGOKI_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8"}});
  const auto& l = c.rate_limit.limits;
  EXPECT_EQ(l.anonymous, 3);
  EXPECT_EQ(l.free, 4);
  EXPECT_EQ(l.premium, 5);
  EXPECT_EQ(l.burst_ceiling, 6);
  EXPECT_EQ(l.window, std::chrono::seconds(10));
  EXPECT_EQ(l.key_prefix, "staging:rl:");
  EXPECT_EQ(l.on_failure, ratelimit::failure_mode::closed);
  EXPECT_EQ(c.http.trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "fd00::/8"}));
}

TEST(rate_limit_config, rejects_bad_values) {
  EXPECT_TRUE(
      rejects({{"UGOKI_RATE_LIMIT_REDIS_FAILURE", "maybe"}}, "UGOKI_RATE_LIMIT_REDIS_FAILURE"));
  EXPECT_TRUE(rejects({{"UGOKI_RATE_LIMIT_PREMIUM", "900"}}, "UGOKI_RATE_LIMIT_*"));
  EXPECT_TRUE(rejects({{"UGOKI_RATE_LIMIT_FREE", "0"}}, "UGOKI_RATE_LIMIT_FREE"));
  EXPECT_TRUE(rejects({{"UGOKI_RATE_LIMIT_WINDOW_S", "0"}}, "UGOKI_RATE_LIMIT_WINDOW_S"));
  EXPECT_TRUE(rejects({{"UGOKI_RATE_LIMIT_ENABLED", "sometimes"}}, "UGOKI_RATE_LIMIT_ENABLED"));
  EXPECT_TRUE(
      rejects({{"UGOKI_TRUSTED_PROXIES", "10.0.0.0/8, proxy.local"}}, "UGOKI_TRUSTED_PROXIES"));
}

}  // namespace
}  // namespace ugoki::app
