// Workout streak arithmetic over calendar days and ISO weeks (streaks.hpp).
#include "workouts/streaks.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "workouts/stats.hpp"

namespace ugoki::workouts {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The run of consecutive `step`-spaced keys ending at `from` (or at `from - step` when `from`
// is not kept and `grace` allows), and the longest run overall.
template <class Kept>
std::pair<int, int> runs(const Kept& kept, sys_days from, days step, bool grace) {
  int current = 0;
  sys_days d = from;
  if (!kept.contains(d) && grace) {
    d -= step;
  }
  while (kept.contains(d)) {
    ++current;
    d -= step;
  }
  int longest = 0;
  int run = 0;
  std::optional<sys_days> prev;
  for (sys_days k : kept) {
    run = (prev && *prev + step == k) ? run + 1 : 1;
    longest = std::max(longest, run);
    prev = k;
  }
  return {current, longest};
}

}  // namespace

workout_streaks compute_workout_streaks(std::span<const sys_days> dates, sys_days today, int goal) {
  workout_streaks s;
  s.goal_sessions_per_week = goal;
  s.today = today;
  s.week_start = bucket_start(today, stats_bucket::week);
  std::set<sys_days> kept_days(dates.begin(), dates.end());
  std::map<sys_days, int> per_week;
  for (sys_days d : dates) {
    ++per_week[bucket_start(d, stats_bucket::week)];
  }
  s.this_week_sessions = per_week.contains(s.week_start) ? per_week[s.week_start] : 0;
  if (kept_days.empty()) {
    return s;
  }
  s.last_workout_date = *kept_days.rbegin();
  const sys_days last_day = std::max(today, *kept_days.rbegin());
  std::tie(s.current_days, s.longest_days) = runs(kept_days, last_day, days(1), true);

  std::set<sys_days> kept_weeks;
  for (const auto& [week, count] : per_week) {
    if (count >= goal) {
      kept_weeks.insert(week);
    }
  }
  const sys_days last_week = std::max(s.week_start, bucket_start(last_day, stats_bucket::week));
  std::tie(s.current_weeks, s.longest_weeks) = runs(kept_weeks, last_week, days(7), true);
  return s;
}

}  // namespace ugoki::workouts
