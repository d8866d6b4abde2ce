// The user module's error codes (plan section 6, docs/errors.md), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::user::errors {

inline api_error user_not_found() {
  return not_found("USER_001", "User not found");
}

}  // namespace ugoki::user::errors
