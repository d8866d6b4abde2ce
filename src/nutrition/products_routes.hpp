// The /api/v1/nutrition barcode and product routes.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class products_service;

// Registers GET and POST /barcode/:code, POST /products and GET /products/mine; `svc` must
// outlive the router.
void add_products_routes(http::router& router, products_service& svc);

}  // namespace ugoki::nutrition
