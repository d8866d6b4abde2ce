// The workout library's route table: exercises, catalogue routines, users' own routines.
#pragma once

#include <chrono>
#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::workouts {

class library_service;

struct library_route_settings {
  // The Cache-Control max-age of the exercise answers (their ETags change with the data).
  std::chrono::seconds reference_max_age{300};
  // Keys the HMAC of list cursors (config UGOKI_CURSOR_SECRET); shared by all instances.
  std::string cursor_secret;
};

// Registers every /api/v1/workouts library route. `svc` must outlive the router.
void add_library_routes(http::router& router, library_service& svc,
                        library_route_settings settings);

}  // namespace ugoki::workouts
