// The header under test comes first: it must be self-contained.
#include "core/json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ugoki::json {
namespace {

api_error refusal(const result<boost::json::object>& r) {
  if (r) {
    ADD_FAILURE() << "expected a refusal";
    return {};
  }
  return r.error();
}

TEST(json_parse_object, rejects_malformed_and_non_objects) {
  EXPECT_EQ(refusal(parse_object("{")).code, "VAL_001");
  EXPECT_EQ(refusal(parse_object("[1,2]")).status, 400);
  EXPECT_EQ(refusal(parse_object("")).status, 400);
  EXPECT_EQ(refusal(parse_object(R"({"a":1} x)")).status, 400);
  std::string deep(40, '[');
  EXPECT_EQ(refusal(parse_object("{\"a\":" + deep)).status, 400);
  EXPECT_EQ(parse_object(R"({"a":1})")->at("a").as_int64(), 1);
}

// RFC 8259 leaves duplicate names to the parser; the last one used to win silently.
TEST(json_parse_object, refuses_a_member_named_twice_and_names_it) {
  auto e = refusal(parse_object(R"({"email":"a@x.io","password":"p","email":"b@x.io"})"));
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_EQ(e.details[0].field, "email");
  // Nested objects, names split by escapes, and large objects (the sorted path) alike.
  EXPECT_EQ(refusal(parse_object(R"({"a":{"b":1,"b":2}})")).details.at(0).field, "b");
  EXPECT_EQ(refusal(parse_object(R"({"role":1,"r\u006fle":2})")).details.at(0).field, "role");
  std::string big = "{";
  for (int i = 0; i < 50; ++i) {
    big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  }
  EXPECT_TRUE(parse_object(big.substr(0, big.size() - 1) + "}"));
  EXPECT_EQ(refusal(parse_object(big + "\"k17\":0}")).details.at(0).field, "k17");
  // The same name in sibling objects is no duplicate.
  EXPECT_TRUE(parse_object(R"({"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]})"));
}

TEST(json_parse_strict, parses_any_value_and_reports_why_not) {
  EXPECT_EQ(parse_strict("[1,2,3]")->as_array().size(), 3u);
  EXPECT_EQ(parse_strict(R"("x")")->as_string(), "x");
  EXPECT_TRUE(parse_strict("nope").error().duplicate_member.empty());
  EXPECT_EQ(parse_strict(R"([{"a":1,"a":1}])").error().duplicate_member, "a");
}

TEST(json_nullable, renders_absent_as_null) {
  EXPECT_TRUE(nullable(std::optional<int>{}).is_null());
  EXPECT_EQ(nullable(std::optional<int>{7}).as_int64(), 7);
  EXPECT_EQ(nullable(std::optional<int>{7}, [](int v) { return std::to_string(v); }).as_string(),
            "7");
}

// The data export's instants: PostgreSQL's +00:00 becomes the API's Z, in string values only.
TEST(json_spell_instants_with_z, rewrites_utc_instants_at_any_depth) {
  EXPECT_EQ(spell_instants_with_z(R"({"a":"2026-01-31T07:00:00+00:00"})"),
            R"({"a":"2026-01-31T07:00:00Z"})");
  EXPECT_EQ(spell_instants_with_z(R"({"x":[{"t":"2026-01-31T07:00:00.123456+00:00"}]})"),
            R"({"x":[{"t":"2026-01-31T07:00:00.123456Z"}]})");
  EXPECT_EQ(spell_instants_with_z(
                R"({"a": "2026-03-28T22:00:00+00:00", "b": ["2026-03-28T22:00:00.1+00:00"]})"),
            R"({"a":"2026-03-28T22:00:00Z","b":["2026-03-28T22:00:00.1Z"]})");
}

TEST(json_spell_instants_with_z, leaves_keys_and_everything_else_alone) {
  for (std::string_view same : {
           R"({"d":"2026-01-31"})",                 // a calendar date
           R"({"t":"2026-01-31T07:00:00+01:00"})",  // another offset: kept as it is
           R"({"n":"note ending in +00:00"})",      // free text
           R"({"x":"2026-01-31 07:00:00+00:00"})",  // not the T form
           R"({"k":12,"b":true,"z":null,"s":"+00:00"})",
           R"({"note":"2026-03-28T22:00:00+00:00 was the start"})",
           R"({"odd":"2026-03-28T22:00:00.+00:00","long":"2026-03-28T22:00:00.1234567+00:00"})",
           R"({"2026-01-31T07:00:00+00:00":1})",  // keys are not values
       }) {
    EXPECT_EQ(spell_instants_with_z(same), same);
  }
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
                 R"({"name":"","age":200,"kind":"x","id":"nope","flag":1,"role":"admin","n":"7"})")
                 .value();
  field_reader in(obj);
  in.reject_unknown({"name", "age", "kind", "id", "flag", "n", "missing"});
  in.string("name", 1, 10);
  in.integer("age", 0, 150);
  in.one_of("kind", {"a", "b"});
  in.uuid("id");
  in.boolean("flag");
  in.number("n", 0, 10);
  in.string("missing", 1, 5, true);
  auto done = in.finish(1);
  ASSERT_FALSE(done);
  const api_error& e = done.error();
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
  auto obj =
      parse_object(
          R"({"name":"Zoë","age":30,"ratio":1.5,"kind":"b","id":"0F8FAD5B-D9CB-469F-A165-70867728950E","flag":true,"gone":null,"whole":3.0})")
          .value();
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
  EXPECT_FALSE(in.failure().has_value());
  EXPECT_EQ(in.finish(5).value(), 5);
}

TEST(json_field_reader, rejects_fractional_integers) {
  auto obj = parse_object(R"({"n":1.5})").value();
  field_reader in(obj);
  EXPECT_EQ(in.integer("n", 0, 5), std::nullopt);
  EXPECT_FALSE(in.ok());
}

// Boost.JSON's serializer writes 70.0 as "7E1"; ours writes the shortest round-trip form, and
// escapes keys from data like strings.
TEST(json_serialize, writes_numbers_plainly_and_round_trips) {
  boost::json::value v = boost::json::parse(
      R"({"a":70.0,"b":3.5,"c":-1,"d":18446744073709551615,"e\"q":[true,null,"x\u0001"]})");
  std::string text = serialize(v);
  EXPECT_EQ(text,
            R"({"a":70,"b":3.5,"c":-1,"d":18446744073709551615,"e\"q":[true,null,"x\u0001"]})");
  auto back = boost::json::parse(text).as_object();
  EXPECT_EQ(back.at("a").to_number<double>(), 70.0);
  EXPECT_EQ(back.at("b").as_double(), 3.5);
  EXPECT_EQ(serialize(boost::json::array{1, 2.25}), "[1,2.25]");
  EXPECT_EQ(serialize(boost::json::object{{"k", 0.1}}), R"({"k":0.1})");
}

}  // namespace
}  // namespace ugoki::json
