// The Apple Health import's route table (/api/v1/analytics/imports*).
#pragma once

#include <cstddef>

namespace ugoki::http {
class router;
}

namespace ugoki::analytics {

class import_service;

// The largest upload POST /analytics/imports accepts (the 200 MB).
inline constexpr std::size_t max_import_bytes = 200ull * 1024 * 1024;

// Registers POST /api/v1/analytics/imports (body spooled to svc.settings().upload_dir, up to
// max_import_bytes) and GET /api/v1/analytics/imports/:id, both for signed-in users. `svc`
// must outlive the router.
void add_import_routes(http::router& router, import_service& svc);

}  // namespace ugoki::analytics
