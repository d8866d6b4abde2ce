// The analytics module's error codes (docs/errors.md), as api_error factories.
#pragma once

#include "core/error.hpp"

namespace ugoki::analytics::errors {

// DELETE /analytics/metrics: no such point of the caller's (another user's looks the same).
inline api_error point_not_found() {
  return not_found("ANLY_001", "Metric point not found");
}

// GET /analytics/progress/:metric with a metric type the registry does not know.
inline api_error unknown_metric() {
  return not_found("ANLY_002", "Unknown metric type");
}

}  // namespace ugoki::analytics::errors
