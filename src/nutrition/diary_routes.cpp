// Handlers and route table of the food diary: parse, call the service once, render. The
// caller's id comes from the verified token, so another user's meals read as missing.
#include "nutrition/diary_routes.hpp"

#include "core/http/router.hpp"
#include "nutrition/diary_dto.hpp"
#include "nutrition/diary_service.hpp"

namespace ugoki::nutrition {

namespace diary_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// 50 items of a dozen short members each stay well under this.
constexpr std::size_t meal_body_limit = 64 * 1024;

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

awaitable<response> log_meal(request_context& ctx, diary_service& svc) {
  auto req = dto::parse_new_meal(ctx.body(), svc.now());
  if (!req) {
    co_return http::refused(std::move(req.error()));
  }
  co_return http::created(co_await svc.log_meal(caller(ctx), std::move(*req)), dto::render_meal);
}

awaitable<response> get_meal(request_context& ctx, diary_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.get(caller(ctx), std::move(*id)), dto::render_meal);
}

awaitable<response> patch_meal(request_context& ctx, diary_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto patch = dto::parse_meal_patch(ctx.body(), svc.now());
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update(caller(ctx), std::move(*id), std::move(*patch)),
                     dto::render_meal);
}

awaitable<response> delete_meal(request_context& ctx, diary_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.remove(caller(ctx), std::move(*id)));
}

awaitable<response> get_diary(request_context& ctx, diary_service& svc) {
  auto date = dto::parse_diary_date(ctx.query_param("date"));
  if (!date) {
    co_return http::refused(std::move(date.error()));
  }
  co_return http::ok_json(dto::render_day(co_await svc.day(caller(ctx), std::move(*date))));
}

}  // namespace diary_handlers

void add_diary_routes(http::router& router, diary_service& svc) {
  using namespace diary_handlers;
  router.add({.method = verb::post,
              .pattern = "/api/v1/nutrition/meals",
              .fn = http::bind_handler(log_meal, svc),
              .level = access::user,
              .body_limit = meal_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/meals/:id",
              .fn = http::bind_handler(get_meal, svc),
              .level = access::user});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/nutrition/meals/:id",
              .fn = http::bind_handler(patch_meal, svc),
              .level = access::user,
              .body_limit = meal_body_limit});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/nutrition/meals/:id",
              .fn = http::bind_handler(delete_meal, svc),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/diary",
              .fn = http::bind_handler(get_diary, svc),
              .level = access::user});
}

}  // namespace ugoki::nutrition
