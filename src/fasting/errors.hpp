// The fasting module's error codes (plan section 6), as api_error factories.
#pragma once

#include "core/http/api_error.hpp"

namespace ugoki::fasting::errors {

inline http::api_error session_active() {
  return http::conflict("FAST_001", "A fast is already in progress");
}
inline http::api_error protocol_not_found() {
  return http::not_found("FAST_002", "No such fasting protocol");
}
inline http::api_error invalid_protocol() {
  return http::unprocessable("FAST_002", "Unknown fasting protocol");
}
inline http::api_error session_not_found() {
  return http::not_found("FAST_003", "No such fasting session");
}

}  // namespace ugoki::fasting::errors
