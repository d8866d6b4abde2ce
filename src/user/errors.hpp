// The user module's error codes (plan section 6, docs/errors.md), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::user::errors {

// The caller's account no longer exists (or is deleted) although their access token verified:
// the token names nobody, so it is an invalid credential, answered exactly as auth answers one
// (401 AUTH_002 with the Bearer challenge, auth/errors.hpp token_invalid), not 404 (issue 10).
inline api_error account_gone() {
  auto e = unauthorized("AUTH_002", "Invalid access token");
  e.headers.emplace_back("WWW-Authenticate", "Bearer");
  return e;
}

}  // namespace ugoki::user::errors
