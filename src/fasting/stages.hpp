// The fasting timer's pure arithmetic: elapsed, remaining, progress and the stage by elapsed
// time. No I/O, so it is unit-tested with fixed instants (tests/unit/fasting/stages_test.cpp).
#pragma once

#include <vector>

#include "fasting/types.hpp"

namespace ugoki::fasting {

// The timer of a fast that started at `started_at` with target `target_end_at`, seen at `now`.
// `stages` must be sorted by starts_after_seconds (the store returns them so). Rules:
// - elapsed is now - start in whole seconds, never negative (a start a little in the future,
//   from clock skew, reads as 0);
// - remaining is target - now, never negative; progress is elapsed / target length and keeps
//   growing past 1 once the target has passed;
// - the current stage is the last one that has started (elapsed >= its start); its start and
//   end are instants of this fast. The next stage is the first that has not started yet, or
//   nullopt after the last. With no stages (reference data not seeded) both are nullopt.
timer_state compute_timer(const std::vector<stage>& stages, instant started_at,
                          instant target_end_at, instant now);

}  // namespace ugoki::fasting
