// The fasting module's admin view of its protocols (the catalogue with retired rows, sort order
// and state) and the edits an admin makes. No JSON or SQL here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fasting/types.hpp"

namespace ugoki::fasting {

struct admin_protocol {
  protocol p;
  int sort_order = 0;
  bool active = true;
  std::string updated_at;  // RFC 3339, UTC
};

struct protocol_page {
  std::vector<admin_protocol> items;
  int page = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// A PATCH: only the members present change; an inner nullopt clears the field. The slug, the
// protocol's stable public key, does not change.
struct protocol_patch {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::string> description;
  std::optional<int> fasting_minutes;
  std::optional<int> eating_window_minutes;
  std::optional<std::optional<int>> fast_day_kcal;
  std::optional<std::optional<int>> fast_days_per_week;
  std::optional<std::string> weekday_rules_json;
  std::optional<std::string> difficulty;
  std::optional<std::string> recommended_frequency;
  std::optional<std::string> benefits_json;
  std::optional<std::string> considerations_json;
  std::optional<int> sort_order;
  std::optional<bool> active;

  bool empty() const {
    return !name && !kind && !description && !fasting_minutes && !eating_window_minutes &&
           !fast_day_kcal && !fast_days_per_week && !weekday_rules_json && !difficulty &&
           !recommended_frequency && !benefits_json && !considerations_json && !sort_order &&
           !active;
  }
};

}  // namespace ugoki::fasting
