// The fasting module's route table.
#pragma once

#include <chrono>

namespace ugoki::http {
class router;
}

namespace ugoki::fasting {

class service;

struct route_settings {
  // How long rendered reference data (protocols, stages) is reused before re-reading it.
  std::chrono::seconds reference_ttl{300};
};

void add_fasting_routes(http::router& router, service& svc, route_settings settings);

}  // namespace ugoki::fasting
