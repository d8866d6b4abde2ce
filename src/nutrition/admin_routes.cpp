// Handlers and route table of the food products' administration: parse, call the service
// once, render.
#include "nutrition/admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "nutrition/admin_dto.hpp"
#include "nutrition/admin_service.hpp"
#include "nutrition/products_dto.hpp"

namespace ugoki::nutrition {

namespace admin_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t admin_body_limit = 16 * 1024;

using http::actor_of;

// A product answer with its row's version as ETag (what If-Match names).
response versioned(result<versioned_product> r) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  response res = http::ok_json(dto::render_product(r->item));
  res.headers.emplace_back("ETag", version_guard::etag_of(r->version));
  return res;
}

awaitable<response> list_submissions(request_context& ctx, admin_service& svc) {
  auto q = admin_dto::parse_review_query(ctx.query_param("status"), ctx.query_param("page"),
                                         ctx.query_param("per_page"));
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  review_page page = co_await svc.submissions(*q);
  response res = http::ok_json(admin_dto::render_review_items(page));
  res.pagination = query::render_offset_pagination({page.page, page.per_page}, page.total);
  co_return res;
}

awaitable<response> edit_submission(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto patch =
      admin_dto::parse_product_patch(ctx.body(), /*with_barcode=*/true, ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  auto edited = co_await svc.edit_submission(actor_of(ctx), std::move(*id), std::move(*patch));
  if (!edited) {
    co_return http::refused(std::move(edited.error()));
  }
  response res = http::ok_json(admin_dto::render_reviewed(*edited));
  res.headers.emplace_back("ETag", version_guard::etag_of(edited->version));
  co_return res;
}

awaitable<response> approve_submission(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto version = admin_dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!id || !version) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(version.error()));
  }
  co_return versioned(co_await svc.approve(actor_of(ctx), std::move(*id), *version));
}

awaitable<response> reject_submission(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto why = admin_dto::parse_rejection(ctx.body(), ctx.header("If-Match"));
  if (!id || !why) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(why.error()));
  }
  co_return versioned(
      co_await svc.reject(actor_of(ctx), std::move(*id), std::move(why->reason), why->version));
}

awaitable<response> edit_product(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto patch =
      admin_dto::parse_product_patch(ctx.body(), /*with_barcode=*/false, ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return versioned(co_await svc.edit_product(actor_of(ctx), std::move(*id), std::move(*patch)));
}

awaitable<response> get_product(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return versioned(co_await svc.public_product(std::move(*id)));
}

}  // namespace admin_handlers

void add_admin_routes(http::router& router, admin_service& svc) {
  using namespace admin_handlers;
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/nutrition/products/submissions",
              .fn = http::bind_handler(list_submissions, svc),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/admin/nutrition/products/submissions/:id",
              .fn = http::bind_handler(edit_submission, svc),
              .level = access::admin,
              .body_limit = admin_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/nutrition/products/submissions/:id/approve",
              .fn = http::bind_handler(approve_submission, svc),
              .level = access::admin,
              .body_limit = admin_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/nutrition/products/submissions/:id/reject",
              .fn = http::bind_handler(reject_submission, svc),
              .level = access::admin,
              .body_limit = admin_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/nutrition/products/:id",
              .fn = http::bind_handler(get_product, svc),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/admin/nutrition/products/:id",
              .fn = http::bind_handler(edit_product, svc),
              .level = access::admin,
              .body_limit = admin_body_limit});
}

}  // namespace ugoki::nutrition
