// The timer's rules for instants a client sends (started_at, ended_at, logged_at), in one place
// for the request parsers, which name every bad field of a body in one answer, and the service,
// which enforces them whoever calls it. Pure: the caller passes its clock's now.
#pragma once

#include <algorithm>
#include <chrono>

#include "fasting/types.hpp"

namespace ugoki::fasting {

struct time_rules {
  // A client clock this far ahead of ours is still "now" (the instant is clamped to now);
  // further ahead is refused as a future time.
  static constexpr std::chrono::seconds clock_skew{60};
  // How far back a start may be backdated on POST /fasting/sessions.
  static constexpr std::chrono::hours max_backdate{48};
};

// `t` as the timer keeps it: whole seconds, and no later than `now` (clock skew reads as now).
inline instant clamp_to_now(instant t, instant now) {
  instant whole = std::chrono::floor<std::chrono::seconds>(t);
  return std::min(whole, now);
}

// Why a client instant is refused at `now` ("must not be in the future": more than clock_skew
// ahead), or nullptr when it is acceptable.
inline const char* future_problem(instant t, instant now) {
  return t > now + time_rules::clock_skew ? "must not be in the future" : nullptr;
}

// The same for the start of a new fast, which may also lie at most max_backdate in the past.
inline const char* start_problem(instant t, instant now) {
  if (const char* p = future_problem(t, now)) {
    return p;
  }
  return clamp_to_now(t, now) < now - time_rules::max_backdate
             ? "may be at most 48 hours in the past"
             : nullptr;
}

}  // namespace ugoki::fasting
