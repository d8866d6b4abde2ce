// Unit tests of auth's pure helpers: session ids in jti, Bearer parsing, user-agent cleaning.
// The header under test comes first: it must be self-contained.
#include "auth/service.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"

#include <set>

#include "auth/login_throttle.hpp"
#include "auth/token_store.hpp"

namespace ugoki::auth {
namespace {

TEST(token_id, carries_the_session_id) {
  std::string sid = "3f6c2b1e-8d4a-4f7e-9b2c-5a1d0e9f8c73";
  std::string jti = make_token_id(sid);
  EXPECT_EQ(session_id_of(jti), sid);
  EXPECT_GT(jti.size(), sid.size() + 16);
  // Unique per token even within one session.
  EXPECT_NE(make_token_id(sid), jti);
}

TEST(token_id, without_a_session_is_empty) {
  EXPECT_EQ(session_id_of(""), "");
  EXPECT_EQ(session_id_of("no-dot-here"), "");
  EXPECT_EQ(session_id_of(".starts-with-dot"), "");
}

TEST(session_id, is_a_lowercase_uuid_v4_and_unique) {
  // No std::regex here: GCC 12 at -O1 with ASan reports -Wmaybe-uninitialized inside it.
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = new_session_id();
    EXPECT_TRUE(json::is_uuid(id)) << id;
    EXPECT_EQ(id.find_first_of("ABCDEF"), std::string::npos) << id;
    EXPECT_EQ(id[14], '4') << id;                                               // version 4
    EXPECT_NE(std::string_view("89ab").find(id[19]), std::string::npos) << id;  // RFC 4122
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(claims_still_valid, a_cached_verification_expires_with_its_token) {
  const std::int64_t iat = 1'000'000, exp = iat + 900, leeway = 30;
  EXPECT_TRUE(claims_still_valid(exp, std::nullopt, iat, iat, leeway));
  EXPECT_TRUE(claims_still_valid(exp, std::nullopt, iat, exp + leeway - 1, leeway));
  EXPECT_FALSE(claims_still_valid(exp, std::nullopt, iat, exp + leeway, leeway));
  EXPECT_FALSE(claims_still_valid(exp, iat + 100, iat, iat, leeway));  // not yet valid
  EXPECT_TRUE(claims_still_valid(exp, iat + 100, iat, iat + 70, leeway));
  EXPECT_FALSE(claims_still_valid(exp, std::nullopt, iat + 100, iat, leeway));  // issued later
}

TEST(bearer_token, accepts_the_scheme_in_any_case) {
  EXPECT_EQ(bearer_token("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(bearer_token("bearer abc"), "abc");
  EXPECT_EQ(bearer_token("BEARER   abc  "), "abc");
}

TEST(bearer_token, refuses_other_schemes_and_empty_tokens) {
  EXPECT_FALSE(bearer_token(""));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token("Bearer "));
  EXPECT_FALSE(bearer_token("Bearer    "));
  EXPECT_FALSE(bearer_token("Basic dXNlcjpwYXNz"));
  EXPECT_FALSE(bearer_token("Bearerabc"));
  EXPECT_FALSE(bearer_token("Bearer abc def"));
  EXPECT_FALSE(bearer_token("Token abc"));
}

TEST(clean_user_agent, keeps_short_agents_as_they_are) {
  EXPECT_EQ(clean_user_agent("UgokiApp/1.4 (iPhone; iOS 17.2)"), "UgokiApp/1.4 (iPhone; iOS 17.2)");
  EXPECT_EQ(clean_user_agent(""), "");
}

TEST(clean_user_agent, cuts_at_200_code_points_never_inside_one) {
  std::string ascii(500, 'a');
  EXPECT_EQ(clean_user_agent(ascii).size(), 200u);
  std::string accents;
  for (int i = 0; i < 300; ++i) {
    accents += "\xC3\xA9";  // é, two bytes
  }
  std::string cut = clean_user_agent(accents);
  EXPECT_EQ(cut.size(), 400u);  // 200 code points of 2 bytes
  EXPECT_EQ(clean_user_agent("\xF0\x9F\xA6\x8A\xF0\x9F\xA6\x8A", 1), "\xF0\x9F\xA6\x8A");
}

TEST(clean_user_agent, drops_control_characters_and_broken_bytes) {
  EXPECT_EQ(clean_user_agent("App\r\nX-Evil: 1\t\x7F"), "AppX-Evil: 1");
  EXPECT_EQ(clean_user_agent("ok\xC3"), "ok");      // truncated sequence
  EXPECT_EQ(clean_user_agent("a\x80\x80z"), "az");  // stray continuation bytes
  EXPECT_EQ(clean_user_agent("a\xE2\x82z"), "az");  // broken 3-byte sequence
}

TEST(retry_after, rounds_up_to_whole_seconds_at_least_one) {
  using std::chrono::milliseconds;
  EXPECT_EQ(retry_after_seconds(milliseconds(1)), 1);
  EXPECT_EQ(retry_after_seconds(milliseconds(999)), 1);
  EXPECT_EQ(retry_after_seconds(milliseconds(1000)), 1);
  EXPECT_EQ(retry_after_seconds(milliseconds(1001)), 2);
  EXPECT_EQ(retry_after_seconds(milliseconds(0)), 1);
}

}  // namespace
}  // namespace ugoki::auth
