// The admin console's static files (web/admin), served at /admin with a strict CSP.
#pragma once

#include <filesystem>

namespace ugoki::http {
class router;
}

namespace ugoki::ops {

// Reads every file under `assets_dir` whose extension has a known media type (html, js, css,
// svg, png, ico, json, map) once, at start-up, and serves each at /admin/<relative path>;
// index.html also answers at /admin. Other files are not served. A missing or unreadable
// directory is logged and leaves /admin a 404 (the API is unaffected). Every console response
// carries the console's Content-Security-Policy; index.html is never cached (no-store), the
// other files are revalidated on each load (no-cache with an ETag: their names carry no hash).
void add_console_routes(http::router& router, const std::filesystem::path& assets_dir);

}  // namespace ugoki::ops
