// /api/v1/admin/content routes: articles (every status), their translations, categories and
// tags, for the admin role only (docs/content.md, "Administration").
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::content::admin {

class service;

// Adds every content admin route to `router`. `svc` must outlive the router.
void add_content_admin_routes(http::router& router, service& svc);

}  // namespace ugoki::content::admin
