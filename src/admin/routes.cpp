// /api/v1/admin routes of the admin module: the table and its handlers.
#include "admin/routes.hpp"

#include "admin/dto.hpp"
#include "admin/media_routes.hpp"
#include "admin/media_service.hpp"
#include "admin/service.hpp"
#include "core/http/router.hpp"

namespace ugoki::admin {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

awaitable<response> list_audit(request_context& ctx, service& svc) {
  dto::audit_params params{ctx.query_param("actor"),     ctx.query_param("entity"),
                           ctx.query_param("entity_id"), ctx.query_param("from"),
                           ctx.query_param("to"),        ctx.query_param("page"),
                           ctx.query_param("per_page")};
  auto query = dto::parse_audit_query(params);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.audit(std::move(*query));
  auto res = http::ok_json(dto::render_audit_entries(page));
  res.pagination = dto::render_pagination(page);
  co_return res;
}

}  // namespace

void add_admin_routes(http::router& router, service& svc, media_service& media) {
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/audit",
              .fn = http::bind_handler(list_audit, svc),
              .level = access::admin});
  if (media.uses_s3()) {
    // The client sends the file to the bucket; we only sign the request for it.
    router.add({.method = verb::post,
                .pattern = "/api/v1/admin/media",
                .fn = http::bind_handler(handlers::presign_media, media),
                .level = access::admin,
                .body_limit = 4 * 1024,
                .idempotent = true});
    return;
  }
  // Not idempotent-keyed: the body is spooled, so the key store could not tell two files apart;
  // storing by content hash makes a repeat harmless anyway.
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/media",
              .fn = http::bind_handler(handlers::upload_media, media),
              .level = access::admin,
              .body_limit = static_cast<std::size_t>(media.settings().max_bytes),
              .spool_dir = media.spool_dir()});
  // Public and not rate limited, like other static files: immutable, content-addressed images
  // that article pages load many at a time. Production puts a CDN or proxy cache in front.
  router.add({.method = verb::get,
              .pattern = "/media/:name",
              .fn = http::bind_handler(handlers::serve_media, media),
              .rate_limited = false,
              .produces = "image/jpeg, image/png, image/webp, image/gif"});
}

}  // namespace ugoki::admin
