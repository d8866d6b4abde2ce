// core/query.hpp: each reader's texts, and one 400 naming every bad parameter in order.
#include "core/query.hpp"

#include <gtest/gtest.h>

#include <array>

namespace ugoki::query {
namespace {

using query_param = std::optional<std::string>;

TEST(query_integer, whole_text_in_bounds) {
  EXPECT_EQ(integer("42", 1, 100), 42);
  EXPECT_EQ(integer("-5", -10, 10), -5);
  EXPECT_EQ(integer("1", 1, 1), 1);
  EXPECT_FALSE(integer("0", 1, 100));
  EXPECT_FALSE(integer("101", 1, 100));
  EXPECT_FALSE(integer("", 1, 100));
  EXPECT_FALSE(integer("+5", 1, 100));
  EXPECT_FALSE(integer(" 5", 1, 100));
  EXPECT_FALSE(integer("5x", 1, 100));
  EXPECT_FALSE(integer("2.5", 1, 100));
  EXPECT_FALSE(integer("99999999999", 1, 100));  // out of int's range
}

TEST(query_reader, absent_parameters_are_nullopt_and_no_error) {
  reader r;
  EXPECT_FALSE(r.integer("limit", std::nullopt, 1, 100));
  EXPECT_FALSE(r.boolean("premium", std::nullopt));
  EXPECT_FALSE(r.one_of("status", std::nullopt, {"a", "b"}));
  EXPECT_FALSE(r.text("q", std::nullopt, 1, 100));
  EXPECT_TRUE(r.ok());
  auto done = r.finish(7);
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, 7);
}

TEST(query_reader, good_values_pass_through) {
  reader r;
  static constexpr std::array<std::string_view, 2> query_levels{"low", "high"};
  const std::vector<std::string> query_tags{"quick", "spicy"};
  EXPECT_EQ(r.integer("limit", query_param("20"), 1, 100), 20);
  EXPECT_EQ(r.boolean("premium", query_param("true")), true);
  EXPECT_EQ(r.boolean("premium", query_param("false")), false);
  EXPECT_EQ(r.one_of("status", query_param("b"), {"a", "b"}), "b");
  EXPECT_EQ(r.one_of("level", query_param("high"), query_levels), "high");
  EXPECT_EQ(r.one_of("tag", query_param("spicy"), query_tags), "spicy");
  EXPECT_EQ(r.text("q", query_param("push up"), 1, 100), "push up");
  EXPECT_TRUE(r.ok());
}

TEST(query_reader, one_400_names_every_bad_parameter_with_the_api_texts) {
  reader r;
  const std::vector<std::string> query_tags{"quick", "spicy"};
  EXPECT_FALSE(r.integer("limit", query_param("0"), 1, 100));
  EXPECT_FALSE(r.boolean("premium", query_param("yes")));
  EXPECT_FALSE(r.one_of("status", query_param("Active"), {"active", "completed", "cancelled"}));
  EXPECT_FALSE(r.one_of("tag", query_param("slow"), query_tags));
  EXPECT_FALSE(r.text("q", query_param(""), 1, 100));
  EXPECT_FALSE(r.text("q2", query_param(std::string(101, 'x')), 1, 100));
  r.add_error("cursor", std::string(foreign_cursor));
  EXPECT_FALSE(r.ok());
  auto done = r.finish(0);
  ASSERT_FALSE(done);
  const api_error& e = done.error();
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"limit", "must be an integer between 1 and 100"},
      {"premium", "must be true or false"},
      {"status", "must be one of: active, completed, cancelled"},
      {"tag", "must be one of: quick, spicy"},
      {"q", "must be between 1 and 100 characters"},
      {"q2", "must be between 1 and 100 characters"},
      {"cursor", "is not a cursor this API issued"}};
  ASSERT_EQ(e.details.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(e.details[i].field, expected[i].first);
    EXPECT_EQ(e.details[i].message, expected[i].second);
  }
}

TEST(QueryReader, OffsetPagesDefaultAndBound) {
  reader r;
  const offset_page defaults = r.offset(std::nullopt, std::nullopt);
  EXPECT_EQ(defaults.page, 1);
  EXPECT_EQ(defaults.per_page, 20);
  EXPECT_EQ(defaults.offset(), 0);
  const offset_page third = r.offset(std::string("3"), std::string("50"));
  EXPECT_EQ(third.page, 3);
  EXPECT_EQ(third.offset(), 100);
  EXPECT_TRUE(r.ok());
  // Past page 10000 and past 100 per page are refused, each named.
  const offset_page bad = r.offset(std::string("10001"), std::string("0"));
  EXPECT_EQ(bad.page, 1);
  EXPECT_EQ(bad.per_page, 20);
  auto done = r.finish(0);
  ASSERT_FALSE(done);
  ASSERT_EQ(done.error().details.size(), 2u);
  EXPECT_EQ(done.error().details[0].field, "page");
  EXPECT_EQ(done.error().details[0].message, "must be an integer between 1 and 10000");
  EXPECT_EQ(done.error().details[1].field, "per_page");
}

TEST(QueryReader, OffsetPaginationRendersTheEnvelopeMember) {
  EXPECT_EQ(render_offset_pagination({2, 20}, 41), R"({"page":2,"per_page":20,"total":41})");
}

}  // namespace
}  // namespace ugoki::query
