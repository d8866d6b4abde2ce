// The header under test comes first: it must be self-contained.
#include "core/version_guard.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/json.hpp"

namespace ugoki::version_guard {
namespace {

TEST(version_guard, if_match_names_a_version) {
  EXPECT_EQ(*parse_if_match("\"v12\""), std::optional<std::int64_t>(12));
  EXPECT_EQ(*parse_if_match(" \"v1\" "), std::optional<std::int64_t>(1));
  EXPECT_EQ(*parse_if_match(""), std::nullopt);
  EXPECT_EQ(*parse_if_match("*"), std::nullopt);
  for (const char* bad : {"v12", "\"v0\"", "\"v\"", "W/\"v3\"", "\"v3\", \"v4\"", "\"12\""}) {
    auto r = parse_if_match(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().details.at(0).field, "If-Match");
  }
  EXPECT_EQ(etag_of(7), "\"v7\"");
}

std::vector<std::string> version_guard_fields(const json::field_reader& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors()) {
    out.push_back(e.field);
  }
  return out;
}

TEST(version_guard, the_member_and_the_header_must_agree) {
  auto obj = boost::json::parse(R"({"version":4})").as_object();
  json::field_reader agree(obj);
  EXPECT_EQ(read(agree, "\"v4\""), 4);
  EXPECT_TRUE(agree.ok());
  json::field_reader member_only(obj);
  EXPECT_EQ(read(member_only, ""), 4);
  json::field_reader differ(obj);
  EXPECT_EQ(read(differ, "\"v3\""), std::nullopt);
  EXPECT_EQ(version_guard_fields(differ), (std::vector<std::string>{"version"}));
  json::field_reader bad_header(obj);
  EXPECT_EQ(read(bad_header, "\"3\""), std::nullopt);
  EXPECT_EQ(version_guard_fields(bad_header), (std::vector<std::string>{"If-Match"}));
}

TEST(version_guard, require_names_a_missing_version) {
  auto empty = boost::json::object{};
  json::field_reader none(empty);
  EXPECT_EQ(read(none, ""), std::nullopt);
  EXPECT_TRUE(none.ok());
  json::field_reader required(empty);
  EXPECT_EQ(require(required, ""), std::nullopt);
  EXPECT_EQ(version_guard_fields(required), (std::vector<std::string>{"version"}));
  json::field_reader header(empty);
  EXPECT_EQ(require(header, "\"v2\""), 2);
  EXPECT_TRUE(header.ok());
  EXPECT_EQ(stale("changed").status, 412);
  EXPECT_EQ(stale("changed").code, "REQ_006");
}

}  // namespace
}  // namespace ugoki::version_guard
