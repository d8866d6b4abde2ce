// The fasting module's admin error codes (FAST_013..FAST_017) and its precondition failure
// (REQ_006), as api_error factories.
#pragma once

#include "core/error.hpp"
#include "core/version_guard.hpp"

namespace ugoki::fasting::errors {

inline api_error protocol_not_found() {
  return not_found("FAST_013", "No such fasting protocol");
}
inline api_error protocol_slug_taken() {
  api_error e = conflict("FAST_014", "A fasting protocol with this slug exists");
  e.details = {{"slug", "is taken (retired protocols keep theirs)"}};
  return e;
}
inline api_error protocol_changed() {
  return version_guard::stale("The protocol changed since you read it; reload it");
}

inline api_error stage_not_found() {
  return not_found("FAST_015", "No such fasting stage");
}
inline api_error stage_slug_taken() {
  api_error e = conflict("FAST_016", "A fasting stage with this slug exists");
  e.details = {{"slug", "is taken (retired stages keep theirs)"}};
  return e;
}
// The active stages must tile the fast from hour 0 with distinct starts (docs/reference-data.md):
// the write would leave two starting together, or none at 0. `message` says which.
inline api_error stage_tiling(std::string field, std::string message) {
  api_error e = conflict("FAST_017", "The active stages would no longer tile the fast");
  e.details = {{std::move(field), std::move(message)}};
  return e;
}
inline api_error stage_changed() {
  return version_guard::stale("The stage changed since you read it; reload it");
}

}  // namespace ugoki::fasting::errors
