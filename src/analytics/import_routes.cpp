// /api/v1/analytics/imports: upload an Apple Health export, then poll the import. The caller's
// id comes from the verified token only, so another user's import is unreachable (404).
#include "analytics/import_routes.hpp"

#include "analytics/import_dto.hpp"
#include "analytics/import_errors.hpp"
#include "analytics/import_service.hpp"
#include "core/http/api_error.hpp"  // transitional (issue 11)
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
  metric_import created = co_await std::move(step);
  response res = http::ok_json(import_dto::render_import(created), 202);
  res.headers.emplace_back("Location", "/api/v1/analytics/imports/" + created.id);
  co_return res;
}

awaitable<response> get_import(request_context& ctx, import_service& svc) {
  auto step = svc.find(ctx.user()->user_id, std::string(ctx.path_param("id")));
  auto found = co_await std::move(step);
  if (!found) {
    http::raise(import_errors::import_not_found());
  }
  co_return http::ok_json(import_dto::render_import(*found));
}

}  // namespace

void add_import_routes(http::router& router, import_service& svc) {
  http::route upload{verb::post, "/api/v1/analytics/imports",
                     [&svc](request_context& ctx) { return post_import(ctx, svc); }, access::user,
                     max_import_bytes};
  upload.spool_dir = svc.settings().upload_dir.string();
  router.add(std::move(upload));
  router.add({verb::get, "/api/v1/analytics/imports/:id",
              [&svc](request_context& ctx) { return get_import(ctx, svc); }, access::user});
}

}  // namespace ugoki::analytics
