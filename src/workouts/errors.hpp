// The workout sessions' error codes (WORK_010 and up; the library part has WORK_001..009), as
// api_error factories. docs/errors.md and the OpenAPI ErrorCode enum list each.
#pragma once

#include "core/error.hpp"

namespace ugoki::workouts::errors {

// Also another user's session: it is never revealed that the id exists.
inline api_error session_not_found() {
  return not_found("WORK_010", "No such workout session");
}
// workout_sessions_one_active_key: the user already has a workout in progress.
inline api_error session_active() {
  return conflict("WORK_011", "A workout is already in progress");
}
// workout_sessions_no_overlap: a user's workouts never overlap (back-to-back is fine), and one
// in progress extends to infinity.
inline api_error session_overlap() {
  return conflict("WORK_012", "These times overlap another of your workouts");
}
// Complete, cancel, pause or resume of a session that has already ended.
inline api_error session_finished() {
  return conflict("WORK_013", "This workout has already ended");
}
// A client-generated id already names another session: another user's, or one of the caller's
// started with a different body. One message for both, so ids of other users do not leak.
inline api_error session_id_taken() {
  return conflict("WORK_014", "This session id is already in use");
}
// A set names an exercise the library does not have.
inline api_error unknown_exercise() {
  return unprocessable("WORK_015", "A set names an unknown exercise",
                       {{"sets", "exercise_id must name an exercise of the library"}});
}

}  // namespace ugoki::workouts::errors
