// The admin module's routes: the audit log reader (GET /api/v1/admin/audit) and media uploads
// (POST /api/v1/admin/media, GET /media/:name). Every /admin route is role admin.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::admin {

class service;

// Registers the routes; the services must outlive the router.
void add_admin_routes(http::router& router, service& svc);

}  // namespace ugoki::admin
