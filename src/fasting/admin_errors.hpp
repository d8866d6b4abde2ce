// The fasting module's admin error codes (FAST_013, FAST_014), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::fasting::errors {

inline api_error protocol_not_found() {
  return not_found("FAST_013", "No such fasting protocol");
}
inline api_error protocol_slug_taken() {
  api_error e = conflict("FAST_014", "A fasting protocol with this slug exists");
  e.details = {{"slug", "is taken (retired protocols keep theirs)"}};
  return e;
}

}  // namespace ugoki::fasting::errors
