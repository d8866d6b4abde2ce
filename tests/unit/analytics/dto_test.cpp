// Unit tests of the analytics request parsers: batch shape and limits, per-point field errors
// named by index, the delete key and the series query, each naming every bad field at once.
// The header under test comes first: it must be self-contained.
#include "analytics/dto.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/validation.hpp"

namespace ugoki::analytics {
namespace {

using namespace std::chrono;
using testing::bad_fields;
using fields = std::vector<std::string>;

// Every point the helpers build lies on 2026-03-29, before this.
const time::instant now = sys_days{2026y / March / 30};

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
          "external_id":"HK-1","external_version":4}]})",
      now);
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
  EXPECT_EQ(dto::parse_points(batch(1000), now).value().size(), 1000u);
  EXPECT_EQ(bad_fields([] { return dto::parse_points(batch(1001), now); }), fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":[]})", now); }),
            fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({})", now); }), fields{"points"});
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":{}})", now); }),
            fields{"points"});
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
                     "not an object"]})",
            now);
      }),
      (fields{"points[1].colour", "points[1].time", "points[1].value", "points[2].external_version",
              "points[2].metadata", "points[2].metric_type", "points[2].time", "points[3]"}));
}

TEST(parse_points, refuses_unknown_top_level_keys_and_bad_json) {
  EXPECT_EQ(bad_fields([] { return dto::parse_points(R"({"points":[],"user_id":"x"})", now); }),
            (fields{"points", "user_id"}));
  auto malformed = dto::parse_points("{", now);
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().status, 400);
  EXPECT_EQ(malformed.error().code, "VAL_001");
}

TEST(parse_points, names_shape_and_registry_errors_of_every_point_together) {
  // A shape error in one point no longer hides the range, source and time errors of the others
  // (issue 10 item 3); a field refused for its shape is not named twice.
  EXPECT_EQ(bad_fields([] {
              return dto::parse_points(
                  R"({"points":[{"time":"2026-03-29T01:00:00Z","metric_type":"heart_rate_bpm",
                      "value":"61","source":"healthkit"},
                     {"time":"2026-03-29T01:00:01Z","metric_type":"heart_rate_bpm","value":900,
                      "source":"healthkit"},
                     {"time":"2026-03-30T01:00:00Z","metric_type":"mood","value":1,
                      "source":"fitbit"},
                     {"time":"1899-12-31T23:59:59Z","metric_type":"steps","value":-1,
                      "source":"manual","external_version":3},
                     {"metric_type":"weight_kg","value":72,"source":"manual"}]})",
                  now);
            }),
            (fields{"points[0].value", "points[1].value", "points[2].metric_type",
                    "points[2].source", "points[2].time", "points[3].external_version",
                    "points[3].time", "points[3].value", "points[4].time"}));
}

TEST(parse_points, names_at_most_50_fields) {
  std::string body = R"({"points":[)";
  for (int i = 0; i < 60; ++i) {
    body += std::string(i ? "," : "") +
            R"({"time":"2026-03-29T01:00:00Z","metric_type":"steps","value":-1,"source":"x"})";
  }
  body += "]}";
  auto r = dto::parse_points(body, now);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().details.size(), 50u);
}

TEST(parse_point_key, requires_all_three) {
  auto k = dto::parse_point_key("steps", "2026-03-29T01:00:00Z", "manual");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->metric_type, "steps");
  EXPECT_EQ(k->source, "manual");
  EXPECT_EQ(bad_fields([] { return dto::parse_point_key(std::nullopt, "x", std::nullopt); }),
            (fields{"metric_type", "source", "time"}));
}

TEST(parse_point_key, names_unknown_types_and_sources_beside_a_bad_time) {
  EXPECT_EQ(bad_fields([] { return dto::parse_point_key("mood", "yesterday", "fitbit"); }),
            (fields{"metric_type", "source", "time"}));
  EXPECT_EQ(bad_fields([] { return dto::parse_point_key("mood", std::nullopt, "manual"); }),
            (fields{"metric_type", "time"}));
}

TEST(parse_series_query, reads_bucket_and_bounds) {
  auto q = dto::parse_series_query("steps", "2026-03-01T00:00:00Z", std::nullopt, "week", now);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->size, bucket_size::week);
  EXPECT_EQ(q->from, sys_days{2026y / March / 1});
  EXPECT_EQ(q->to, now);
  auto d = dto::parse_series_query("steps", std::nullopt, std::nullopt, std::nullopt, now);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->size, bucket_size::day);
  EXPECT_EQ(d->to, now);
  EXPECT_EQ(d->from, now - days(30));
  auto h = dto::parse_series_query("steps", std::nullopt, "2026-03-29T12:00:00Z", "hour", now);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->from, sys_days{2026y / March / 28} + hours(12));
}

TEST(parse_series_query, names_every_bad_parameter_together) {
  EXPECT_EQ(bad_fields([] { return dto::parse_series_query("steps", "x", "y", "year", now); }),
            (fields{"bucket", "from", "to"}));
  // The range is judged beside a bad bucket: from after to.
  EXPECT_EQ(bad_fields([] {
              return dto::parse_series_query("steps", "2026-03-02T00:00:00Z",
                                             "2026-03-01T00:00:00Z", "year", now);
            }),
            (fields{"bucket", "from"}));
  // ... and beside a malformed to, a from after the default to (now).
  EXPECT_EQ(bad_fields([] {
              return dto::parse_series_query("steps", "2026-04-01T00:00:00Z", std::nullopt,
                                             "fortnight", now);
            }),
            (fields{"bucket", "from"}));
  EXPECT_EQ(bad_fields([] {
              return dto::parse_series_query("steps", "2026-03-01T00:00:00Z",
                                             "2026-03-01T00:00:00Z", "day", now);
            }),
            fields{"from"});
  // 32 days of hours is more than an hour series may hold; 31 is fine.
  EXPECT_EQ(bad_fields([] {
              return dto::parse_series_query("steps", "2026-02-01T00:00:00Z",
                                             "2026-03-05T00:00:00Z", "hour", now);
            }),
            fields{"from"});
  EXPECT_TRUE(dto::parse_series_query("steps", "2026-02-01T00:00:00Z", "2026-03-04T00:00:00Z",
                                      "hour", now));
}

TEST(render_dashboard, renders_the_fasting_parts_from_their_structs) {
  dashboard d;
  d.metrics.timezone = "Asia/Kolkata";
  d.metrics.local_date = "2026-03-29";
  running_fast f;
  f.id = "0b9f3f9e-3c4f-4f7e-9d55-6a1f8f0f2a11";
  f.started_at = sys_days{2026y / March / 29} + hours(2);
  f.target_end_at = f.started_at + hours(16);
  f.elapsed_seconds = 5 * 3600;
  f.remaining_seconds = 11 * 3600;
  f.progress = 0.3125;
  f.current_stage = running_fast::stage{"catabolic", "Catabolic"};
  d.active_fast = f;
  fast_streak s;
  s.current = 2;
  s.longest = 5;
  s.last_completed_date = 2026y / March / 28;
  d.fasting_streak = s;
  EXPECT_EQ(dto::render_dashboard(d),
            R"({"date":"2026-03-29","timezone":"Asia/Kolkata","active_fast":)"
            R"({"id":"0b9f3f9e-3c4f-4f7e-9d55-6a1f8f0f2a11","protocol_name":null,)"
            R"("started_at":"2026-03-29T02:00:00Z","target_end_at":"2026-03-29T18:00:00Z",)"
            R"("elapsed_seconds":18000,"remaining_seconds":39600,"progress":0.3125,)"
            R"("current_stage":{"slug":"catabolic","name":"Catabolic"}},)"
            R"("fasting_streak":{"unit":"day","current_streak":2,"longest_streak":5,)"
            R"("last_completed_date":"2026-03-28"},"weight":null,)"
            R"("today":{"steps":0,"active_kcal":0},"workouts_this_week":null,)"
            R"("nutrition_today":null})");

  // Sources not wired (or no fast running) render as null.
  d.active_fast.reset();
  d.fasting_streak.reset();
  EXPECT_EQ(dto::render_dashboard(d),
            R"({"date":"2026-03-29","timezone":"Asia/Kolkata","active_fast":null,)"
            R"("fasting_streak":null,"weight":null,"today":{"steps":0,"active_kcal":0},)"
            R"("workouts_this_week":null,"nutrition_today":null})");
  // The workouts module's week and the nutrition module's intake, as the bridges fill them.
  d.workouts_this_week = workout_week{"2026-03-23", 2, 3600, 450, 3};
  d.nutrition = nutrition_today{"2026-03-29", 1234.5, 2000};
  EXPECT_NE(dto::render_dashboard(d).find(
                R"("workouts_this_week":{"week_start":"2026-03-23","sessions":2,)"
                R"("goal_sessions":3,"active_seconds":3600,"kcal":450},)"
                R"("nutrition_today":{"date":"2026-03-29","kcal_in":1234.5,"kcal_goal":2000}})"),
            std::string::npos);
  streaks planned;
  planned.fasting = fast_streak{.planned_days_only = true};
  EXPECT_EQ(dto::render_streaks(planned),
            R"({"fasting":{"unit":"planned_day","current_streak":0,"longest_streak":0,)"
            R"("last_completed_date":null},"logging":{"current_days":0,"longest_days":0,)"
            R"("last_logged_date":null}})");
}

TEST(render_export, spells_utc_instants_with_z_and_leaves_everything_else) {
  EXPECT_EQ(dto::render_export(
                R"({"metrics":[{"time":"2026-01-31T07:00:00.123+00:00","value":1.5,)"
                R"("metadata":{"2026-01-31T07:00:00+00:00":"ends with +00:00"}}],)"
                R"("daily":[{"day":"2026-01-31","bucket_start":"2026-01-30T23:00:00+00:00"}]})"),
            R"({"metrics":[{"time":"2026-01-31T07:00:00.123Z","value":1.5,)"
            R"("metadata":{"2026-01-31T07:00:00+00:00":"ends with +00:00"}}],)"
            R"("daily":[{"day":"2026-01-31","bucket_start":"2026-01-30T23:00:00Z"}]})");
}

}  // namespace
}  // namespace ugoki::analytics
