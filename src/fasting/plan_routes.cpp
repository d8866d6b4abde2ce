// /api/v1/fasting plan and insight routes: the table and its handlers. The caller's id comes
// from the verified token only, so every read and write is the caller's own.
#include "fasting/plan_routes.hpp"

#include "core/http/router.hpp"
#include "fasting/plan_dto.hpp"
#include "fasting/plan_service.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// A year of daily fasts is ~40 KiB of CSV; 2 MiB leaves room for years with notes.
constexpr std::size_t import_body_limit = 2 * 1024 * 1024;
constexpr std::size_t plan_body_limit = 16 * 1024;

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

awaitable<response> get_schedule(request_context& ctx, plan_service& svc) {
  co_return http::ok(co_await svc.get_schedule(caller(ctx)), plan_dto::render_schedule);
}

awaitable<response> put_schedule(request_context& ctx, plan_service& svc) {
  // The draft carries the fields that did not parse: the service names them with its own.
  auto draft = plan_dto::parse_schedule(ctx.body());
  if (!draft) {
    co_return http::refused(std::move(draft.error()));
  }
  co_return http::ok(co_await svc.put_schedule(caller(ctx), std::move(*draft)),
                     plan_dto::render_schedule);
}

awaitable<response> get_upcoming(request_context& ctx, plan_service& svc) {
  auto q = plan_dto::parse_upcoming(ctx.query_param("days"), ctx.query_param("from"));
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  const int days = q->days;
  co_return http::ok(
      co_await svc.upcoming(caller(ctx), q->from, days),
      [days](const upcoming_fasts& u) { return plan_dto::render_upcoming(u, days); });
}

awaitable<response> get_streaks(request_context& ctx, plan_service& svc) {
  auto summary = co_await svc.streaks(caller(ctx));
  co_return http::ok_json(plan_dto::render_streaks(summary));
}

awaitable<response> get_stats(request_context& ctx, plan_service& svc) {
  auto q = plan_dto::parse_stats(ctx.query_param("from"), ctx.query_param("to"));
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return http::ok(co_await svc.stats(caller(ctx), q->from, q->to), plan_dto::render_stats);
}

awaitable<response> export_sessions(request_context& ctx, plan_service& svc) {
  auto format = plan_dto::parse_export_format(ctx.query_param("format"));
  if (!format) {
    co_return http::refused(std::move(format.error()));
  }
  auto fasts = co_await svc.export_fasts(caller(ctx));
  if (*format == plan_dto::export_format::json) {
    co_return http::ok_json(plan_dto::render_export(fasts));
  }
  response res = http::raw(200, format_csv(fasts), "text/csv; charset=utf-8");
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"ugoki-fasts.csv\"");
  co_return res;
}

awaitable<response> import_sessions(request_context& ctx, plan_service& svc) {
  co_return http::ok(co_await svc.import_csv(caller(ctx), ctx.body()), plan_dto::render_import);
}

}  // namespace

void add_fasting_plan_routes(http::router& router, plan_service& svc) {
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/schedule",
              .fn = http::bind_handler(get_schedule, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  router.add({.method = verb::put,
              .pattern = "/api/v1/fasting/schedule",
              .fn = http::bind_handler(put_schedule, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/schedule/upcoming",
              .fn = http::bind_handler(get_upcoming, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/streaks",
              .fn = http::bind_handler(get_streaks, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/stats",
              .fn = http::bind_handler(get_stats, svc),
              .level = access::user,
              .body_limit = plan_body_limit});
  // CSV or JSON by ?format=; an Accept admitting neither is 406 REQ_005 (the dispatcher).
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/sessions/export",
              .fn = http::bind_handler(export_sessions, svc),
              .level = access::user,
              .body_limit = plan_body_limit,
              .produces = "application/json, text/csv"});
  // Idempotency-Key replays a retried upload's answer; without one, duplicates are skipped.
  // Any body type but text/csv gets 415 REQ_002.
  router.add({.method = verb::post,
              .pattern = "/api/v1/fasting/sessions/import",
              .fn = http::bind_handler(import_sessions, svc),
              .level = access::user,
              .body_limit = import_body_limit,
              .idempotent = true,
              .body_type = "text/csv"});
}

}  // namespace ugoki::fasting
