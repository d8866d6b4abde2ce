// Pure streak and totals arithmetic: calendar-day steps, so 23- and 25-hour days are one day.
#include "fasting/streaks.hpp"

#include <algorithm>
#include <set>

namespace ugoki::fasting {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The planned day before `d` (a week back at most for weekday rules, which always plan a day).
sys_days previous_planned(const fast_day_rule& rule, sys_days d) {
  for (int i = 1; i <= 7; ++i) {
    if (is_planned_day(rule, d - days(i))) {
      return d - days(i);
    }
  }
  // A rule with no planned weekday: treat every day as planned rather than loop forever.
  return d - days(1);
}

}  // namespace

streak_summary compute_streaks(std::span<const finished_fast> fasts, const fast_day_rule& rule,
                               sys_days today) {
  streak_summary s;
  s.planned_days_only = rule.kind != fast_day_rule::mode::every_day;
  s.today = today;
  s.this_week.week_start = iso_week_start(today);
  s.last_week.week_start = s.this_week.week_start - days(7);

  std::set<sys_days> kept;
  for (const auto& f : fasts) {
    s.seconds_fasted += f.seconds;
    week_totals* week = nullptr;
    if (iso_week_start(f.end_local_date) == s.this_week.week_start) {
      week = &s.this_week;
    } else if (iso_week_start(f.end_local_date) == s.last_week.week_start) {
      week = &s.last_week;
    }
    if (f.completed) {
      ++s.fasts_completed;
      kept.insert(f.end_local_date);
    } else {
      ++s.fasts_ended_early;
    }
    if (week != nullptr) {
      (f.completed ? week->fasts_completed : week->fasts_ended_early) += 1;
      week->seconds_fasted += f.seconds;
    }
  }
  const int finished = s.fasts_completed + s.fasts_ended_early;
  if (finished > 0) {
    s.average_seconds = s.seconds_fasted / finished;
    s.completion_rate = static_cast<double>(s.fasts_completed) / finished;
  }
  if (kept.empty()) {
    return s;
  }
  s.last_completed_date = *kept.rbegin();

  // After flying west a fast can have ended on what is still "tomorrow" in today's zone: the
  // walk then starts from that day, so the move neither breaks nor shortens the streak.
  const sys_days last = std::max(today, *kept.rbegin());
  // Current streak: walk planned days back from `last`. An unkept planned day is still open.
  sys_days d = is_planned_day(rule, last) ? last : previous_planned(rule, last);
  if (d == last && !kept.contains(last)) {
    d = previous_planned(rule, last);
  }
  const sys_days first = *kept.begin();
  while (d >= first && kept.contains(d)) {
    if (s.current_streak == 0) {
      s.current_streak_end = d;
    }
    ++s.current_streak;
    s.current_streak_start = d;
    d = previous_planned(rule, d);
  }

  // Longest: runs of kept planned days from the first kept day on. Kept days the plan does not
  // plan are skipped, so they neither break nor extend a run.
  int run = 0;
  for (sys_days day = first; day <= last; day += days(1)) {
    if (!is_planned_day(rule, day)) {
      continue;
    }
    run = kept.contains(day) ? run + 1 : 0;
    s.longest_streak = std::max(s.longest_streak, run);
  }
  return s;
}

}  // namespace ugoki::fasting
