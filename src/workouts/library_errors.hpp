// The workout library's error codes (WORK_001..WORK_009; the sessions part uses WORK_010+).
#pragma once

#include "core/error.hpp"

namespace ugoki::workouts::errors {

inline api_error exercise_not_found() {
  return not_found("WORK_001", "No such exercise");
}
// Also another user's routine: never 403, so ids of others' routines reveal nothing.
inline api_error routine_not_found() {
  return not_found("WORK_002", "No such routine");
}
// A user keeps at most max_own_routines routines (routine_rules.hpp).
inline api_error too_many_routines() {
  return conflict("WORK_003", "You have reached the limit of 100 routines of your own");
}
// The full blocks of a premium routine, asked for by a caller who is not premium.
inline api_error premium_routine() {
  return forbidden("AUTH_003", "This routine is part of Premium");
}

}  // namespace ugoki::workouts::errors
