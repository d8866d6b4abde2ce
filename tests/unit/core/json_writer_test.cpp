// The header under test comes first: it must be self-contained.
#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <limits>

namespace ugoki::json {
namespace {

TEST(json_writer, puts_commas_between_members_and_elements_at_every_depth) {
  writer w;
  w.begin_array();
  w.begin_object().member("a", 1).member("b", "x").key("c").begin_array().end_array().end_object();
  w.begin_object().end_object();
  w.value(true).null();
  w.end_array();
  EXPECT_EQ(w.text(), R"([{"a":1,"b":"x","c":[]},{},true,null])");
}

TEST(json_writer, writes_optionals_as_the_value_or_null) {
  writer w;
  w.begin_object()
      .member("n", std::optional<int>(3))
      .member("none", std::optional<int>())
      .member("s", std::optional<std::string>("t"))
      .member("d", std::optional<double>())
      .end_object();
  EXPECT_EQ(w.text(), R"({"n":3,"none":null,"s":"t","d":null})");
}

TEST(json_writer, escapes_what_json_requires_and_keeps_utf8) {
  writer w;
  std::string nasty = "q\"b\\n\nr\rt\tc\x01\x1f ü";
  w.begin_object().member("k", nasty).end_object();
  auto parsed = boost::json::parse(w.text()).as_object();
  EXPECT_EQ(parsed.at("k").as_string(), nasty);
  EXPECT_NE(w.text().find("\\u0001"), std::string::npos);
  EXPECT_NE(w.text().find("\\u001f"), std::string::npos);
}

TEST(json_writer, writes_numbers_that_read_back_exactly) {
  writer w;
  w.begin_array().value(70.0).value(0.1).value(-2.5e-7).value(std::int64_t{-9007199254740993});
  w.value(std::numeric_limits<double>::quiet_NaN()).value(std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(w.text(), "[70,0.1,-2.5e-07,-9007199254740993,null,null]");
  auto parsed = boost::json::parse(w.text()).as_array();
  EXPECT_EQ(parsed[1].as_double(), 0.1);
}

TEST(json_writer, writes_raw_json_as_it_is) {
  writer w;
  w.begin_object().key("routine").raw(R"({"blocks":[1,2]})").member("k", 1).end_object();
  EXPECT_EQ(w.text(), R"({"routine":{"blocks":[1,2]},"k":1})");
}

}  // namespace
}  // namespace ugoki::json
