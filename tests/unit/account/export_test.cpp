// user::utc_instants_with_z: PostgreSQL's "+00:00" instants become RFC 3339 "Z" everywhere in
// the export document, and nothing else changes.
#include "user/export.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ugoki::user {
namespace {

TEST(export_instants, rewrites_utc_offsets_at_any_depth) {
  EXPECT_EQ(utc_instants_with_z(R"({"a":"2026-01-31T07:00:00+00:00"})"),
            R"({"a":"2026-01-31T07:00:00Z"})");
  EXPECT_EQ(utc_instants_with_z(R"({"x":[{"t":"2026-01-31T07:00:00.123456+00:00"}]})"),
            R"({"x":[{"t":"2026-01-31T07:00:00.123456Z"}]})");
}

TEST(export_instants, leaves_everything_else_alone) {
  const std::string same[] = {
      R"({"d":"2026-01-31"})",                 // a calendar date
      R"({"t":"2026-01-31T07:00:00+01:00"})",  // another offset: kept as it is
      R"({"n":"note ending in +00:00"})",      // free text
      R"({"x":"2026-01-31 07:00:00+00:00"})",  // not the T form
      R"({"k":12,"b":true,"z":null,"s":"+00:00"})",
  };
  for (const auto& json : same) {
    EXPECT_EQ(utc_instants_with_z(json), json);
  }
}

TEST(export_instants, keys_are_not_rewritten) {
  EXPECT_EQ(utc_instants_with_z(R"({"2026-01-31T07:00:00+00:00":1})"),
            R"({"2026-01-31T07:00:00+00:00":1})");
}

}  // namespace
}  // namespace ugoki::user
