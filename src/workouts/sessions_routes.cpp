// Handlers and route table of the workout sessions: parse, call the service once, render. The
// caller's id always comes from the verified token, so another user's sessions are unreachable.
#include "workouts/sessions_routes.hpp"

#include <memory>

#include "core/cursor.hpp"
#include "core/http/router.hpp"
#include "workouts/service.hpp"
#include "workouts/sessions_dto.hpp"

namespace ugoki::workouts {

// Named rather than anonymous: unity builds share a batch with the library part's routes.
namespace session_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// The largest body, 200 sets of ten numeric members, is under 40 KiB.
constexpr std::size_t session_body_limit = 64 * 1024;

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

bool premium(const request_context& ctx) {
  return ctx.user()->role == "premium" || ctx.user()->role == "admin";
}

awaitable<response> start_session(request_context& ctx, service& svc) {
  auto req = dto::parse_start(ctx.body(), svc.now());
  if (!req) {
    co_return http::refused(std::move(req.error()));
  }
  co_return http::created(co_await svc.start(caller(ctx), premium(ctx), std::move(*req)),
                          dto::render_session);
}

awaitable<response> get_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.get(caller(ctx), std::move(*id)), dto::render_session);
}

awaitable<response> patch_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto patch = dto::parse_patch(ctx.body());
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update(caller(ctx), std::move(*id), std::move(*patch)),
                     dto::render_session);
}

awaitable<response> complete_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto ended_at = dto::parse_complete(ctx.body(), svc.now());
  if (!ended_at) {
    co_return http::refused(std::move(ended_at.error()));
  }
  co_return http::ok(co_await svc.complete(caller(ctx), std::move(*id), *ended_at),
                     dto::render_session);
}

awaitable<response> cancel_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  if (auto body = dto::parse_cancel(ctx.body()); !body) {
    co_return http::refused(std::move(body.error()));
  }
  co_return http::ok(co_await svc.cancel(caller(ctx), std::move(*id)), dto::render_session);
}

awaitable<response> session_history(request_context& ctx, service& svc,
                                    const cursor_codec& cursors) {
  dto::history_params params{ctx.query_param("limit"),  ctx.query_param("cursor"),
                             ctx.query_param("from"),   ctx.query_param("to"),
                             ctx.query_param("type"),   ctx.query_param("routine_id"),
                             ctx.query_param("fasted"), ctx.query_param("status")};
  auto query = dto::parse_history(params, cursors);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.history(caller(ctx), std::move(*query));
  auto res = http::ok_json(dto::render_sessions(page.items));
  res.pagination = dto::render_pagination(page, cursors);
  co_return res;
}

awaitable<response> get_stats(request_context& ctx, service& svc) {
  dto::stats_params params{ctx.query_param("from"), ctx.query_param("to"),
                           ctx.query_param("bucket"), ctx.query_param("fasted")};
  auto query = dto::parse_stats(params);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  co_return http::ok_json(dto::render_stats(co_await svc.stats(caller(ctx), *query)));
}

awaitable<response> get_records(request_context& ctx, service& svc) {
  co_return http::ok_json(dto::render_records(co_await svc.records(caller(ctx))));
}

awaitable<response> get_streaks(request_context& ctx, service& svc) {
  co_return http::ok_json(dto::render_streaks(co_await svc.streaks(caller(ctx))));
}

}  // namespace session_handlers

void add_sessions_routes(http::router& router, service& svc, sessions_route_settings settings) {
  using namespace session_handlers;
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  // Starts honour Idempotency-Key (and the client's own id); the rest are per-user reads and
  // writes that are safe to resend.
  router.add({.method = verb::post,
              .pattern = "/api/v1/workouts/sessions",
              .fn = http::bind_handler(start_session, svc),
              .level = access::user,
              .body_limit = session_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/sessions/history",
              .fn = http::bind_handler(session_history, svc, std::move(cursors)),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/sessions/:id",
              .fn = http::bind_handler(get_session, svc),
              .level = access::user});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/workouts/sessions/:id",
              .fn = http::bind_handler(patch_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/workouts/sessions/:id/complete",
              .fn = http::bind_handler(complete_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/workouts/sessions/:id/cancel",
              .fn = http::bind_handler(cancel_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/stats",
              .fn = http::bind_handler(get_stats, svc),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/records",
              .fn = http::bind_handler(get_records, svc),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/streaks",
              .fn = http::bind_handler(get_streaks, svc),
              .level = access::user});
}

}  // namespace ugoki::workouts
