// Handlers and route table of the food products' administration: parse, call the service
// once, render.
#include "nutrition/admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
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
  auto patch = admin_dto::parse_product_patch(ctx.body(), /*with_barcode=*/true);
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return http::ok(co_await svc.edit_submission(actor_of(ctx), std::move(*id), std::move(*patch)),
                     admin_dto::render_reviewed);
}

awaitable<response> approve_submission(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto none = admin_dto::parse_no_options(ctx.body());
  if (!id || !none) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(none.error()));
  }
  co_return http::ok(co_await svc.approve(actor_of(ctx), std::move(*id)), dto::render_product);
}

awaitable<response> reject_submission(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto reason = admin_dto::parse_rejection(ctx.body());
  if (!id || !reason) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(reason.error()));
  }
  co_return http::ok(co_await svc.reject(actor_of(ctx), std::move(*id), std::move(*reason)),
                     dto::render_product);
}

awaitable<response> edit_product(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_product_patch(ctx.body(), /*with_barcode=*/false);
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return http::ok(co_await svc.edit_product(actor_of(ctx), std::move(*id), std::move(*patch)),
                     dto::render_product);
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
  router.add({.method = verb::patch,
              .pattern = "/api/v1/admin/nutrition/products/:id",
              .fn = http::bind_handler(edit_product, svc),
              .level = access::admin,
              .body_limit = admin_body_limit});
}

}  // namespace ugoki::nutrition
