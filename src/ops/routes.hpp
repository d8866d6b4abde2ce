// Operational routes: liveness, readiness, Prometheus metrics, the API document and docs page.
#pragma once

#include <filesystem>

namespace ugoki {
namespace http {
class router;
}
namespace metrics {
class registry;
}
namespace pg {
class database;
}
namespace redis {
class client;
}
}  // namespace ugoki

namespace ugoki::ops {

struct ops_settings {
  std::filesystem::path api_dir;          // openapi.yaml, docs.html, docs-init.js
  std::filesystem::path docs_assets_dir;  // swagger-ui-dist
};

// `metrics` is read at scrape time; it must outlive the router.
void add_ops_routes(http::router& router, pg::database& db, redis::client& redis,
                    const metrics::registry& metrics, const ops_settings& settings);

// Routes that exist only when UGOKI_ENV=test, for end-to-end tests of the pipeline itself:
// POST /api/v1/_test/echo (JSON body parsing), GET /api/v1/_test/sleep?ms= (drain on SIGTERM)
// and POST /api/v1/_test/idempotent (signed in, Idempotency-Key: counts its runs per user).
void add_test_routes(http::router& router);

}  // namespace ugoki::ops
