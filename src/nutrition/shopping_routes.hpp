// The shopping-list routes of /api/v1/nutrition.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class shopping_service;

// Registers /nutrition/shopping-list (get by week, manual items, check off, delete, clear
// checked). `svc` must outlive the router.
void add_shopping_routes(http::router& router, shopping_service& svc);

}  // namespace ugoki::nutrition
