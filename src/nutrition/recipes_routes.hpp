// The recipe routes of /api/v1/nutrition: the filtered list and the detail.
#pragma once

#include <chrono>
#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class recipes_service;

struct recipe_route_settings {
  // Cache-Control max-age of recipe answers (private: a list depends on the caller's allergies).
  std::chrono::seconds max_age{300};
  // Keys the HMAC of list cursors (UGOKI_CURSOR_SECRET).
  std::string cursor_secret;
};

// Registers GET /nutrition/recipes and /nutrition/recipes/:id. `svc` must outlive the router.
void add_recipe_routes(http::router& router, recipes_service& svc, recipe_route_settings settings);

}  // namespace ugoki::nutrition
