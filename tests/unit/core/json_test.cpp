// The header under test comes first: it must be self-contained.
#include "core/json.hpp"

#include <gtest/gtest.h>

namespace ugoki::json {
namespace {

http::api_error caught(const std::function<void()>& f) {
  try {
    f();
  } catch (const http::api_exception& e) {
    return e.error;
  }
  ADD_FAILURE() << "expected an api_exception";
  return {};
}

TEST(json_parse_object, rejects_malformed_and_non_objects) {
  EXPECT_EQ(caught([] { parse_object("{"); }).code, "VAL_001");
  EXPECT_EQ(caught([] { parse_object("[1,2]"); }).status, 400);
  EXPECT_EQ(caught([] { parse_object(""); }).status, 400);
  std::string deep(40, '[');
  EXPECT_EQ(caught([&] { parse_object("{\"a\":" + deep); }).status, 400);
  EXPECT_EQ(parse_object(R"({"a":1})").at("a").as_int64(), 1);
}

TEST(json_is_uuid, accepts_only_canonical_form) {
  EXPECT_TRUE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
  EXPECT_TRUE(is_uuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
  EXPECT_FALSE(is_uuid("0f8fad5bd9cb469fa16570867728950e"));
  EXPECT_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
  EXPECT_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950g"));
  EXPECT_FALSE(is_uuid("' OR 1=1 --"));
}

TEST(json_field_reader, collects_every_error_with_field_names) {
  auto obj = parse_object(
      R"({"name":"","age":200,"kind":"x","id":"nope","flag":1,"role":"admin","n":"7"})");
  field_reader in(obj);
  in.reject_unknown({"name", "age", "kind", "id", "flag", "n", "missing"});
  in.string("name", 1, 10);
  in.integer("age", 0, 150);
  in.one_of("kind", {"a", "b"});
  in.uuid("id");
  in.boolean("flag");
  in.number("n", 0, 10);
  in.string("missing", 1, 5, true);
  auto e = caught([&] { in.finish(); });
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  std::vector<std::string> fields;
  for (const auto& d : e.details) {
    fields.push_back(d.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"role", "name", "age", "kind", "id", "flag", "n",
                                              "missing"}));
}

TEST(json_field_reader, reads_valid_values) {
  auto obj = parse_object(
      R"({"name":"Zoë","age":30,"ratio":1.5,"kind":"b","id":"0F8FAD5B-D9CB-469F-A165-70867728950E","flag":true,"gone":null,"whole":3.0})");
  field_reader in(obj);
  EXPECT_EQ(in.string("name", 3, 3), "Zoë");  // three characters, four bytes
  EXPECT_EQ(in.integer("age", 0, 150), 30);
  EXPECT_EQ(in.integer("whole", 0, 5), 3);
  EXPECT_DOUBLE_EQ(*in.number("ratio", 0, 2), 1.5);
  EXPECT_EQ(in.one_of("kind", {"a", "b"}), "b");
  EXPECT_EQ(in.uuid("id"), "0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_EQ(in.boolean("flag"), true);
  EXPECT_TRUE(in.is_null("gone"));
  EXPECT_EQ(in.string("gone", 0, 5), std::nullopt);
  EXPECT_TRUE(in.ok());
  EXPECT_NO_THROW(in.finish());
}

TEST(json_field_reader, rejects_fractional_integers) {
  auto obj = parse_object(R"({"n":1.5})");
  field_reader in(obj);
  EXPECT_EQ(in.integer("n", 0, 5), std::nullopt);
  EXPECT_FALSE(in.ok());
}

}  // namespace
}  // namespace ugoki::json
