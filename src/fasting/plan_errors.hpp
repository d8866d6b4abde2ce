// Error codes of fasting plans and history import (docs/errors.md), as api_error factories.
#pragma once

#include <utility>
#include <vector>

#include "core/error.hpp"

namespace ugoki::fasting::errors {

inline api_error schedule_not_found() {
  return not_found("FAST_010", "No fasting schedule has been set yet");
}
// Rows of an import overlap fasts already stored; `details` names each row's line.
inline api_error import_overlaps(std::vector<field_error> details) {
  api_error e = conflict("FAST_011", "Imported fasts overlap fasts already recorded");
  e.details = std::move(details);
  return e;
}
// Rows of an import are invalid; `details` names each row's line and the column at fault.
inline api_error import_invalid(std::vector<field_error> details) {
  return unprocessable("FAST_012", "The CSV has invalid rows; nothing was imported",
                       std::move(details));
}

}  // namespace ugoki::fasting::errors
