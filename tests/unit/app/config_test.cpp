// The header under test comes first: it must be self-contained.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace ugoki::app {
namespace {

config load_app_config(std::map<std::string, std::string> vars) {
  return load_config([vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

std::vector<std::string> problems(std::map<std::string, std::string> vars) {
  try {
    load_app_config(std::move(vars));
  } catch (const config_error& e) {
    return e.problems;
  }
  return {};
}

const std::map<std::string, std::string> minimal{
    {"UGOKI_DATABASE_URL", "postgresql:///ugoki?host=/tmp"},
    {"UGOKI_REDIS_URL", "redis://127.0.0.1:6379"}};

TEST(config, defaults_for_development) {
  auto c = load_app_config(minimal);
  EXPECT_EQ(c.env, "development");
  EXPECT_EQ(c.http.port, 8080);
  EXPECT_EQ(c.http.host, "127.0.0.1");
  EXPECT_GE(c.http.threads, 1u);
  EXPECT_FALSE(c.cursor_secret.empty());  // generated for dev
  EXPECT_FALSE(c.http.hsts);
}

TEST(config, lists_every_problem_at_once) {
  auto p = problems({{"UGOKI_HTTP_PORT", "70000"},
                     {"UGOKI_ENV", "staging"},
                     {"UGOKI_THREADS", "two"},
                     {"UGOKI_REDIS_URL", "http://x"},
                     {"UGOKI_CORS_ORIGINS", "*"},
                     {"UGOKI_LOG_LEVEL", "loud"}});
  ASSERT_EQ(p.size(), 7u);  // the six above plus the missing database URL
  auto has = [&](std::string_view key) {
    for (const auto& line : p) {
      if (line.rfind(key, 0) == 0) {
        return true;
      }
    }
    return false;
  };
  for (auto key : {"UGOKI_HTTP_PORT", "UGOKI_ENV", "UGOKI_THREADS", "UGOKI_REDIS_URL",
                   "UGOKI_CORS_ORIGINS", "UGOKI_LOG_LEVEL", "UGOKI_DATABASE_URL"}) {
    EXPECT_TRUE(has(key)) << key;
  }
}

TEST(config, production_requires_secrets) {
  auto vars = minimal;
  vars["UGOKI_ENV"] = "production";
  auto p = problems(vars);
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].rfind("UGOKI_SMTP_URL", 0), 0u);
  EXPECT_EQ(p[1].rfind("UGOKI_APP_URL", 0), 0u);
  EXPECT_EQ(p[2].rfind("UGOKI_CURSOR_SECRET", 0), 0u);
  EXPECT_EQ(p[3].rfind("UGOKI_PII_KEYS", 0), 0u);
  EXPECT_EQ(p[4].rfind("UGOKI_JWT_KEYS", 0), 0u);
  vars["UGOKI_SMTP_URL"] = "smtp://mail.example.com:587";
  vars["UGOKI_APP_URL"] = "https://app.example.com/";
  vars["UGOKI_CURSOR_SECRET"] = std::string(40, 'k');
  vars["UGOKI_PII_KEYS"] = "k1:" + std::string(43, 'A');
  // Config only checks that the key file is readable; the key set parses it at serve time.
  vars["UGOKI_JWT_KEYS"] = "k1:/dev/null";
  auto c = load_app_config(vars);
  EXPECT_EQ(c.http.host, "0.0.0.0");
  EXPECT_TRUE(c.http.hsts);
  EXPECT_TRUE(c.mail.smtp_starttls) << "production mail goes out over TLS";
  EXPECT_EQ(c.mail.app_url, "https://app.example.com");
}

TEST(config, mail_settings_are_checked) {
  auto vars = minimal;
  auto c = load_app_config(vars);
  EXPECT_EQ(c.mail.smtp_url, "");  // dev and test write .eml files instead
  EXPECT_FALSE(c.mail.smtp_starttls);
  EXPECT_EQ(c.mail.app_url, "http://localhost:3000");
  vars["UGOKI_SMTP_URL"] = "http://mail.example.com";
  vars["UGOKI_MAIL_FROM"] = "nobody";
  vars["UGOKI_APP_URL"] = "ftp://app";
  auto p = problems(vars);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].rfind("UGOKI_SMTP_URL", 0), 0u);
  EXPECT_EQ(p[1].rfind("UGOKI_MAIL_FROM", 0), 0u);
  EXPECT_EQ(p[2].rfind("UGOKI_APP_URL", 0), 0u);
}

TEST(config, parses_lists_and_durations) {
  auto vars = minimal;
  vars["UGOKI_CORS_ORIGINS"] = "https://a.example.com, http://localhost:3000";
  vars["UGOKI_HEADER_TIMEOUT_MS"] = "2500";
  auto c = load_app_config(vars);
  EXPECT_EQ(c.http.cors_origins,
            (std::vector<std::string>{"https://a.example.com", "http://localhost:3000"}));
  EXPECT_EQ(c.http.header_timeout, std::chrono::milliseconds(2500));
}

}  // namespace
}  // namespace ugoki::app

namespace ugoki::app {
namespace {

TEST(config, media_is_local_unless_all_six_s3_settings_are_set) {
  auto local = load_app_config(minimal);
  EXPECT_FALSE(local.media.s3());
  EXPECT_EQ(local.media.dir, "var/media");
  EXPECT_EQ(local.media.max_bytes, 5 * 1024 * 1024);

  auto vars = minimal;
  vars["UGOKI_MEDIA_S3_ENDPOINT"] = "https://s3.eu-west-1.amazonaws.com";
  vars["UGOKI_MEDIA_S3_BUCKET"] = "ugoki-media";
  auto partial = problems(vars);
  ASSERT_EQ(partial.size(), 4u);  // region, both keys and the public base URL are missing
  vars["UGOKI_MEDIA_S3_REGION"] = "eu-west-1";
  vars["UGOKI_MEDIA_S3_ACCESS_KEY_ID"] = "AKID";
  vars["UGOKI_MEDIA_S3_SECRET_ACCESS_KEY"] = "secret";
  vars["UGOKI_MEDIA_S3_PUBLIC_BASE_URL"] = "https://cdn.example.com";
  vars["UGOKI_MEDIA_S3_URL_TTL_S"] = "600";
  auto s3 = load_app_config(vars);
  EXPECT_TRUE(s3.media.s3());
  EXPECT_EQ(s3.media.s3_url_ttl, std::chrono::seconds(600));
  vars["UGOKI_MEDIA_S3_ENDPOINT"] = "https://s3.example.com/bucket";
  vars["UGOKI_MEDIA_S3_BUCKET"] = "Ugoki_Media";
  EXPECT_EQ(problems(vars).size(), 2u);
}

}  // namespace
}  // namespace ugoki::app
