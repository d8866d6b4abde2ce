// /api/v1/nutrition/meal-plans: the table and its handlers (parse, call the service once,
// render).
#include "nutrition/meal_plans_routes.hpp"

#include <memory>

#include "core/cursor.hpp"
#include "core/http/router.hpp"
#include "nutrition/meal_plans_dto.hpp"
#include "nutrition/meal_plans_service.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// 100 items of 200-character free text are about 30 KiB.
constexpr std::size_t plan_body_limit = 64 * 1024;

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

awaitable<response> list_plans(request_context& ctx, meal_plans_service& svc,
                               const cursor_codec& cursors) {
  auto q = dto::parse_plan_list(ctx.query_param("week"), ctx.query_param("limit"),
                                ctx.query_param("cursor"), cursors);
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  auto page = co_await svc.list(caller(ctx), std::move(*q));
  auto res = http::ok_json(dto::render_plan_page(page));
  res.pagination = dto::render_plan_pagination(page, cursors);
  co_return res;
}

awaitable<response> create_plan(request_context& ctx, meal_plans_service& svc) {
  auto in = dto::parse_plan(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::created(co_await svc.create(caller(ctx), std::move(*in)), dto::render_plan);
}

awaitable<response> get_plan(request_context& ctx, meal_plans_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.get(caller(ctx), std::move(*id)), dto::render_plan);
}

awaitable<response> patch_plan(request_context& ctx, meal_plans_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto p = dto::parse_plan_patch(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return http::ok(co_await svc.patch(caller(ctx), std::move(*id), std::move(*p)),
                     dto::render_plan);
}

awaitable<response> delete_plan(request_context& ctx, meal_plans_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.remove(caller(ctx), std::move(*id)));
}

awaitable<response> copy_plan(request_context& ctx, meal_plans_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto week = dto::parse_copy(ctx.body());
  if (!week) {
    co_return http::refused(std::move(week.error()));
  }
  co_return http::created(co_await svc.copy(caller(ctx), std::move(*id), *week), dto::render_plan);
}

awaitable<response> generate_plan(request_context& ctx, meal_plans_service& svc) {
  auto in = dto::parse_generate(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  bool premium = ctx.user()->role == "premium" || ctx.user()->role == "admin";
  co_return http::created(co_await svc.generate(caller(ctx), premium, std::move(*in)),
                          dto::render_plan);
}

}  // namespace

void add_meal_plan_routes(http::router& router, meal_plans_service& svc,
                          const std::string& cursor_secret) {
  auto cursors = std::make_shared<const cursor_codec>(cursor_secret);
  const std::string base = "/api/v1/nutrition/meal-plans";
  router.add({.method = verb::get,
              .pattern = base,
              .fn = http::bind_handler(list_plans, svc, std::move(cursors)),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = base,
              .fn = http::bind_handler(create_plan, svc),
              .level = access::user,
              .body_limit = plan_body_limit,
              .idempotent = true});
  // "generate" is a static segment: it wins over :id.
  router.add({.method = verb::post,
              .pattern = base + "/generate",
              .fn = http::bind_handler(generate_plan, svc),
              .level = access::user,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = base + "/:id",
              .fn = http::bind_handler(get_plan, svc),
              .level = access::user});
  router.add({.method = verb::patch,
              .pattern = base + "/:id",
              .fn = http::bind_handler(patch_plan, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  router.add({.method = verb::delete_,
              .pattern = base + "/:id",
              .fn = http::bind_handler(delete_plan, svc),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = base + "/:id/copy",
              .fn = http::bind_handler(copy_plan, svc),
              .level = access::user,
              .idempotent = true});
}

}  // namespace ugoki::nutrition
