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

// Transitional: the data object of GET /fasting/streaks as JSON text, for the analytics
// dashboard's dashboard_sources::fasting_streak until the bridge passes plan_service::streaks'
// streak_summary instead (issue 11: typed structs, not JSON, between modules); remove it then.
// Throws pg::unavailable.
boost::asio::awaitable<std::optional<std::string>> streak_json(plan_service& svc,
                                                               std::string user_id);

}  // namespace ugoki::fasting
