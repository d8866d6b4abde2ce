// The /api/v1/nutrition meal and diary routes.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::nutrition {

class diary_service;

// Registers POST /meals, GET/PATCH/DELETE /meals/:id and GET /diary; `svc` must outlive the
// router.
void add_diary_routes(http::router& router, diary_service& svc);

}  // namespace ugoki::nutrition
