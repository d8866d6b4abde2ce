// The user module's error codes (plan section 6, docs/errors.md), as api_error factories.
#pragma once

#include "core/http/api_error.hpp"

namespace ugoki::user::errors {

inline http::api_error user_not_found() {
  return http::not_found("USER_001", "User not found");
}

}  // namespace ugoki::user::errors
