// Logging streak arithmetic over local calendar days (no clock, no I/O).
#include "analytics/streaks.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace ugoki::analytics {

logging_streak compute_logging_streak(std::chrono::year_month_day today,
                                      const std::vector<std::chrono::year_month_day>& days) {
  using std::chrono::sys_days;
  logging_streak s;
  if (days.empty()) {
    return s;
  }
  s.last_logged_date = time::format_date(days.front());
  const sys_days t{today};
  const sys_days newest{days.front()};
  int run = 1;
  int longest = 1;
  int first_run = 0;  // the run that contains days.front()
  bool in_first = true;
  for (std::size_t i = 1; i < days.size(); ++i) {
    if (sys_days{days[i - 1]} - sys_days{days[i]} == std::chrono::days{1}) {
      ++run;
    } else {
      if (in_first) {
        first_run = run;
        in_first = false;
      }
      run = 1;
    }
    longest = std::max(longest, run);
  }
  if (in_first) {
    first_run = run;
  }
  s.longest_days = longest;
  // Yesterday still counts: the user may log later today.
  if (newest == t || newest == t - std::chrono::days{1}) {
    s.current_days = first_run;
  }
  return s;
}

}  // namespace ugoki::analytics
