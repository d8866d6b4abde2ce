// The auth module's error codes (plan section 6, docs/errors.md), as api_error factories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ugoki::auth::errors {

// Unknown email and wrong password share one answer, so the response never tells which.
inline api_error invalid_credentials() {
  return unauthorized("AUTH_001", "Invalid email or password");
}

// 401 AUTH_002 with the Bearer challenge (RFC 6750) every 401 on a token carries.
inline api_error invalid_token(std::string message) {
  auto e = unauthorized("AUTH_002", std::move(message));
  e.headers.emplace_back("WWW-Authenticate", "Bearer");
  return e;
}
inline api_error token_expired() {
  return invalid_token("Access token expired");
}
inline api_error token_invalid() {
  return invalid_token("Invalid access token");
}
inline api_error session_revoked() {
  return invalid_token("Session has ended");
}
// Refresh failures: unknown, expired, revoked or replayed refresh tokens look the same.
inline api_error refresh_invalid() {
  return unauthorized("AUTH_002", "Invalid or expired refresh token");
}

// 429 with Retry-After: the login throttle wants the caller to wait `seconds`.
inline api_error too_many_attempts(std::int64_t seconds) {
  api_error e{429, "RATE_001", "Too many failed sign-ins; try again later"};
  e.headers.emplace_back("Retry-After", std::to_string(seconds));
  return e;
}

inline api_error email_taken() {
  return conflict("USER_002", "An account with this email already exists");
}
// 400 VAL_001 naming `field` once per rule of the password policy it breaks.
inline api_error password_rejected(const std::string& field,
                                   const std::vector<std::string>& problems) {
  std::vector<field_error> details;
  for (const auto& p : problems) {
    details.push_back({field, p});
  }
  return validation(std::move(details));
}

// 400 AUTH_006: a password reset token that is unknown, malformed, used or expired (which of
// them is not said: a guesser learns nothing).
inline api_error reset_token_invalid() {
  return {400, "AUTH_006", "This password reset link is invalid or has expired"};
}

inline api_error session_not_found() {
  return not_found("AUTH_005", "No such session");
}

}  // namespace ugoki::auth::errors
