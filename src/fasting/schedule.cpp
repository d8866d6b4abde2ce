// Pure fasting-plan rules: planned days by weekday or alternate-day cycle, and plan coherence.
#include "fasting/schedule.hpp"

#include <algorithm>
#include <set>

namespace ugoki::fasting {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int week_minutes = 7 * 24 * 60;

// Floor modulo: (d - anchor) may be negative for days before the anchor.
long long floor_mod(long long a, long long m) {
  long long r = a % m;
  return r < 0 ? r + m : r;
}

}  // namespace

int iso_weekday(sys_days d) {
  return static_cast<int>(std::chrono::weekday(d).iso_encoding());
}

sys_days iso_week_start(sys_days d) {
  return d - days(iso_weekday(d) - 1);
}

bool is_planned_day(const fast_day_rule& rule, sys_days d) {
  switch (rule.kind) {
    case fast_day_rule::mode::every_day:
      return true;
    case fast_day_rule::mode::weekdays:
      return (rule.weekdays >> (iso_weekday(d) - 1)) & 1;
    case fast_day_rule::mode::alternate:
      return floor_mod((d - rule.anchor).count(), 2) == 0;
  }
  return false;
}

std::vector<sys_days> planned_days(const fast_day_rule& rule, sys_days from, int count) {
  std::vector<sys_days> out;
  for (int i = 0; i < count; ++i) {
    sys_days d = from + days(i);
    if (is_planned_day(rule, d)) {
      out.push_back(d);
    }
  }
  return out;
}

std::uint8_t weekday_mask(const std::vector<int>& weekdays) {
  std::uint8_t mask = 0;
  for (int d : weekdays) {
    if (d >= 1 && d <= 7) {
      mask = static_cast<std::uint8_t>(mask | (1u << (d - 1)));
    }
  }
  return mask;
}

std::vector<int> weekdays_of(std::uint8_t mask) {
  std::vector<int> out;
  for (int d = 1; d <= 7; ++d) {
    if ((mask >> (d - 1)) & 1) {
      out.push_back(d);
    }
  }
  return out;
}

std::vector<field_error> check_plan(const plan_shape& shape) {
  std::vector<field_error> out;
  const bool alternate = shape.kind == "alternate_day";
  if (alternate) {
    // The cycle, not the calendar week, decides the days; an anchor picks the phase.
    if (!shape.weekdays.empty()) {
      out.push_back({"weekdays", "must be omitted for an alternate-day plan (use anchor_date)"});
    }
    if (shape.fasting_minutes > 2 * 24 * 60) {
      out.push_back({"fasting_seconds", "must not exceed 48 hours for an alternate-day plan"});
    }
    return out;
  }
  if (shape.has_anchor) {
    out.push_back({"anchor_date", "is only used by alternate-day plans"});
  }
  std::set<int> unique(shape.weekdays.begin(), shape.weekdays.end());
  if (unique.size() != shape.weekdays.size()) {
    out.push_back({"weekdays", "must not repeat a day"});
    return out;
  }
  if (shape.kind == "weekly" && shape.fast_days &&
      static_cast<int>(unique.size()) != *shape.fast_days) {
    out.push_back({"weekdays", "this protocol fasts on exactly " +
                                   std::to_string(*shape.fast_days) + " days a week"});
    return out;
  }
  std::vector<int> sorted(unique.begin(), unique.end());
  if (sorted.empty()) {
    return out;
  }
  // The smallest gap between two planned starts, wrapping from Sunday to Monday.
  int min_gap_days = 7;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    int next = i + 1 < sorted.size() ? sorted[i + 1] : sorted[0] + 7;
    min_gap_days = std::min(min_gap_days, next - sorted[i]);
  }
  if (shape.kind == "weekly" && shape.non_consecutive && sorted.size() > 1 && min_gap_days < 2) {
    out.push_back({"weekdays", "fast days of this protocol must not be consecutive"});
  }
  if (shape.fasting_minutes > std::min(min_gap_days * 24 * 60, week_minutes)) {
    out.push_back({"weekdays",
                   "planned fasts would overlap: the fast is longer than the gap "
                   "between two planned days"});
  }
  return out;
}

}  // namespace ugoki::fasting
