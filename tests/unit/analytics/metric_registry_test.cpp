// Unit tests of the metric registry and validate_point: every rule a point must pass before it
// is stored, and the registry matching docs/metrics.md.
// The header under test comes first: it must be self-contained.
#include "analytics/metric_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace ugoki::analytics {
namespace {

using namespace std::chrono;

const time::instant registry_now = sys_days{2026y / March / 29} + hours(12);

metric_point good() {
  metric_point p;
  p.time = registry_now - minutes(1);
  p.metric_type = "weight_kg";
  p.value = 72.5;
  p.source = "manual";
  return p;
}

std::vector<std::string> fields_of(const metric_point& p) {
  std::vector<std::string> out;
  for (const auto& e : validate_point(p, registry_now, "points[3].")) {
    out.push_back(e.field);
  }
  return out;
}

TEST(metric_registry, is_sorted_and_finds_every_required_metric) {
  auto all = all_metrics();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const auto& a, const auto& b) { return a.type < b.type; }));
  for (std::string_view t :
       {"weight_kg", "body_fat_pct", "heart_rate_bpm", "resting_heart_rate_bpm", "steps",
        "active_kcal", "sleep_minutes", "water_ml", "waist_cm", "blood_glucose_mmol_l"}) {
    const metric_info* m = find_metric(t);
    ASSERT_NE(m, nullptr) << t;
    EXPECT_EQ(m->type, t);
    EXPECT_LT(m->min, m->max);
  }
  EXPECT_EQ(find_metric("weight"), nullptr);
  EXPECT_EQ(find_metric(""), nullptr);
  EXPECT_EQ(find_metric("zzz"), nullptr);
  EXPECT_TRUE(find_metric("steps")->additive);
  EXPECT_FALSE(find_metric("heart_rate_bpm")->additive);
}

TEST(metric_registry, docs_list_every_metric_with_its_unit_and_range) {
  std::ifstream in(std::string(UGOKI_DOCS_DIR) + "/metrics.md");
  ASSERT_TRUE(in) << "docs/metrics.md missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& m : all_metrics()) {
    std::string row = "| `" + std::string(m.type) + "` | " + std::string(m.unit) + " |";
    EXPECT_NE(text.str().find(row), std::string::npos) << row;
  }
}

TEST(validate_point, accepts_a_good_point_and_both_range_ends) {
  EXPECT_TRUE(fields_of(good()).empty());
  auto p = good();
  p.value = find_metric("weight_kg")->min;
  EXPECT_TRUE(fields_of(p).empty());
  p.value = find_metric("weight_kg")->max;
  EXPECT_TRUE(fields_of(p).empty());
  p.time = registry_now + max_future_skew;  // small clock skew is fine
  EXPECT_TRUE(fields_of(p).empty());
  for (auto s : point_sources) {
    p.source = std::string(s);
    EXPECT_TRUE(fields_of(p).empty()) << s;
  }
}

TEST(validate_point, names_each_bad_field_with_the_prefix) {
  auto p = good();
  p.value = 10000;
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].value"});
  p.value = std::nan("");
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].value"});
  p.value = std::numeric_limits<double>::infinity();
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].value"});
  p = good();
  p.metric_type = "weight_lb";
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].metric_type"});
  p = good();
  p.source = "app_store";
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].source"});
  p = good();
  p.time = registry_now + max_future_skew + seconds(1);
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].time"});
  p.time = earliest_point_time() - microseconds(1);
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].time"});
  p.time = earliest_point_time();
  EXPECT_TRUE(fields_of(p).empty());
}

TEST(validate_point, checks_record_identity_and_metadata_size) {
  auto p = good();
  p.external_version = 3;  // a version without an id means nothing
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].external_version"});
  p.external_id = "A1B2";
  EXPECT_TRUE(fields_of(p).empty());
  p.external_version = -1;
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].external_version"});
  p.external_version = 0;
  p.external_id = std::string(max_external_id_bytes + 1, 'x');
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].external_id"});
  p.external_id = "";
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].external_id"});
  p = good();
  p.metadata_json = "{\"k\":\"" + std::string(max_metadata_bytes, 'x') + "\"}";
  EXPECT_EQ(fields_of(p), std::vector<std::string>{"points[3].metadata"});
}

TEST(validate_point, reports_every_bad_field_at_once) {
  metric_point p;
  p.time = registry_now + hours(1);
  p.metric_type = "nope";
  p.source = "nope";
  EXPECT_EQ(fields_of(p), (std::vector<std::string>{"points[3].metric_type", "points[3].source",
                                                    "points[3].time"}));
}

}  // namespace
}  // namespace ugoki::analytics
