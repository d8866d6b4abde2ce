// The fasting module's route table.
#pragma once

#include <chrono>
#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::fasting {

class service;

struct route_settings {
  // How long rendered reference data (protocols, stages) is reused before re-reading it.
  std::chrono::seconds reference_ttl{300};
  // Keys the HMAC of history cursors (config UGOKI_CURSOR_SECRET); shared by all instances.
  std::string cursor_secret;
};

// Registers every /api/v1/fasting route. `svc` must outlive the router.
void add_fasting_routes(http::router& router, service& svc, route_settings settings);

}  // namespace ugoki::fasting
