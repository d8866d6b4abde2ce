// The /api/v1/admin/fasting routes (role admin): the protocols' catalogue.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::fasting {

class admin_protocols;

// Registers GET and POST /admin/fasting/protocols, PATCH /admin/fasting/protocols/:id and
// POST /admin/fasting/protocols/:id/deactivate; admin only. `svc` must outlive the router.
void add_admin_routes(http::router& router, admin_protocols& svc);

}  // namespace ugoki::fasting
