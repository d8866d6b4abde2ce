// Unit tests of the analytics request parsers: batch shape and limits, per-point field errors
// named by index, the delete key and the series query.
// The header under test comes first: it must be self-contained.
#include "analytics/dto.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/validation.hpp"

namespace ugoki::analytics {
namespace {

using testing::bad_fields;
using fields = std::vector<std::string>;

std::string point(int i) {
  char t[32];
  std::snprintf(t, sizeof t, "2026-03-29T%02d:%02d:00Z", i / 60 % 24, i % 60);
  return R"({"time":")" + std::string(t) +
         R"(","metric_type":"heart_rate_bpm","value":61,"source":"healthkit"})";
}

std::string batch(int n) {
  std::string s = R"({"points":[)";
  for (int i = 0; i < n; ++i) {
    s += (i ? "," : "") + point(i);
  }
  return s + "]}";
}

TEST(parse_points, reads_every_field) {
  auto parsed = dto::parse_points(
      R"({"points":[{"time":"2026-03-29T01:30:00.123456+01:00","metric_type":"weight_kg",
          "value":72.5,"source":"manual","metadata":{"note":"after run"},
          "external_id":"HK-1","external_version":4}]})");
  ASSERT_TRUE(parsed);
  const auto& pts = *parsed;
  ASSERT_EQ(pts.size(), 1u);
  EXPECT_EQ(pts[0].metric_type, "weight_kg");
  EXPECT_DOUBLE_EQ(pts[0].value, 72.5);
  EXPECT_EQ(pts[0].source, "manual");
  EXPECT_EQ(*pts[0].metadata_json, R"({"note":"after run"})");
  EXPECT_EQ(*pts[0].external_id, "HK-1");
  EXPECT_EQ(*pts[0].external_version, 4);
  EXPECT_EQ(time::format_rfc3339(pts[0].time, true), "2026-03-29T00:30:00.123Z");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::microseconds>(pts[0].time.time_since_epoch())
                    .count() %
                1000000,
            123456);
}

TEST(parse_points, takes_1000_points_and_refuses_1001_or_none) {
  EXPECT_EQ(dto::parse_points(batch(1000)).value().size(), 1000u);
  EXPECT_EQ(bad_fields([] { return dto::parse_points(batch(1001)); }), fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":[]})"); }), fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({})"); }), fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":{}})"); }), fields{"points"});
}

TEST(parse_points, names_the_index_of_each_bad_field) {
  EXPECT_EQ(
      bad_fields([] {
        return dto::parse_points(
            R"({"points":[{"time":"2026-03-29T01:00:00Z","metric_type":"steps","value":1,
                      "source":"manual"},
                     {"time":"yesterday","metric_type":"steps","value":"1","source":"manual",
                      "colour":"red"},
                     {"metric_type":7,"value":1,"source":"manual","external_version":1.5,
                      "metadata":[1]},
                     "not an object"]})");
      }),
      (fields{"points[1].colour", "points[1].time", "points[1].value", "points[2].external_version",
              "points[2].metadata", "points[2].metric_type", "points[2].time", "points[3]"}));
}

TEST(parse_points, refuses_unknown_top_level_keys_and_bad_json) {
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":[],"user_id":"x"})"); }),
            (fields{"points", "user_id"}));
  auto malformed = dto::parse_points("{");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().status, 400);
  EXPECT_EQ(malformed.error().code, "VAL_001");
}

TEST(parse_point_key, requires_all_three) {
  auto k = dto::parse_point_key("steps", "2026-03-29T01:00:00Z", "manual");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->metric_type, "steps");
  EXPECT_EQ(bad_fields([] { return dto::parse_point_key(std::nullopt, "x", std::nullopt); }),
            (fields{"metric_type", "source", "time"}));
}

TEST(parse_series_query, reads_bucket_and_bounds) {
  auto q = dto::parse_series_query("steps", "2026-03-01T00:00:00Z", std::nullopt, "week");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->size, bucket_size::week);
  EXPECT_TRUE(q->from);
  EXPECT_FALSE(q->to);
  EXPECT_EQ(dto::parse_series_query("steps", std::nullopt, std::nullopt, std::nullopt)->size,
            bucket_size::day);
  EXPECT_EQ(bad_fields([] { return dto::parse_series_query("steps", "x", "y", "year"); }),
            (fields{"bucket", "from", "to"}));
}

}  // namespace
}  // namespace ugoki::analytics
