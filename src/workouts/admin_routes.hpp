// The /api/v1/admin/workouts routes (role admin): the exercise library and the catalogue's
// routines (docs/admin.md).
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::workouts {

class admin_service;

// Registers GET and POST /admin/workouts/exercises and /routines, and GET, PATCH and DELETE of
// /admin/workouts/exercises/:id and /routines/:id; admin only. `svc` must outlive the router.
void add_admin_routes(http::router& router, admin_service& svc);

}  // namespace ugoki::workouts
