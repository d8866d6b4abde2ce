// The meal-plan routes of /api/v1/nutrition.
#pragma once

#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class meal_plans_service;

// Registers /nutrition/meal-plans (list, create, get, patch, delete, copy, generate). `svc`
// must outlive the router; `cursor_secret` keys the list cursors.
void add_meal_plan_routes(http::router& router, meal_plans_service& svc,
                          const std::string& cursor_secret);

}  // namespace ugoki::nutrition
