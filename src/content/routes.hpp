// /api/v1/content routes: articles, categories, bookmarks and reading progress.
#pragma once

#include <chrono>
#include <string>

namespace ugoki::http {
class router;
}

namespace ugoki::content {

class service;

struct route_settings {
  // Cache-Control max-age of the article lists and the category list.
  std::chrono::seconds max_age{300};
  // Keys the pagination cursors' signatures (every instance of a deployment shares it).
  std::string cursor_secret;
};

// Adds every content route to `router`. `svc` must outlive the router.
void add_content_routes(http::router& router, service& svc, route_settings settings);

}  // namespace ugoki::content
