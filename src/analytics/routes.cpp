// /api/v1/analytics routes: the table and its handlers. The caller's id always comes from the
// verified token, so another user's points are unreachable.
#include "analytics/routes.hpp"

#include "analytics/dto.hpp"
#include "analytics/service.hpp"
#include "core/http/router.hpp"

namespace ugoki::analytics {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// 1000 points of ~200 bytes plus some metadata; larger batches get 413 and are split.
constexpr std::size_t metrics_body_limit = 4 * 1024 * 1024;
constexpr std::size_t small_body_limit = 16 * 1024;

awaitable<response> post_metrics(request_context& ctx, service& svc) {
  auto points = dto::parse_points(ctx.body(), svc.now());
  if (!points) {
    co_return http::refused(std::move(points.error()));
  }
  auto counts = co_await svc.ingest(ctx.user()->user_id, std::move(*points));
  co_return http::ok(std::move(counts), dto::render_ingest);
}

awaitable<response> delete_metric(request_context& ctx, service& svc) {
  auto key = dto::parse_point_key(ctx.query_param("metric_type"), ctx.query_param("time"),
                                  ctx.query_param("source"));
  if (!key) {
    co_return http::refused(std::move(key.error()));
  }
  auto deleted = co_await svc.delete_point(ctx.user()->user_id, std::move(key->metric_type),
                                           key->time, std::move(key->source));
  co_return http::no_content(std::move(deleted));
}

awaitable<response> get_progress(request_context& ctx, service& svc) {
  auto items = co_await svc.progress(ctx.user()->user_id);
  co_return http::ok_json(dto::render_progress(items));
}

awaitable<response> get_metric_series(request_context& ctx, service& svc) {
  auto q = dto::parse_series_query(std::string(ctx.path_param("metric")), ctx.query_param("from"),
                                   ctx.query_param("to"), ctx.query_param("bucket"), svc.now());
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  auto found = co_await svc.get_series(ctx.user()->user_id, std::move(*q));
  co_return http::ok(std::move(found), dto::render_series);
}

awaitable<response> get_dashboard(request_context& ctx, service& svc) {
  auto d = co_await svc.get_dashboard(ctx.user()->user_id);
  co_return http::ok_json(dto::render_dashboard(d));
}

awaitable<response> get_streaks(request_context& ctx, service& svc) {
  auto s = co_await svc.get_streaks(ctx.user()->user_id);
  co_return http::ok_json(dto::render_streaks(s));
}

}  // namespace

void add_analytics_routes(http::router& router, service& svc) {
  // A retried sync must not double-count: the dispatcher replays on the same Idempotency-Key.
  router.add({.method = verb::post,
              .pattern = "/api/v1/analytics/metrics",
              .fn = http::bind_handler(post_metrics, svc),
              .level = access::user,
              .body_limit = metrics_body_limit,
              .idempotent = true});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/analytics/metrics",
              .fn = http::bind_handler(delete_metric, svc),
              .level = access::user,
              .body_limit = small_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/analytics/progress",
              .fn = http::bind_handler(get_progress, svc),
              .level = access::user,
              .body_limit = small_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/analytics/progress/:metric",
              .fn = http::bind_handler(get_metric_series, svc),
              .level = access::user,
              .body_limit = small_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/analytics/dashboard",
              .fn = http::bind_handler(get_dashboard, svc),
              .level = access::user,
              .body_limit = small_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/analytics/streaks",
              .fn = http::bind_handler(get_streaks, svc),
              .level = access::user,
              .body_limit = small_body_limit});
}

}  // namespace ugoki::analytics
