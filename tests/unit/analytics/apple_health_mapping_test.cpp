// Unit tests of the HealthKit -> registry mapping: each supported type, every unit conversion,
// Apple's date format, sleep stages, and what is skipped as unsupported or invalid.
// The header under test comes first: it must be self-contained.
#include "analytics/apple_health_mapping.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace ugoki::analytics::apple_health {
namespace {

raw_record quantity(std::string type, std::string unit, std::string value,
                    std::string start = "2024-01-05 08:30:00 +0100") {
  raw_record r;
  r.type = "HKQuantityTypeIdentifier" + type;
  r.unit = std::move(unit);
  r.value = std::move(value);
  r.start_date = start;
  r.end_date = std::move(start);
  return r;
}

// The converted value of a record that must map to `metric`.
double converted(const raw_record& r, std::string_view metric) {
  auto m = map_record(r);
  EXPECT_EQ(m.kind, mapped_kind::point) << r.type << " " << r.unit;
  EXPECT_EQ(m.point.metric_type, metric);
  EXPECT_EQ(m.point.source, "import");
  return m.point.value;
}

TEST(apple_health_date, reads_apple_format_with_its_offset) {
  auto t = parse_apple_date("2024-01-05 08:30:00 +0100");
  ASSERT_TRUE(t);
  EXPECT_EQ(time::format_rfc3339(*t), "2024-01-05T07:30:00Z");
  EXPECT_EQ(time::format_rfc3339(*parse_apple_date("2023-12-31 23:15:00 -0530")),
            "2024-01-01T04:45:00Z");
}

TEST(apple_health_date, refuses_other_shapes_and_impossible_dates) {
  EXPECT_FALSE(parse_apple_date("2024-01-05T08:30:00+01:00"));
  EXPECT_FALSE(parse_apple_date("2024-01-05 08:30:00"));
  EXPECT_FALSE(parse_apple_date("2024-02-30 08:30:00 +0100"));
  EXPECT_FALSE(parse_apple_date("2024-01-05 25:30:00 +0100"));
  EXPECT_FALSE(parse_apple_date(""));
}

TEST(apple_health_mapping, converts_body_mass_units_to_kg) {
  EXPECT_DOUBLE_EQ(converted(quantity("BodyMass", "kg", "72.5"), "weight_kg"), 72.5);
  EXPECT_NEAR(converted(quantity("BodyMass", "lb", "165.3"), "weight_kg"), 74.97881876, 1e-6);
  EXPECT_NEAR(converted(quantity("BodyMass", "st", "11"), "weight_kg"), 69.85322498, 1e-6);
  EXPECT_DOUBLE_EQ(converted(quantity("BodyMass", "g", "72500"), "weight_kg"), 72.5);
}

TEST(apple_health_mapping, turns_the_body_fat_fraction_into_percent) {
  EXPECT_DOUBLE_EQ(converted(quantity("BodyFatPercentage", "%", "0.215"), "body_fat_pct"), 21.5);
}

TEST(apple_health_mapping, converts_glucose_water_energy_and_waist) {
  EXPECT_NEAR(converted(quantity("BloodGlucose", "mg/dL", "90"), "blood_glucose_mmol_l"), 4.9957,
              1e-4);
  EXPECT_DOUBLE_EQ(converted(quantity("BloodGlucose", "mmol<180.1558800000541>/L", "5.4"),
                             "blood_glucose_mmol_l"),
                   5.4);
  EXPECT_NEAR(converted(quantity("DietaryWater", "fl_oz_us", "8"), "water_ml"), 236.588, 1e-3);
  EXPECT_DOUBLE_EQ(converted(quantity("DietaryWater", "L", "0.5"), "water_ml"), 500.0);
  EXPECT_DOUBLE_EQ(converted(quantity("DietaryWater", "mL", "250"), "water_ml"), 250.0);
  EXPECT_NEAR(converted(quantity("ActiveEnergyBurned", "kJ", "418.4"), "active_kcal"), 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(converted(quantity("ActiveEnergyBurned", "kcal", "12.5"), "active_kcal"), 12.5);
  EXPECT_DOUBLE_EQ(converted(quantity("WaistCircumference", "in", "32"), "waist_cm"), 81.28);
  EXPECT_DOUBLE_EQ(converted(quantity("WaistCircumference", "cm", "80"), "waist_cm"), 80.0);
}

TEST(apple_health_mapping, maps_heart_rates_and_steps_as_they_are) {
  EXPECT_DOUBLE_EQ(converted(quantity("HeartRate", "count/min", "64"), "heart_rate_bpm"), 64.0);
  EXPECT_DOUBLE_EQ(
      converted(quantity("RestingHeartRate", "count/min", "52"), "resting_heart_rate_bpm"), 52.0);
  EXPECT_DOUBLE_EQ(converted(quantity("StepCount", "count", "812"), "steps"), 812.0);
}

TEST(apple_health_mapping, stamps_the_point_at_the_start_date) {
  auto m = map_record(quantity("StepCount", "count", "10", "2024-03-31 01:59:00 +0100"));
  EXPECT_EQ(time::format_rfc3339(m.point.time), "2024-03-31T00:59:00Z");
}

TEST(apple_health_mapping, counts_asleep_minutes_and_skips_in_bed_and_awake) {
  raw_record r;
  r.type = "HKCategoryTypeIdentifierSleepAnalysis";
  r.value = "HKCategoryValueSleepAnalysisAsleepCore";
  r.start_date = "2024-01-05 23:10:00 +0100";
  r.end_date = "2024-01-06 00:40:30 +0100";
  EXPECT_DOUBLE_EQ(converted(r, "sleep_minutes"), 90.5);
  r.value = "HKCategoryValueSleepAnalysisAsleep";
  EXPECT_DOUBLE_EQ(converted(r, "sleep_minutes"), 90.5);
  r.value = "HKCategoryValueSleepAnalysisInBed";
  EXPECT_EQ(map_record(r).kind, mapped_kind::unsupported);
  r.value = "HKCategoryValueSleepAnalysisAwake";
  EXPECT_EQ(map_record(r).kind, mapped_kind::unsupported);
  r.value = "HKCategoryValueSleepAnalysisAsleepREM";
  std::swap(r.start_date, r.end_date);  // ends before it starts
  EXPECT_EQ(map_record(r).kind, mapped_kind::invalid);
}

TEST(apple_health_mapping, skips_unsupported_types) {
  EXPECT_EQ(map_record(quantity("BloodPressureSystolic", "mmHg", "120")).kind,
            mapped_kind::unsupported);
  EXPECT_EQ(map_record(quantity("DistanceWalkingRunning", "km", "1.2")).kind,
            mapped_kind::unsupported);
  raw_record other;
  other.type = "HKCategoryTypeIdentifierMindfulSession";
  EXPECT_EQ(map_record(other).kind, mapped_kind::unsupported);
}

TEST(apple_health_mapping, marks_unknown_units_bad_values_and_dates_invalid) {
  EXPECT_EQ(map_record(quantity("BodyMass", "oz", "2000")).kind, mapped_kind::invalid);
  EXPECT_EQ(map_record(quantity("HeartRate", "count/s", "1")).kind, mapped_kind::invalid);
  EXPECT_EQ(map_record(quantity("StepCount", "count", "12abc")).kind, mapped_kind::invalid);
  EXPECT_EQ(map_record(quantity("StepCount", "count", "")).kind, mapped_kind::invalid);
  EXPECT_EQ(map_record(quantity("StepCount", "count", "nan")).kind, mapped_kind::invalid);
  EXPECT_EQ(map_record(quantity("StepCount", "count", "5", "yesterday")).kind,
            mapped_kind::invalid);
}

}  // namespace
}  // namespace ugoki::analytics::apple_health
