// Handlers of the fasting session routes: parse, call the service once, render. The caller's
// id always comes from the verified token, so another user's sessions are unreachable.
#include "fasting/sessions_routes.hpp"

#include <cctype>

#include "core/http/api_error.hpp"
#include "core/json.hpp"
#include "fasting/dto.hpp"
#include "fasting/errors.hpp"
#include "fasting/service.hpp"

namespace ugoki::fasting::handlers {

namespace {

// A `:name` path segment that must be a UUID (400 VAL_001 naming it otherwise), lowercased.
std::string path_uuid(const request_context& ctx, std::string_view name) {
  std::string id(ctx.path_param(name));
  if (!json::is_uuid(id)) {
    http::raise(http::validation({{std::string(name), "must be a UUID"}}));
  }
  for (auto& c : id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id;
}

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

}  // namespace

awaitable<response> start_session(request_context& ctx, service& svc) {
  auto req = dto::parse_start(ctx.body());
  auto started = co_await svc.start(caller(ctx), std::move(req));
  co_return http::created_json(dto::render_session(started));
}

awaitable<response> current_session(request_context& ctx, service& svc) {
  auto view = co_await svc.current(caller(ctx));
  if (!view) {
    http::raise(errors::no_active_session());
  }
  co_return http::ok_json(dto::render_current(*view));
}

awaitable<response> session_history(request_context& ctx, service& svc,
                                    const cursor_codec& cursors) {
  dto::history_params params{ctx.query_param("limit"), ctx.query_param("cursor"),
                             ctx.query_param("from"), ctx.query_param("to"),
                             ctx.query_param("status")};
  auto query = dto::parse_history(params, cursors);
  auto page = co_await svc.history(caller(ctx), std::move(query));
  auto res = http::ok_json(dto::render_sessions(page.items));
  res.pagination = dto::render_pagination(page, cursors);
  co_return res;
}

awaitable<response> get_session(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto found = co_await svc.get(caller(ctx), std::move(id));
  co_return http::ok_json(dto::render_session(found));
}

awaitable<response> patch_session(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto patch = dto::parse_patch(ctx.body());
  auto updated = co_await svc.update(caller(ctx), std::move(id), std::move(patch));
  co_return http::ok_json(dto::render_session(updated));
}

awaitable<response> end_session(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto ended_at = dto::parse_end(ctx.body());
  auto ended = co_await svc.end(caller(ctx), std::move(id), ended_at);
  co_return http::ok_json(dto::render_session(ended));
}

awaitable<response> cancel_session(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto cancelled = co_await svc.cancel(caller(ctx), std::move(id));
  co_return http::ok_json(dto::render_session(cancelled));
}

awaitable<response> add_log(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto log = dto::parse_log(ctx.body());
  auto added = co_await svc.add_log(caller(ctx), std::move(id), std::move(log));
  co_return http::created_json(dto::render_log(added));
}

awaitable<response> list_logs(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto logs = co_await svc.logs(caller(ctx), std::move(id));
  co_return http::ok_json(dto::render_logs(logs));
}

awaitable<response> delete_log(request_context& ctx, service& svc) {
  auto id = path_uuid(ctx, "id");
  auto log_id = path_uuid(ctx, "logId");
  co_await svc.delete_log(caller(ctx), std::move(id), std::move(log_id));
  co_return http::no_content();
}

}  // namespace ugoki::fasting::handlers
