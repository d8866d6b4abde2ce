// Handlers and route table of the fasting protocols' administration: parse, call the service
// once, render.
#include "fasting/admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "fasting/admin_dto.hpp"
#include "fasting/admin_service.hpp"

namespace ugoki::fasting {

namespace admin_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t protocol_body_limit = 64 * 1024;

using http::actor_of;

awaitable<response> list_protocols(request_context& ctx, admin_protocols& svc) {
  auto page = admin_dto::parse_page(ctx.query_param("page"), ctx.query_param("per_page"));
  if (!page) {
    co_return http::refused(std::move(page.error()));
  }
  protocol_page found = co_await svc.list(page->first, page->second);
  response res = http::ok_json(admin_dto::render_admin_protocols(found));
  res.pagination = query::render_offset_pagination({found.page, found.per_page}, found.total);
  co_return res;
}

awaitable<response> create_protocol(request_context& ctx, admin_protocols& svc) {
  auto p = admin_dto::parse_protocol(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return http::created(co_await svc.create(actor_of(ctx), std::move(*p)),
                          admin_dto::render_admin_protocol);
}

awaitable<response> update_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_protocol_patch(ctx.body());
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update(actor_of(ctx), std::move(*id), std::move(*patch)),
                     admin_dto::render_admin_protocol);
}

awaitable<response> deactivate_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  if (!ctx.body().empty()) {
    co_return http::refused(validation({{"body", "must be empty"}}));
  }
  co_return http::ok(co_await svc.deactivate(actor_of(ctx), std::move(*id)),
                     admin_dto::render_admin_protocol);
}

}  // namespace admin_handlers

void add_admin_routes(http::router& router, admin_protocols& svc) {
  using namespace admin_handlers;
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/fasting/protocols",
              .fn = http::bind_handler(list_protocols, svc),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/fasting/protocols",
              .fn = http::bind_handler(create_protocol, svc),
              .level = access::admin,
              .body_limit = protocol_body_limit,
              .idempotent = true});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/admin/fasting/protocols/:id",
              .fn = http::bind_handler(update_protocol, svc),
              .level = access::admin,
              .body_limit = protocol_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/fasting/protocols/:id/deactivate",
              .fn = http::bind_handler(deactivate_protocol, svc),
              .level = access::admin,
              .body_limit = 1024});
}

}  // namespace ugoki::fasting
