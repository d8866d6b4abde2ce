// Pure streak and totals arithmetic over finished fasts, by local calendar day (no I/O, no zones:
// each fast arrives with the local day it ended on, computed once in its own time zone).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "fasting/schedule.hpp"

namespace ugoki::fasting {

// A fast that ended (status completed or ended_early; cancelled fasts never reach here).
struct finished_fast {
  std::chrono::sys_days end_local_date;  // the local day it ended on, in its own zone
  bool completed = false;                // reached its target (goal reached)
  std::int64_t seconds = 0;              // actual length
};

struct week_totals {
  std::chrono::sys_days week_start;  // Monday
  int fasts_completed = 0;
  int fasts_ended_early = 0;
  std::int64_t seconds_fasted = 0;
};

// GET /fasting/streaks, and what the analytics dashboard shows.
struct streak_summary {
  // "day" (every calendar day counts) or "planned_day" (only the days the plan fasts on count;
  // other days neither break nor extend a streak).
  bool planned_days_only = false;
  int current_streak = 0;
  int longest_streak = 0;
  // First and last day of the current streak; nullopt when it is 0.
  std::optional<std::chrono::sys_days> current_streak_start;
  std::optional<std::chrono::sys_days> current_streak_end;
  std::optional<std::chrono::sys_days> last_completed_date;
  std::chrono::sys_days today;  // the local day the figures were computed for
  std::string timezone;         // the zone `today` is in (set by the service)
  int fasts_completed = 0;
  int fasts_ended_early = 0;
  std::int64_t seconds_fasted = 0;              // completed + ended early
  std::optional<std::int64_t> average_seconds;  // per finished fast; nullopt when none
  // completed / (completed + ended_early); nullopt when there is no finished fast.
  std::optional<double> completion_rate;
  week_totals this_week;
  week_totals last_week;
};

// Streaks count local days with at least one completed fast, stepping over the days `rule`
// plans (every day without a plan). The current streak is alive while it reaches the latest
// planned day up to today: today's planned day, not yet kept, does not break it (the day is not
// over), so for an every-day rule it must reach today or yesterday. When a completed fast is
// dated after `today` (the user has since moved to a zone that is behind), the streak is walked
// back from that day instead. Weeks are ISO
// weeks of `today`, counted by the day each fast ended. Fasts may come in any order.
streak_summary compute_streaks(std::span<const finished_fast> fasts, const fast_day_rule& rule,
                               std::chrono::sys_days today);

}  // namespace ugoki::fasting
