// Handlers of the fasting session routes: parse, call the service once, render. The caller's
// id always comes from the verified token, so another user's sessions are unreachable.
#include "fasting/sessions_routes.hpp"

#include <vector>

#include "core/http/caching.hpp"
#include "fasting/dto.hpp"
#include "fasting/errors.hpp"
#include "fasting/service.hpp"

namespace ugoki::fasting::handlers {

namespace {

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

}  // namespace

awaitable<response> start_session(request_context& ctx, service& svc) {
  auto req = dto::parse_start(ctx.body(), svc.now());
  if (!req) {
    co_return http::refused(std::move(req.error()));
  }
  co_return http::created(co_await svc.start(caller(ctx), std::move(*req)), dto::render_session);
}

awaitable<response> current_session(request_context& ctx, service& svc) {
  const std::string_view language = http::negotiated_language(ctx);
  auto view = co_await svc.current(caller(ctx), std::string(language));
  if (!view) {
    co_return http::refused(errors::no_active_session());
  }
  // The stages' names and summaries are the localised text here: say which language they are
  // in (the negotiated one when a shown stage has it, else English), as reference reads do.
  const auto& t = view->timer;
  const bool translated = (t.current_stage && t.current_stage->language == language) ||
                          (t.next_stage && t.next_stage->language == language);
  response res = http::ok_json(dto::render_current(*view));
  res.headers.emplace_back("Content-Language", translated ? std::string(language) : "en");
  res.headers.emplace_back("Vary", "Accept-Language");
  co_return res;
}

awaitable<response> session_history(request_context& ctx, service& svc,
                                    const cursor_codec& cursors) {
  dto::history_params params{ctx.query_param("limit"), ctx.query_param("cursor"),
                             ctx.query_param("from"), ctx.query_param("to"),
                             ctx.query_param("status")};
  auto query = dto::parse_history(params, cursors);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.history(caller(ctx), std::move(*query));
  auto res = http::ok_json(dto::render_sessions(page.items));
  res.pagination = dto::render_pagination(page, cursors);
  co_return res;
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
  auto patch = dto::parse_patch(ctx.body(), svc.now());
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return http::ok(co_await svc.update(caller(ctx), std::move(*id), std::move(*patch)),
                     dto::render_session);
}

awaitable<response> end_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto ended_at = dto::parse_end(ctx.body(), svc.now());
  if (!ended_at) {
    co_return http::refused(std::move(ended_at.error()));
  }
  co_return http::ok(co_await svc.end(caller(ctx), std::move(*id), *ended_at), dto::render_session);
}

awaitable<response> cancel_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.cancel(caller(ctx), std::move(*id)), dto::render_session);
}

awaitable<response> add_log(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto log = dto::parse_log(ctx.body(), svc.now());
  if (!log) {
    co_return http::refused(std::move(log.error()));
  }
  co_return http::created(co_await svc.add_log(caller(ctx), std::move(*id), std::move(*log)),
                          dto::render_log);
}

awaitable<response> list_logs(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.logs(caller(ctx), std::move(*id)), dto::render_logs);
}

awaitable<response> delete_log(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  auto log_id = ctx.path_uuid("logId");
  if (!id || !log_id) {
    std::vector<field_error> bad;
    for (auto* r : {&id, &log_id}) {
      if (!*r) {
        api_error e = r->error();  // a copy: result::error() returns by value
        bad.insert(bad.end(), e.details.begin(), e.details.end());
      }
    }
    co_return http::refused(validation(std::move(bad)));
  }
  co_return http::no_content(
      co_await svc.delete_log(caller(ctx), std::move(*id), std::move(*log_id)));
}

}  // namespace ugoki::fasting::handlers
