// The analytics module's error codes (docs/errors.md), as api_error factories.
#pragma once

#include "core/http/api_error.hpp"

namespace ugoki::analytics::errors {

// DELETE /analytics/metrics: no such point of the caller's (another user's looks the same).
inline http::api_error point_not_found() {
  return http::not_found("ANLY_001", "Metric point not found");
}

// GET /analytics/progress/:metric with a metric type the registry does not know.
inline http::api_error unknown_metric() {
  return http::not_found("ANLY_002", "Unknown metric type");
}

}  // namespace ugoki::analytics::errors
