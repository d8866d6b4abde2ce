// The /api/v1/workouts session, stats, records and streaks routes (the library part registers
// its own with add_library_routes).
#pragma once

#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::workouts {

class service;

struct sessions_route_settings {
  std::string cursor_secret;  // signs the history cursors
};

// Registers every sessions route on `router`; `svc` must outlive it.
void add_sessions_routes(http::router& router, service& svc, sessions_route_settings settings);

}  // namespace ugoki::workouts
