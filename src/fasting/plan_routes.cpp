// /api/v1/fasting plan and insight routes: the table and its handlers. The caller's id comes
// from the verified token only, so every read and write is the caller's own.
#include "fasting/plan_routes.hpp"

#include <charconv>
#include <chrono>

#include "core/http/api_error.hpp"  // transitional (issue 11)
#include "core/http/router.hpp"
#include "core/time.hpp"
#include "fasting/plan_dto.hpp"
#include "fasting/plan_errors.hpp"
#include "fasting/plan_service.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;
using std::chrono::sys_days;

// A year of daily fasts is ~40 KiB of CSV; 2 MiB leaves room for years with notes.
constexpr std::size_t import_body_limit = 2 * 1024 * 1024;
constexpr std::size_t plan_body_limit = 16 * 1024;

// An integer query parameter in [min, max], `fallback` when absent; 400 VAL_001 otherwise.
int int_param(const request_context& ctx, std::string_view name, int min, int max, int fallback) {
  auto text = ctx.query_param(name);
  if (!text) {
    return fallback;
  }
  int v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc() || ptr != text->data() + text->size() || v < min ||
      v > max) {
    http::raise(
        http::validation({{std::string(name), "must be an integer from " + std::to_string(min) +
                                                  " to " + std::to_string(max)}}));
  }
  return v;
}

std::optional<sys_days> date_param(const request_context& ctx, std::string_view name) {
  auto text = ctx.query_param(name);
  if (!text) {
    return std::nullopt;
  }
  auto d = time::parse_date(*text);
  if (!d) {
    http::raise(http::validation({{std::string(name), "must be a date YYYY-MM-DD"}}));
  }
  return sys_days(*d);
}

awaitable<response> get_schedule(request_context& ctx, plan_service& svc) {
  auto found = co_await svc.get_schedule(ctx.user()->user_id);
  if (!found) {
    http::raise(errors::schedule_not_found());
  }
  co_return http::ok_json(plan_dto::render_schedule(*found));
}

awaitable<response> put_schedule(request_context& ctx, plan_service& svc) {
  auto in = plan_dto::parse_schedule(ctx.body());
  auto saved = co_await svc.put_schedule(ctx.user()->user_id, std::move(in));
  co_return http::ok_json(plan_dto::render_schedule(saved));
}

awaitable<response> get_upcoming(request_context& ctx, plan_service& svc) {
  int days = int_param(ctx, "days", 1, 60, 14);
  auto from = date_param(ctx, "from");
  auto fasts = co_await svc.upcoming(ctx.user()->user_id, from, days);
  co_return http::ok_json(plan_dto::render_upcoming(fasts, days));
}

awaitable<response> get_streaks(request_context& ctx, plan_service& svc) {
  auto summary = co_await svc.streaks(ctx.user()->user_id);
  co_return http::ok_json(plan_dto::render_streaks(summary));
}

awaitable<response> get_stats(request_context& ctx, plan_service& svc) {
  auto from = date_param(ctx, "from");
  auto to = date_param(ctx, "to");
  if (!to) {
    auto today = co_await svc.local_today(ctx.user()->user_id);
    to = today;
  }
  if (!from) {
    from = *to - std::chrono::days(6);
  }
  auto stats = co_await svc.stats(ctx.user()->user_id, *from, *to);
  co_return http::ok_json(
      plan_dto::render_stats(stats, time::format_date(std::chrono::year_month_day(*from)),
                             time::format_date(std::chrono::year_month_day(*to))));
}

awaitable<response> export_sessions(request_context& ctx, plan_service& svc) {
  std::string format = ctx.query_param("format").value_or("csv");
  if (format != "csv" && format != "json") {
    http::raise(http::validation({{"format", "must be csv or json"}}));
  }
  auto fasts = co_await svc.export_fasts(ctx.user()->user_id);
  if (format == "json") {
    co_return http::ok_json(plan_dto::render_export(fasts));
  }
  response res = http::raw(200, format_csv(fasts), "text/csv; charset=utf-8");
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"ugoki-fasts.csv\"");
  co_return res;
}

awaitable<response> import_sessions(request_context& ctx, plan_service& svc) {
  auto result = co_await svc.import_csv(ctx.user()->user_id, ctx.body());
  co_return http::ok_json(plan_dto::render_import(result));
}

http::route plan_route(verb method, std::string pattern,
                       awaitable<response> (*fn)(request_context&, plan_service&),
                       plan_service& svc, std::size_t body_limit = plan_body_limit) {
  return {method, std::move(pattern), [fn, &svc](request_context& ctx) { return fn(ctx, svc); },
          access::user, body_limit};
}

}  // namespace

awaitable<std::optional<std::string>> streak_json(plan_service& svc, std::string user_id) {
  auto summary = co_await svc.streaks(std::move(user_id));
  co_return plan_dto::render_streaks(summary);
}

void add_fasting_plan_routes(http::router& router, plan_service& svc) {
  router.add(plan_route(verb::get, "/api/v1/fasting/schedule", get_schedule, svc));
  router.add(plan_route(verb::put, "/api/v1/fasting/schedule", put_schedule, svc));
  router.add(plan_route(verb::get, "/api/v1/fasting/schedule/upcoming", get_upcoming, svc));
  router.add(plan_route(verb::get, "/api/v1/fasting/streaks", get_streaks, svc));
  router.add(plan_route(verb::get, "/api/v1/fasting/stats", get_stats, svc));
  router.add(plan_route(verb::get, "/api/v1/fasting/sessions/export", export_sessions, svc));
  // Idempotency-Key replays a retried upload's answer; without one, duplicates are skipped.
  http::route import_route = plan_route(verb::post, "/api/v1/fasting/sessions/import",
                                        import_sessions, svc, import_body_limit);
  import_route.idempotent = true;
  import_route.body_type = "text/csv";  // anything else gets 415 REQ_002
  router.add(std::move(import_route));
}

}  // namespace ugoki::fasting
