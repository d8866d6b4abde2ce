// Redis URL parsing, the RESP formatter/reader, backoff and script hashing: no server needed.
#include "core/redis/settings.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/redis/client.hpp"
#include "core/redis/resp.hpp"
#include "core/redis/transport.hpp"

namespace ugoki::redis {
namespace {

TEST(RedisUrl, ParsesFullUrl) {
  endpoint ep = parse_url("redis://:s%40cret@cache.local:6380/3");
  EXPECT_FALSE(ep.tls);
  EXPECT_EQ(ep.host, "cache.local");
  EXPECT_EQ(ep.port, 6380);
  EXPECT_EQ(ep.username, "");
  EXPECT_EQ(ep.password, "s@cret");
  EXPECT_EQ(ep.db, 3);
}

TEST(RedisUrl, DefaultsAndTlsAndAcl) {
  endpoint a = parse_url("redis://127.0.0.1");
  EXPECT_EQ(a.port, 6379);
  EXPECT_EQ(a.db, 0);
  EXPECT_TRUE(a.password.empty());
  endpoint b = parse_url("rediss://app:pw@[::1]:7000/");
  EXPECT_TRUE(b.tls);
  EXPECT_EQ(b.host, "::1");
  EXPECT_EQ(b.port, 7000);
  EXPECT_EQ(b.username, "app");
  EXPECT_EQ(b.password, "pw");
}

TEST(RedisUrl, RejectsBadUrlsWithoutLeakingThePassword) {
  for (const char* bad : {"", "localhost:6379", "http://localhost", "redis://", "redis://h:0",
                          "redis://h:99999", "redis://h:1/x", "redis://h:1/-1", "redis://h/1?x=1",
                          "redis://user@h", "redis://:secretpw@h:1/abc"}) {
    try {
      parse_url(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("invalid Redis URL"), std::string::npos) << what;
      EXPECT_EQ(what.find("secretpw"), std::string::npos) << what;
    }
  }
}

TEST(RedisUrl, ClientAndValidateRejectBadSettings) {
  EXPECT_THROW(client(settings{.url = "mysql://x"}, 1), std::invalid_argument);
  EXPECT_THROW(client(settings{.url = "redis://x"}, 0), std::invalid_argument);
  settings s{.url = "redis://x"};
  s.command_timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(validate(s), std::invalid_argument);
}

TEST(RedisResp, FormatsBinarySafeCommands) {
  std::string_view args[] = {"SET", std::string_view("a\0b", 3)};
  EXPECT_EQ(format_command(args), std::string("*2\r\n$3\r\nSET\r\n$3\r\na\0b\r\n", 22));
}

TEST(RedisResp, ReadsRepliesIncrementally) {
  resp_reader r;
  std::string wire = "+OK\r\n:42\r\n$-1\r\n-ERR bad\r\n*2\r\n$2\r\nab\r\n*1\r\n:1\r\n";
  // Byte by byte: replies split anywhere must still come out whole and in order.
  std::vector<reply> out;
  for (char ch : wire) {
    r.feed(&ch, 1);
    while (auto rep = r.next()) {
      out.push_back(*rep);
    }
  }
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].type(), reply_type::status);
  EXPECT_EQ(out[0].str(), "OK");
  EXPECT_EQ(out[1].integer(), 42);
  EXPECT_TRUE(out[2].is_nil());
  EXPECT_TRUE(out[3].is_error());
  EXPECT_THROW(out[3].throw_if_error(), redis::error);
  ASSERT_EQ(out[4].elements().size(), 2u);
  EXPECT_EQ(out[4].elements()[0].str(), "ab");
  EXPECT_EQ(out[4].elements()[1].elements()[0].integer(), 1);
  EXPECT_THROW(static_cast<void>(out[1].str()), std::logic_error);
}

TEST(RedisResp, ProtocolErrorIsUnavailable) {
  resp_reader r;
  EXPECT_THROW(
      {
        r.feed("?what\r\n", 7);
        static_cast<void>(r.next());
      },
      unavailable);
}

TEST(RedisBackoff, DoublesFrom100msTo5s) {
  backoff b;
  std::vector<long> got;
  for (int i = 0; i < 8; ++i) {
    got.push_back(static_cast<long>(b.next().count()));
  }
  EXPECT_EQ(got, (std::vector<long>{100, 200, 400, 800, 1600, 3200, 5000, 5000}));
  b.reset();
  EXPECT_EQ(b.next().count(), 100);
}

TEST(RedisScript, Sha1MatchesRedis) {
  // The SHA-1 Redis documents for "return 1" (SCRIPT LOAD answers the same).
  EXPECT_EQ(make_script("return 1").sha1, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
}

}  // namespace
}  // namespace ugoki::redis
