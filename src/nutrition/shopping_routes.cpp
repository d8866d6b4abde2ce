// /api/v1/nutrition/shopping-list: the table and its handlers (parse, call the service once,
// render).
#include "nutrition/shopping_routes.hpp"

#include "core/http/router.hpp"
#include "nutrition/shopping_dto.hpp"
#include "nutrition/shopping_service.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t shopping_body_limit = 4 * 1024;

const std::string& shopper(const request_context& ctx) {
  return ctx.user()->user_id;
}

awaitable<response> get_list(request_context& ctx, shopping_service& svc) {
  auto week = dto::parse_shopping_week(ctx.query_param("week"));
  if (!week) {
    co_return http::refused(std::move(week.error()));
  }
  co_return http::ok(co_await svc.get(shopper(ctx), *week), dto::render_shopping_list);
}

awaitable<response> add_item(request_context& ctx, shopping_service& svc) {
  auto in = dto::parse_shopping_item(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::created(co_await svc.add(shopper(ctx), std::move(*in)),
                          dto::render_shopping_item);
}

awaitable<response> patch_item(request_context& ctx, shopping_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto p = dto::parse_shopping_patch(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return http::ok(co_await svc.patch(shopper(ctx), std::move(*id), std::move(*p)),
                     dto::render_shopping_item);
}

awaitable<response> delete_item(request_context& ctx, shopping_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.remove(shopper(ctx), std::move(*id)));
}

awaitable<response> clear_checked(request_context& ctx, shopping_service& svc) {
  co_return http::ok_json(dto::render_cleared(co_await svc.clear_checked(shopper(ctx))));
}

}  // namespace

void add_shopping_routes(http::router& router, shopping_service& svc) {
  const std::string base = "/api/v1/nutrition/shopping-list";
  router.add({.method = verb::get,
              .pattern = base,
              .fn = http::bind_handler(get_list, svc),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = base + "/items",
              .fn = http::bind_handler(add_item, svc),
              .level = access::user,
              .body_limit = shopping_body_limit,
              .idempotent = true});
  router.add({.method = verb::patch,
              .pattern = base + "/items/:id",
              .fn = http::bind_handler(patch_item, svc),
              .level = access::user,
              .body_limit = shopping_body_limit});
  router.add({.method = verb::delete_,
              .pattern = base + "/items/:id",
              .fn = http::bind_handler(delete_item, svc),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = base + "/clear-checked",
              .fn = http::bind_handler(clear_checked, svc),
              .level = access::user});
}

}  // namespace ugoki::nutrition
