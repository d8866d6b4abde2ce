// Fasting domain types.
#pragma once

#include <optional>
#include <string>

namespace ugoki::fasting {

// A fasting protocol as reference data: a schedule, not only a ratio of hours.
struct protocol {
  std::string id;
  std::string slug;
  std::string name;
  std::string kind;  // daily_tre | weekly | alternate_day | extended
  std::string description;
  int fasting_minutes = 0;
  int eating_window_minutes = 0;
  std::optional<int> fast_day_kcal;
  std::optional<int> fast_days_per_week;
  std::string weekday_rules_json = "{}";  // JSON object, as stored
  std::string difficulty;                 // beginner | intermediate | advanced
  std::string recommended_frequency;      // daily | weekly | occasional
  std::string benefits_json = "[]";       // JSON array of strings
  std::string considerations_json = "[]";
};

}  // namespace ugoki::fasting
