// Unit tests of the `auth` section of the configuration (UGOKI_JWT_*, token TTLs, Argon2id,
// worker pool, Redis failure mode): defaults, production requirements, every bad value named.
// The header under test comes first: it must be self-contained.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace ugoki::app {
namespace {

using vars_t = std::map<std::string, std::string>;

config load_auth_config(vars_t vars) {
  return load_config([vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

std::vector<std::string> problems(vars_t vars) {
  try {
    load_auth_config(std::move(vars));
  } catch (const config_error& e) {
    return e.problems;
  }
  return {};
}

bool mentions(const std::vector<std::string>& problems, std::string_view key) {
  for (const auto& p : problems) {
    if (p.rfind(key, 0) == 0) {
      return true;
    }
  }
  return false;
}

const vars_t minimal{{"UGOKI_DATABASE_URL", "postgresql:///ugoki?host=/tmp"},
                     {"UGOKI_REDIS_URL", "redis://127.0.0.1:6379"}};

// A readable file standing in for a PEM (config checks readability; the key set parses it).
std::filesystem::path key_file() {
  auto path = std::filesystem::temp_directory_path() / "ugoki_auth_config_test.pem";
  std::ofstream(path) << "-----BEGIN PRIVATE KEY-----\n";
  return path;
}

TEST(auth_config, defaults_for_development) {
  auto c = load_auth_config(minimal);
  EXPECT_TRUE(c.auth.jwt_keys.empty());  // a key is generated per process
  EXPECT_EQ(c.auth.issuer, "ugoki");
  EXPECT_EQ(c.auth.audience, "ugoki-api");
  EXPECT_EQ(c.auth.access_ttl, std::chrono::seconds(900));
  EXPECT_EQ(c.auth.refresh_ttl, std::chrono::seconds(7 * 24 * 3600));
  EXPECT_EQ(c.auth.argon2_iterations, 2u);
  EXPECT_EQ(c.auth.argon2_memory_kib, 19456u);
  EXPECT_GE(c.auth.worker_threads, 1u);
  EXPECT_FALSE(c.auth.redis_failure_open);
  EXPECT_EQ(c.auth.common_passwords_file, "data/common-passwords.txt");
  EXPECT_TRUE(c.auth.login_throttle);
  EXPECT_EQ(c.auth.login_throttle_account_failures, 5);
  auto vars = minimal;
  vars["UGOKI_ENV"] = "test";
  EXPECT_FALSE(
      load_auth_config(vars).auth.login_throttle);  // suites fire many bad logins on purpose
}

TEST(auth_config, production_requires_jwt_keys) {
  auto vars = minimal;
  vars["UGOKI_ENV"] = "production";
  vars["UGOKI_CURSOR_SECRET"] = std::string(40, 'k');
  vars["UGOKI_PII_KEYS"] = "k1:" + std::string(43, 'A');
  vars["UGOKI_SMTP_URL"] = "smtp://mail.example.com:587";
  vars["UGOKI_APP_URL"] = "https://app.example.com";
  EXPECT_TRUE(mentions(problems(vars), "UGOKI_JWT_KEYS"));
  vars["UGOKI_JWT_KEYS"] = "k1:" + key_file().string();
  auto c = load_auth_config(vars);
  ASSERT_EQ(c.auth.jwt_keys.size(), 1u);
  EXPECT_EQ(c.auth.jwt_keys[0].kid, "k1");
  vars["UGOKI_ARGON2_ITERATIONS"] = "1";
  EXPECT_TRUE(mentions(problems(vars), "UGOKI_ARGON2_"));
}

TEST(auth_config, reads_several_keys_and_settings) {
  auto vars = minimal;
  auto path = key_file().string();
  vars["UGOKI_JWT_KEYS"] = "new:" + path + ", old:" + path;
  vars["UGOKI_JWT_SIGNING_KID"] = "new";
  vars["UGOKI_ACCESS_TOKEN_TTL_S"] = "600";
  vars["UGOKI_AUTH_REDIS_FAILURE"] = "open";
  vars["UGOKI_AUTH_WORKER_THREADS"] = "3";
  auto c = load_auth_config(vars);
  ASSERT_EQ(c.auth.jwt_keys.size(), 2u);
  EXPECT_EQ(c.auth.jwt_keys[1].kid, "old");
  EXPECT_EQ(c.auth.jwt_signing_kid, "new");
  EXPECT_EQ(c.auth.access_ttl, std::chrono::seconds(600));
  EXPECT_TRUE(c.auth.redis_failure_open);
  EXPECT_EQ(c.auth.worker_threads, 3u);
}

TEST(auth_config, names_every_bad_value) {
  auto vars = minimal;
  vars["UGOKI_JWT_KEYS"] = "nokid,k2:/nonexistent/key.pem";
  vars["UGOKI_ACCESS_TOKEN_TTL_S"] = "5";
  vars["UGOKI_AUTH_REDIS_FAILURE"] = "maybe";
  auto p = problems(vars);
  EXPECT_EQ(p.size(), 4u);
  EXPECT_TRUE(mentions(p, "UGOKI_JWT_KEYS"));
  EXPECT_TRUE(mentions(p, "UGOKI_ACCESS_TOKEN_TTL_S"));
  EXPECT_TRUE(mentions(p, "UGOKI_AUTH_REDIS_FAILURE"));
}

}  // namespace
}  // namespace ugoki::app
