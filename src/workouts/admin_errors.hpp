// The workouts module's admin error codes (WORK_004, WORK_005), as api_error factories; a
// missing exercise or routine is the library's WORK_001 / WORK_002.
#pragma once

#include "core/error.hpp"

namespace ugoki::workouts::errors {

inline api_error exercise_slug_taken() {
  api_error e = conflict("WORK_004", "An exercise with this slug exists");
  e.details = {{"slug", "is taken (retired exercises keep theirs)"}};
  return e;
}
inline api_error routine_slug_taken() {
  api_error e = conflict("WORK_005", "A catalogue routine with this slug exists");
  e.details = {{"slug", "is taken (retired routines keep theirs)"}};
  return e;
}

}  // namespace ugoki::workouts::errors
