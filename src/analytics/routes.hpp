// The analytics module's route table (/api/v1/analytics/*, imports aside).
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::analytics {

class service;

// Registers POST/DELETE /api/v1/analytics/metrics, GET /api/v1/analytics/progress,
// GET /api/v1/analytics/progress/:metric, GET /api/v1/analytics/dashboard and
// GET /api/v1/analytics/streaks, all for signed-in users. `svc` must outlive the router.
void add_analytics_routes(http::router& router, service& svc);

}  // namespace ugoki::analytics
