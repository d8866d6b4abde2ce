// Password reset's pure parts: the token shape checked before any database work, the mail text,
// and the request and confirmation bodies.
#include "auth/password_reset.hpp"

#include <gtest/gtest.h>

#include "auth/dto.hpp"
#include "core/crypto/password.hpp"
#include "core/crypto/random.hpp"
#include "support/validation.hpp"

namespace ugoki::auth {
namespace {

TEST(password_reset, token_shape_is_43_base64url_characters) {
  EXPECT_TRUE(is_reset_token_shape(crypto::random_token(32)));
  EXPECT_TRUE(is_reset_token_shape(std::string(43, 'A')));
  EXPECT_FALSE(is_reset_token_shape(std::string(42, 'A')));
  EXPECT_FALSE(is_reset_token_shape(std::string(44, 'A')));
  EXPECT_FALSE(is_reset_token_shape(std::string(42, 'A') + "="));
  EXPECT_FALSE(is_reset_token_shape(std::string(42, 'A') + "+"));
  EXPECT_FALSE(is_reset_token_shape(""));
}

TEST(password_reset, the_link_carries_the_token_in_its_fragment) {
  EXPECT_EQ(reset_link("https://app.example.com", "T"),
            "https://app.example.com/reset-password#token=T");
}

TEST(password_reset, mail_text_names_the_account_link_and_lifetime) {
  auto text = reset_mail_text("ana@example.com", "https://app.example.com/reset-password#token=T",
                              std::chrono::minutes(30));
  EXPECT_NE(text.find("ana@example.com"), std::string::npos);
  EXPECT_NE(text.find("\nhttps://app.example.com/reset-password#token=T\n"), std::string::npos);
  EXPECT_NE(text.find("within 30 minutes"), std::string::npos);
}

TEST(password_reset, bodies_are_validated_field_by_field) {
  EXPECT_EQ(dto::parse_reset_request(R"({"email":"Ana@Example.com"})").value(), "Ana@Example.com");
  using fields = std::vector<std::string>;
  EXPECT_EQ(
      testing::bad_fields([] { return dto::parse_reset_request(R"({"email":"nope","extra":1})"); }),
      (fields{"email", "extra"}));
  static const crypto::common_passwords none;
  static const crypto::password_policy policy(none);
  auto c = dto::parse_reset_confirmation(R"({"token":"t","new_password":"twelve chars"})", policy)
               .value();
  EXPECT_EQ(c.token, "t");
  EXPECT_EQ(c.new_password, "twelve chars");
  EXPECT_EQ(testing::bad_fields([] {
              return dto::parse_reset_confirmation(R"({"new_password":"twelve chars"})", policy);
            }),
            (fields{"token"}));
  // The policy's verdict is named with the missing token, not after it.
  EXPECT_EQ(testing::bad_fields([] {
              return dto::parse_reset_confirmation(R"({"new_password":"short"})", policy);
            }),
            (fields{"new_password", "token"}));
}

}  // namespace
}  // namespace ugoki::auth
