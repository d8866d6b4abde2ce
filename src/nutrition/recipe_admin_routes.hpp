// The /api/v1/admin/nutrition/recipes routes (role admin): the recipe library's administration.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class recipe_admin;

// Registers GET and POST /admin/nutrition/recipes, GET, PATCH and DELETE
// /admin/nutrition/recipes/:id; every route is admin only. `svc` must outlive the router.
void add_recipe_admin_routes(http::router& router, recipe_admin& svc);

}  // namespace ugoki::nutrition
