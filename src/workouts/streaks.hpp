// Workout streaks (GET /workouts/streaks): consecutive local days with a completed workout, and
// consecutive ISO weeks with at least the user's weekly goal of them. Pure and DST-safe: each
// session arrives with the local day it started on, and days step by calendar, not by 24 h.
#pragma once

#include <chrono>
#include <optional>
#include <span>

namespace ugoki::workouts {

struct workout_streaks {
  int goal_sessions_per_week = 3;
  int current_days = 0;
  int longest_days = 0;
  int current_weeks = 0;
  int longest_weeks = 0;
  int this_week_sessions = 0;
  std::optional<std::chrono::sys_days> last_workout_date;
  std::chrono::sys_days today;
  std::chrono::sys_days week_start;  // Monday of today's ISO week
};

// `days` holds one entry per completed session (any order; days repeat). The day streak is
// alive while it reaches today or yesterday (today is not over); the week streak while it
// reaches this week or, when this week has not met the goal yet, last week. Sessions dated after
// `today` (the user moved to a zone behind) count from their own day, as the fasting streaks do.
// `goal` must be at least 1.
workout_streaks compute_workout_streaks(std::span<const std::chrono::sys_days> days,
                                        std::chrono::sys_days today, int goal);

}  // namespace ugoki::workouts
