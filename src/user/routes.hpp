// The user module's route table (/api/v1/users/*).
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::user {

class service;

// Registers GET/PATCH /api/v1/users/me, GET/PATCH /api/v1/users/me/preferences and
// POST /api/v1/users/me/onboarding, all for signed-in users. `svc` must outlive the router.
void add_user_routes(http::router& router, service& svc);

}  // namespace ugoki::user
