// The route table of fasting plans and insights: schedule, upcoming fasts, streaks, stats,
// history export and import (the session timer's routes are in routes.cpp).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::fasting {

class plan_service;

// Registers GET/PUT /fasting/schedule, GET /fasting/schedule/upcoming, GET /fasting/streaks,
// GET /fasting/stats, GET /fasting/sessions/export and POST /fasting/sessions/import, all
// access::user. `svc` must outlive the router. The two /sessions paths are static, so the
// router matches them before any /fasting/sessions/:id pattern, in whatever order registered.
void add_fasting_plan_routes(http::router& router, plan_service& svc);

}  // namespace ugoki::fasting
