// Unit tests of auth's request parsing and response rendering.
// The header under test comes first: it must be self-contained.
#include "auth/dto.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/crypto/password.hpp"
#include "support/validation.hpp"

namespace ugoki::auth {
namespace {

using testing::bad_fields;

// The registration policy with a one-word common list: 12 to 128 code points, not "correct
// horse battery staple".
const crypto::password_policy& policy() {
  static const crypto::common_passwords common({"correct horse battery staple"});
  static const crypto::password_policy p(common);
  return p;
}

TEST(dto_register, reads_a_valid_body) {
  auto in =
      dto::parse_register(
          R"({"email":"Ann@Example.com","password":"correct horse battery","display_name":"Ann"})",
          policy())
          .value();
  EXPECT_EQ(in.email, "Ann@Example.com");
  EXPECT_EQ(in.password, "correct horse battery");
  EXPECT_EQ(in.display_name, "Ann");
  EXPECT_FALSE(dto::parse_register(R"({"email":"a@b.co","password":"twelve chars"})", policy())
                   ->display_name);
}

TEST(dto_register, names_every_bad_field_and_refuses_role_and_ids) {
  using V = std::vector<std::string>;
  EXPECT_EQ(bad_fields([] { return dto::parse_register("{}", policy()); }),
            (V{"email", "password"}));
  EXPECT_EQ(bad_fields([] {
              return dto::parse_register(
                  R"({"email":"nope","password":"twelve chars","role":"admin",
                      "email_verified":true})",
                  policy());
            }),
            (V{"email", "email_verified", "role"}));
  EXPECT_EQ(bad_fields(
                [] { return dto::parse_register(R"({"email":"a@b.co","password":7})", policy()); }),
            (V{"password"}));
  EXPECT_EQ(bad_fields([] {
              return dto::parse_register(
                  R"({"email":"a@b.co","password":"twelve chars","display_name":""})", policy());
            }),
            (V{"display_name"}));
  EXPECT_EQ(bad_fields([] { return dto::parse_register("not json", policy()); }).size(), 0u);
}

TEST(dto_register, the_password_policy_is_named_with_the_other_fields) {
  using V = std::vector<std::string>;
  EXPECT_EQ(bad_fields([] {
              return dto::parse_register(R"({"email":"nope","password":"short"})", policy());
            }),
            (V{"email", "password"}));
  EXPECT_EQ(bad_fields([] {
              return dto::parse_register(
                  R"({"email":"a@b.co","password":"Correct Horse Battery Staple"})", policy());
            }),
            (V{"password"}));
}

TEST(dto_password_change, names_the_policy_with_a_missing_current_password) {
  using V = std::vector<std::string>;
  EXPECT_EQ(bad_fields(
                [] { return dto::parse_password_change(R"({"new_password":"short"})", policy()); }),
            (V{"current_password", "new_password"}));
  auto ok = dto::parse_password_change(
      R"({"current_password":"old","new_password":"a long new password"})", policy());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->current_password, "old");
}

TEST(dto_login, needs_email_and_password_only) {
  auto in = dto::parse_login(R"({"email":"a@b.co","password":"secret"})").value();
  EXPECT_EQ(in.email, "a@b.co");
  using V = std::vector<std::string>;
  EXPECT_EQ(
      bad_fields([] { return dto::parse_login(R"({"email":"a@b.co","password":"s","x":1})"); }),
      (V{"x"}));
  std::string huge = R"({"email":"a@b.co","password":")" + std::string(1025, 'p') + "\"}";
  EXPECT_EQ(bad_fields([&] { return dto::parse_login(huge); }), (V{"password"}));
}

TEST(dto_refresh, is_optional_only_for_web_clients) {
  EXPECT_EQ(dto::parse_refresh(R"({"refresh_token":"abc"})", false).value(), "abc");
  EXPECT_EQ(dto::parse_refresh("", true).value(), "");
  using V = std::vector<std::string>;
  EXPECT_EQ(bad_fields([] { return dto::parse_refresh("{}", false); }), (V{"refresh_token"}));
  EXPECT_EQ(dto::parse_refresh("{}", true).value(), "");
}

TEST(dto_email, plausible_addresses_only) {
  EXPECT_TRUE(dto::is_plausible_email("ann@example.com"));
  EXPECT_TRUE(dto::is_plausible_email("a.b+tag@sub.example.co"));
  EXPECT_FALSE(dto::is_plausible_email("ann"));
  EXPECT_FALSE(dto::is_plausible_email("@example.com"));
  EXPECT_FALSE(dto::is_plausible_email("ann@"));
  EXPECT_FALSE(dto::is_plausible_email("ann@localhost"));
  EXPECT_FALSE(dto::is_plausible_email("a@b@example.com"));
  EXPECT_FALSE(dto::is_plausible_email("ann smith@example.com"));
  EXPECT_FALSE(dto::is_plausible_email("ann@example.com."));
  EXPECT_FALSE(dto::is_plausible_email("ann@example.com\n"));
}

TEST(dto_render, sign_in_hides_the_refresh_token_from_web_clients) {
  sign_in_result r;
  r.user = {"id-1", "a@b.co", "free", false, "2026-01-31T07:00:00Z", std::nullopt, false};
  r.tokens = {"jwt", 900, "refresh", "sid"};
  auto mobile = boost::json::parse(dto::render_sign_in(r, true, true)).as_object();
  EXPECT_EQ(mobile.at("tokens").at("refresh_token").as_string(), "refresh");
  EXPECT_EQ(mobile.at("tokens").at("token_type").as_string(), "Bearer");
  EXPECT_EQ(mobile.at("restored").as_bool(), false);
  EXPECT_FALSE(mobile.at("user").as_object().contains("password_hash"));
  auto web = boost::json::parse(dto::render_sign_in(r, false, false)).as_object();
  EXPECT_FALSE(web.at("tokens").as_object().contains("refresh_token"));
  EXPECT_FALSE(web.contains("restored"));
}

TEST(dto_render, sessions_as_rfc3339) {
  std::vector<session_info> list{{"s1", 1769842800123, 1769846400999, "App/1", true}};
  auto v = boost::json::parse(dto::render_sessions(list)).as_array();
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].at("created_at").as_string(), "2026-01-31T07:00:00Z");
  EXPECT_EQ(v[0].at("last_used_at").as_string(), "2026-01-31T08:00:00Z");
  EXPECT_EQ(v[0].at("current").as_bool(), true);
}

}  // namespace
}  // namespace ugoki::auth
