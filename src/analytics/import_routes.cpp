// /api/v1/analytics/imports: upload an Apple Health export, then poll the import. The caller's
// id comes from the verified token only, so another user's import is unreachable (404).
#include "analytics/import_routes.hpp"

#include "analytics/import_dto.hpp"
#include "analytics/import_service.hpp"
#include "core/http/router.hpp"

namespace ugoki::analytics {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// 202: the import is accepted and runs in the background; `links.self` is where to poll.
awaitable<response> post_import(request_context& ctx, import_service& svc) {
  auto step = svc.create(ctx.user()->user_id, ctx.header("Content-Type"), ctx.body_file());
  auto created = co_await std::move(step);
  if (!created) {
    co_return http::refused(std::move(created.error()));
  }
  response res = http::ok_json(import_dto::render_import(*created), 202);
  res.headers.emplace_back("Location", "/api/v1/analytics/imports/" + created->id);
  co_return res;
}

awaitable<response> get_import(request_context& ctx, import_service& svc) {
  // Not path_uuid: a malformed id answers 404 like another user's, as it always has.
  auto step = svc.find(ctx.user()->user_id, std::string(ctx.path_param("id")));
  auto found = co_await std::move(step);
  co_return http::ok(std::move(found), import_dto::render_import);
}

}  // namespace

void add_import_routes(http::router& router, import_service& svc) {
  router.add({.method = verb::post,
              .pattern = "/api/v1/analytics/imports",
              .fn = http::bind_handler(post_import, svc),
              .level = access::user,
              .body_limit = max_import_bytes,
              .spool_dir = svc.settings().upload_dir.string()});
  router.add({.method = verb::get,
              .pattern = "/api/v1/analytics/imports/:id",
              .fn = http::bind_handler(get_import, svc),
              .level = access::user});
}

}  // namespace ugoki::analytics
