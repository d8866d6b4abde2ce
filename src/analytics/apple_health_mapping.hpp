// Apple Health records -> metric points: which HealthKit types we import, into which registry
// metric, with which unit conversion. Pure functions, unit-tested.
#pragma once

#include <optional>
#include <string_view>

#include "analytics/apple_health_parser.hpp"
#include "analytics/types.hpp"
#include "core/time.hpp"

namespace ugoki::analytics::apple_health {

enum class mapped_kind {
  point,        // `point` holds the converted measurement
  unsupported,  // a type we do not import (or a sleep stage that is not asleep time)
  invalid,      // a supported type with an unknown unit, an unreadable value or date
};

struct mapped {
  mapped_kind kind = mapped_kind::unsupported;
  metric_point point;  // only for kind == point; source "import", no metadata, no external id
};

// Converts one record. Supported (HKQuantityTypeIdentifier... unless noted):
//   BodyMass (kg, g, lb, st) -> weight_kg          BodyFatPercentage (% as a fraction) ->
//   body_fat_pct HeartRate (count/min) -> heart_rate_bpm        RestingHeartRate ->
//   resting_heart_rate_bpm StepCount (count) -> steps                     ActiveEnergyBurned (kcal,
//   Cal, kJ) -> active_kcal DietaryWater (mL, L, fl_oz_us, fl_oz_imp) -> water_ml
//   WaistCircumference (cm, m, mm, in, ft) -> waist_cm
//   BloodGlucose (mg/dL, mmol<180.15...>/L) -> blood_glucose_mmol_l
//   HKCategoryTypeIdentifierSleepAnalysis, asleep values only -> sleep_minutes (end - start)
// The point's time is the record's startDate. The registry's range is NOT checked here (the
// caller runs validate_point, so both ingest paths share one rule).
mapped map_record(const raw_record& r);

// Apple's date format, "2024-01-05 08:30:00 +0100", to an instant; nullopt when malformed or
// an impossible date.
std::optional<time::instant> parse_apple_date(std::string_view text);

}  // namespace ugoki::analytics::apple_health
