// Pure fasting-plan rules: which local days a plan fasts on, and whether a plan is coherent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ugoki::fasting {

// Which calendar days (in the plan's zone) a plan fasts on.
struct fast_day_rule {
  enum class mode {
    every_day,  // no plan: every calendar day counts
    weekdays,   // daily windows, 5:2 fast days, extended fasts: ISO weekdays in `weekdays`
    alternate,  // alternate-day fasting: anchor, anchor + 2, anchor + 4, ...
  };
  mode kind = mode::every_day;
  // Bit (d - 1) set for ISO weekday d (1 = Monday .. 7 = Sunday).
  std::uint8_t weekdays = 0x7f;
  std::chrono::sys_days anchor{};
};

// ISO weekday of a date, 1 = Monday .. 7 = Sunday.
int iso_weekday(std::chrono::sys_days d);
// The Monday starting the ISO week that contains `d`.
std::chrono::sys_days iso_week_start(std::chrono::sys_days d);

// True when `rule` plans a fast that starts on local day `d`.
bool is_planned_day(const fast_day_rule& rule, std::chrono::sys_days d);

// Every planned day in [from, from + days), oldest first. Empty for days <= 0.
std::vector<std::chrono::sys_days> planned_days(const fast_day_rule& rule,
                                                std::chrono::sys_days from, int days);

// The weekday mask of a list of ISO weekdays (values outside 1..7 are ignored).
std::uint8_t weekday_mask(const std::vector<int>& weekdays);
// The ISO weekdays of a mask, ascending.
std::vector<int> weekdays_of(std::uint8_t mask);

// What a schedule asks for, as far as its coherence depends on it.
struct plan_shape {
  std::string kind;              // protocol kind, or "custom"
  int fasting_minutes = 0;       // length of each planned fast
  std::optional<int> fast_days;  // weekly (5:2): fast days a week the protocol prescribes
  bool non_consecutive = false;  // weekly: fast days may not follow each other
  std::vector<int> weekdays;     // as sent (alternate-day plans send none)
  bool has_anchor = false;       // anchor_date sent
};

// Field errors for a plan that cannot be followed: a 5:2 plan without exactly its fast days or
// with adjacent ones when the protocol forbids it, weekdays or an anchor on a plan kind that
// does not take them, duplicate weekdays, or planned fasts that would overlap (a fast longer
// than the gap to the next planned start). Empty when the plan is coherent.
std::vector<field_error> check_plan(const plan_shape& shape);

}  // namespace ugoki::fasting
