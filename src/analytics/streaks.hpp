// The logging streak: pure date arithmetic over the local days with manual entries.
#pragma once

#include <chrono>
#include <vector>

#include "analytics/types.hpp"

namespace ugoki::analytics {

// `days` are distinct local dates with a manual entry, newest first (as store::read_manual_days
// returns them); `today` is the user's local date. The current streak counts consecutive days
// ending today, or yesterday when nothing is logged yet today (the day is not over); 0 when the
// newest day is older. The longest streak is over `days`. last_logged_date is days.front().
logging_streak compute_logging_streak(std::chrono::year_month_day today,
                                      const std::vector<std::chrono::year_month_day>& days);

}  // namespace ugoki::analytics
