// Handlers and route table of the workout reference data's administration: parse, call the
// service once, render. Single items answer with their version as ETag (what If-Match names).
#include "workouts/admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "workouts/admin_dto.hpp"
#include "workouts/admin_service.hpp"

namespace ugoki::workouts {

namespace admin_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// A routine of 50 slots with 500-character notes, or an exercise with four translations, is
// well under 64 KiB.
constexpr std::size_t body_limit = 64 * 1024;

using http::actor_of;

// One item with its version as ETag.
template <class T, class Render>
response item_response(result<T> r, Render render, int status = 200) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  response res = http::ok_json(render(*r), status);
  res.headers.emplace_back("ETag", version_guard::etag_of(r->version));
  return res;
}

// DELETE: 204 when the row is gone, 200 with it when it was retired instead.
template <class T, class Render>
response removal_response(result<std::optional<T>> r, Render render) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  if (!*r) {
    return http::no_content();
  }
  return item_response(result<T>(std::move(**r)), render);
}

template <class T, class Render>
response page_response(const admin::page<T>& p, Render render) {
  response res = http::ok_json(render(p.items));
  res.pagination = query::render_offset_pagination({p.page_number, p.per_page}, p.total);
  return res;
}

result<admin::list_query> list_query_of(const request_context& ctx) {
  return admin_dto::parse_list_query(ctx.query_param("q"), ctx.query_param("active"),
                                     ctx.query_param("page"), ctx.query_param("per_page"));
}

awaitable<response> list_exercises(request_context& ctx, admin_service& svc) {
  auto q = list_query_of(ctx);
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return page_response(co_await svc.exercises(std::move(*q)), admin_dto::render_exercises);
}

awaitable<response> get_exercise(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return item_response(co_await svc.exercise(std::move(*id)), admin_dto::render_exercise);
}

awaitable<response> create_exercise(request_context& ctx, admin_service& svc) {
  auto in = admin_dto::parse_exercise(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return item_response(
      co_await svc.create_exercise(actor_of(ctx), std::move(in->row), std::move(in->translations)),
      admin_dto::render_exercise, 201);
}

awaitable<response> update_exercise(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_exercise_patch(ctx.body(), ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return item_response(
      co_await svc.update_exercise(actor_of(ctx), std::move(*id), std::move(*patch)),
      admin_dto::render_exercise);
}

awaitable<response> delete_exercise(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto version = admin_dto::parse_delete(ctx.body(), ctx.header("If-Match"));
  if (!id || !version) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(version.error()));
  }
  co_return removal_response(co_await svc.delete_exercise(actor_of(ctx), std::move(*id), *version),
                             admin_dto::render_exercise);
}

awaitable<response> list_routines(request_context& ctx, admin_service& svc) {
  auto q = list_query_of(ctx);
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return page_response(co_await svc.routines(std::move(*q)), admin_dto::render_routines);
}

awaitable<response> get_routine(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return item_response(co_await svc.routine(std::move(*id)), admin_dto::render_routine);
}

awaitable<response> create_routine(request_context& ctx, admin_service& svc) {
  auto in = admin_dto::parse_routine(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return item_response(co_await svc.create_routine(actor_of(ctx), std::move(*in)),
                          admin_dto::render_routine, 201);
}

awaitable<response> update_routine(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_routine_patch(ctx.body(), ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return item_response(
      co_await svc.update_routine(actor_of(ctx), std::move(*id), std::move(*patch)),
      admin_dto::render_routine);
}

awaitable<response> delete_routine(request_context& ctx, admin_service& svc) {
  auto id = ctx.path_uuid("id");
  auto version = admin_dto::parse_delete(ctx.body(), ctx.header("If-Match"));
  if (!id || !version) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(version.error()));
  }
  co_return removal_response(co_await svc.delete_routine(actor_of(ctx), std::move(*id), *version),
                             admin_dto::render_routine);
}

}  // namespace admin_handlers

void add_admin_routes(http::router& router, admin_service& svc) {
  using namespace admin_handlers;
  constexpr std::string_view exercises = "/api/v1/admin/workouts/exercises";
  constexpr std::string_view routines = "/api/v1/admin/workouts/routines";
  const std::string exercise = std::string(exercises) + "/:id";
  const std::string routine = std::string(routines) + "/:id";
  router.add({.method = verb::get,
              .pattern = std::string(exercises),
              .fn = http::bind_handler(list_exercises, svc),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = std::string(exercises),
              .fn = http::bind_handler(create_exercise, svc),
              .level = access::admin,
              .body_limit = body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = exercise,
              .fn = http::bind_handler(get_exercise, svc),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = exercise,
              .fn = http::bind_handler(update_exercise, svc),
              .level = access::admin,
              .body_limit = body_limit});
  router.add({.method = verb::delete_,
              .pattern = exercise,
              .fn = http::bind_handler(delete_exercise, svc),
              .level = access::admin,
              .body_limit = 1024});
  router.add({.method = verb::get,
              .pattern = std::string(routines),
              .fn = http::bind_handler(list_routines, svc),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = std::string(routines),
              .fn = http::bind_handler(create_routine, svc),
              .level = access::admin,
              .body_limit = body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = routine,
              .fn = http::bind_handler(get_routine, svc),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = routine,
              .fn = http::bind_handler(update_routine, svc),
              .level = access::admin,
              .body_limit = body_limit});
  router.add({.method = verb::delete_,
              .pattern = routine,
              .fn = http::bind_handler(delete_routine, svc),
              .level = access::admin,
              .body_limit = 1024});
}

}  // namespace ugoki::workouts
