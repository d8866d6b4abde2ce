// The /api/v1/admin/nutrition routes (role admin): the review of users' product submissions
// and fixes to public products.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class admin_service;

// Registers GET /admin/nutrition/products/submissions, PATCH .../submissions/:id,
// POST .../submissions/:id/approve and .../reject, GET and PATCH /admin/nutrition/products/:id;
// every route is admin only. `svc` must outlive the router.
void add_admin_routes(http::router& router, admin_service& svc);

}  // namespace ugoki::nutrition
