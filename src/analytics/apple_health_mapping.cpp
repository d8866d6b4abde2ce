// The HealthKit type and unit table of the Apple Health import.
#include "analytics/apple_health_mapping.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>

namespace ugoki::analytics::apple_health {

namespace {

constexpr std::string_view quantity_prefix = "HKQuantityTypeIdentifier";
constexpr std::string_view sleep_type = "HKCategoryTypeIdentifierSleepAnalysis";

// mg/dL per mmol/L of glucose (molar mass 180.156 g/mol).
constexpr double glucose_mg_dl_per_mmol_l = 18.0156;

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// The factor that turns one `unit` into the metric's unit; nullopt for a unit we do not know.
struct unit_factor {
  std::string_view unit;
  double factor;
};

constexpr std::size_t max_units = 5;

std::optional<double> factor_of(std::string_view unit, const unit_factor (&table)[max_units]) {
  for (const auto& u : table) {
    if (!u.unit.empty() && u.unit == unit) {
      return u.factor;
    }
  }
  return std::nullopt;
}

// HealthKit writes glucose in mmol/L with the molar mass inside: "mmol<180.1558800000541>/L".
bool is_glucose_mmol_unit(std::string_view unit) {
  return unit == "mmol/L" ||
         (unit.starts_with("mmol<") && unit.ends_with(">/L") && unit.size() < 40);
}

struct quantity_rule {
  std::string_view hk_type;  // without the HKQuantityTypeIdentifier prefix
  std::string_view metric;
  unit_factor units[max_units];  // unused slots have an empty unit
};

const quantity_rule quantity_rules[] = {
    {"BodyMass", "weight_kg", {{"kg", 1.0}, {"g", 0.001}, {"lb", 0.45359237}, {"st", 6.35029318}}},
    {"BodyFatPercentage", "body_fat_pct", {{"%", 100.0}}},
    {"HeartRate", "heart_rate_bpm", {{"count/min", 1.0}}},
    {"RestingHeartRate", "resting_heart_rate_bpm", {{"count/min", 1.0}}},
    {"StepCount", "steps", {{"count", 1.0}}},
    {"ActiveEnergyBurned", "active_kcal", {{"kcal", 1.0}, {"Cal", 1.0}, {"kJ", 1.0 / 4.184}}},
    {"DietaryWater",
     "water_ml",
     {{"mL", 1.0}, {"L", 1000.0}, {"fl_oz_us", 29.5735295625}, {"fl_oz_imp", 28.4130625}}},
    {"WaistCircumference",
     "waist_cm",
     {{"cm", 1.0}, {"m", 100.0}, {"mm", 0.1}, {"in", 2.54}, {"ft", 30.48}}},
    {"BloodGlucose", "blood_glucose_mmol_l", {{"mg/dL", 1.0 / glucose_mg_dl_per_mmol_l}}},
};

bool is_asleep(std::string_view value) {
  // iOS 16+ splits asleep time into stages; older exports say Asleep.
  return value == "HKCategoryValueSleepAnalysisAsleep" ||
         value == "HKCategoryValueSleepAnalysisAsleepUnspecified" ||
         value == "HKCategoryValueSleepAnalysisAsleepCore" ||
         value == "HKCategoryValueSleepAnalysisAsleepDeep" ||
         value == "HKCategoryValueSleepAnalysisAsleepREM";
}

mapped invalid() {
  return {mapped_kind::invalid, {}};
}

mapped point(std::string_view metric, time::instant at, double value) {
  mapped m{mapped_kind::point, {}};
  m.point.time = at;
  m.point.metric_type = std::string(metric);
  m.point.value = value;
  m.point.source = "import";
  return m;
}

mapped map_sleep(const raw_record& r) {
  if (!is_asleep(r.value)) {
    return {};  // InBed, Awake: not asleep time
  }
  auto start = parse_apple_date(r.start_date);
  auto end = parse_apple_date(r.end_date);
  if (!start || !end || *end < *start) {
    return invalid();
  }
  double minutes = std::chrono::duration<double>(*end - *start).count() / 60.0;
  return point("sleep_minutes", *start, minutes);
}

}  // namespace

std::optional<time::instant> parse_apple_date(std::string_view s) {
  // "YYYY-MM-DD HH:MM:SS +HHMM" -> "YYYY-MM-DDTHH:MM:SS+HH:MM", then the RFC 3339 parser
  // checks every field (and impossible dates).
  if (s.size() != 25 || s[10] != ' ' || s[19] != ' ' || (s[20] != '+' && s[20] != '-')) {
    return std::nullopt;
  }
  std::string rfc;
  rfc.reserve(25);
  rfc.append(s.substr(0, 10));
  rfc.push_back('T');
  rfc.append(s.substr(11, 8));
  rfc.append(s.substr(20, 3));
  rfc.push_back(':');
  rfc.append(s.substr(23, 2));
  return time::parse_rfc3339(rfc);
}

mapped map_record(const raw_record& r) {
  if (r.type == sleep_type) {
    return map_sleep(r);
  }
  if (!std::string_view(r.type).starts_with(quantity_prefix)) {
    return {};
  }
  std::string_view hk = std::string_view(r.type).substr(quantity_prefix.size());
  for (const auto& rule : quantity_rules) {
    if (rule.hk_type != hk) {
      continue;
    }
    std::optional<double> factor = factor_of(r.unit, rule.units);
    if (!factor && rule.metric == "blood_glucose_mmol_l" && is_glucose_mmol_unit(r.unit)) {
      factor = 1.0;
    }
    auto value = parse_number(r.value);
    auto at = parse_apple_date(r.start_date);
    if (!factor || !value || !at) {
      return invalid();
    }
    return point(rule.metric, *at, *value * *factor);
  }
  return {};
}

}  // namespace ugoki::analytics::apple_health
