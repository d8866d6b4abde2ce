// The fasting module's error codes (plan section 6), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::fasting::errors {

inline api_error session_active() {
  return conflict("FAST_001", "A fast is already in progress");
}
inline api_error protocol_not_found() {
  return not_found("FAST_002", "No such fasting protocol");
}
inline api_error invalid_protocol() {
  return unprocessable("FAST_002", "Unknown fasting protocol");
}
inline api_error session_not_found() {
  return not_found("FAST_003", "No such fasting session");
}
// GET /sessions/current with nothing running: the same code, a message that says so.
inline api_error no_active_session() {
  return not_found("FAST_003", "No fast is in progress");
}
// The exclusion constraint fasting_sessions_no_overlap refused the times: a user's fasts never
// overlap (back-to-back is fine), and a running fast extends to infinity.
inline api_error session_overlap() {
  return conflict("FAST_004", "These times overlap another of your fasts");
}
// End or cancel of a fast that has already finished (completed, ended early or cancelled).
inline api_error session_finished() {
  return conflict("FAST_005", "This fast has already finished");
}
inline api_error log_not_found() {
  return not_found("FAST_006", "No such fasting log");
}

}  // namespace ugoki::fasting::errors
