// The header under test comes first: it must be self-contained.
#include "core/http/negotiation.hpp"

#include <gtest/gtest.h>

namespace ugoki::http::detail {
namespace {

TEST(negotiation, content_type_matches_with_parameters_and_any_case) {
  EXPECT_TRUE(is_content_type("application/json", "application/json"));
  EXPECT_TRUE(is_content_type("Application/JSON; charset=utf-8", "application/json"));
  EXPECT_FALSE(is_content_type("application/jsonx", "application/json"));
  EXPECT_FALSE(is_content_type("text/plain", "application/json"));
  EXPECT_FALSE(is_content_type("", "application/json"));
}

TEST(negotiation, accept_follows_rfc9110_precedence) {
  constexpr std::string_view json = "application/json";
  EXPECT_TRUE(accepts("", json));
  EXPECT_TRUE(accepts("*/*", json));
  EXPECT_TRUE(accepts("application/*", json));
  EXPECT_TRUE(accepts("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", json));
  EXPECT_TRUE(accepts("application/json;q=0.5", json));
  EXPECT_FALSE(accepts("application/xml", json));
  EXPECT_FALSE(accepts("text/*", json));
  EXPECT_FALSE(accepts("application/json;q=0", json));
  // The most specific range decides: an exact q=0 beats */*, an exact q>0 beats */*;q=0.
  EXPECT_FALSE(accepts("*/*, application/json;q=0", json));
  EXPECT_TRUE(accepts("*/*;q=0, application/json", json));
  EXPECT_FALSE(accepts("application/*;q=0, */*", json));
  // Several produced types: any one admitted is enough.
  EXPECT_TRUE(accepts("text/csv", "application/json, text/csv"));
  EXPECT_FALSE(accepts("text/html", "application/json, text/csv"));
}

TEST(negotiation, a_malformed_accept_is_no_reason_to_refuse) {
  EXPECT_TRUE(accepts("json", "application/json"));
  EXPECT_TRUE(accepts("application/xml;q=2", "application/json"));
  EXPECT_TRUE(accepts(",,, ", "application/json"));
}

}  // namespace
}  // namespace ugoki::http::detail
