// The /api/v1/admin/fasting routes (role admin): the protocols' catalogue and the stages.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::fasting {

class admin_protocols;
class admin_stages;

// Registers GET and POST /admin/fasting/protocols, GET, PATCH and DELETE
// /admin/fasting/protocols/:id, POST /admin/fasting/protocols/:id/deactivate (DELETE's twin),
// and the same for /admin/fasting/stages but the deactivate action; admin only. The services
// must outlive the router.
void add_admin_routes(http::router& router, admin_protocols& protocols, admin_stages& stages);

}  // namespace ugoki::fasting
