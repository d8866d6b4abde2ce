// Handlers and route table of the fasting reference data's administration (protocols, stages):
// parse, call the service once, render. Answers are admin data (never cached); one protocol or
// stage carries its version as ETag ("v<version>") for If-Match.
#include "fasting/admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "fasting/admin_dto.hpp"
#include "fasting/admin_service.hpp"
#include "fasting/admin_stage_service.hpp"

namespace ugoki::fasting {

namespace admin_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t protocol_body_limit = 64 * 1024;
constexpr std::size_t stage_body_limit = 64 * 1024;

using http::actor_of;

// One item with its version as ETag (what If-Match names), or the refusal.
template <class T, class Render>
response versioned(result<T> r, Render render, int status = 200) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  response res = http::ok_json(render(*r), status);
  res.headers.emplace_back("ETag", version_guard::etag_of(r->version));
  return res;
}

// A retirement through DELETE: 204, the retired item stays readable.
template <class T>
response retired(result<T> r) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  return http::no_content();
}

awaitable<response> list_protocols(request_context& ctx, admin_protocols& svc) {
  auto page = admin_dto::parse_page(ctx.query_param("page"), ctx.query_param("per_page"));
  if (!page) {
    co_return http::refused(std::move(page.error()));
  }
  protocol_page found = co_await svc.list(page->first, page->second);
  response res = http::ok_json(admin_dto::render_admin_protocols(found));
  res.pagination = query::render_offset_pagination({found.page, found.per_page}, found.total);
  co_return res;
}

awaitable<response> get_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return versioned(co_await svc.get(std::move(*id)), admin_dto::render_admin_protocol);
}

awaitable<response> create_protocol(request_context& ctx, admin_protocols& svc) {
  auto p = admin_dto::parse_protocol(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return versioned(co_await svc.create(actor_of(ctx), std::move(*p)),
                      admin_dto::render_admin_protocol, 201);
}

awaitable<response> update_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_protocol_patch(ctx.body(), ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return versioned(co_await svc.update(actor_of(ctx), std::move(*id), std::move(*patch)),
                      admin_dto::render_admin_protocol);
}

awaitable<response> deactivate_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  auto pre = admin_dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!id || !pre) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(pre.error()));
  }
  co_return versioned(co_await svc.deactivate(actor_of(ctx), std::move(*id), *pre),
                      admin_dto::render_admin_protocol);
}

awaitable<response> delete_protocol(request_context& ctx, admin_protocols& svc) {
  auto id = ctx.path_uuid("id");
  auto pre = admin_dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!id || !pre) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(pre.error()));
  }
  co_return retired(co_await svc.deactivate(actor_of(ctx), std::move(*id), *pre));
}

awaitable<response> list_stages(request_context& ctx, admin_stages& svc) {
  auto page = admin_dto::parse_page(ctx.query_param("page"), ctx.query_param("per_page"));
  if (!page) {
    co_return http::refused(std::move(page.error()));
  }
  stage_page found = co_await svc.list(page->first, page->second);
  response res = http::ok_json(admin_dto::render_admin_stages(found));
  res.pagination = query::render_offset_pagination({found.page, found.per_page}, found.total);
  co_return res;
}

awaitable<response> get_stage(request_context& ctx, admin_stages& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return versioned(co_await svc.get(std::move(*id)), admin_dto::render_admin_stage);
}

awaitable<response> create_stage(request_context& ctx, admin_stages& svc) {
  auto s = admin_dto::parse_stage(ctx.body());
  if (!s) {
    co_return http::refused(std::move(s.error()));
  }
  co_return versioned(co_await svc.create(actor_of(ctx), std::move(*s)),
                      admin_dto::render_admin_stage, 201);
}

awaitable<response> update_stage(request_context& ctx, admin_stages& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = admin_dto::parse_stage_patch(ctx.body(), ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return versioned(co_await svc.update(actor_of(ctx), std::move(*id), std::move(*patch)),
                      admin_dto::render_admin_stage);
}

awaitable<response> delete_stage(request_context& ctx, admin_stages& svc) {
  auto id = ctx.path_uuid("id");
  auto pre = admin_dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!id || !pre) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(pre.error()));
  }
  co_return retired(co_await svc.deactivate(actor_of(ctx), std::move(*id), *pre));
}

}  // namespace admin_handlers

void add_admin_routes(http::router& router, admin_protocols& protocols, admin_stages& stages) {
  using namespace admin_handlers;
  constexpr const char* p = "/api/v1/admin/fasting/protocols";
  constexpr const char* p_id = "/api/v1/admin/fasting/protocols/:id";
  router.add({.method = verb::get,
              .pattern = p,
              .fn = http::bind_handler(list_protocols, protocols),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = p,
              .fn = http::bind_handler(create_protocol, protocols),
              .level = access::admin,
              .body_limit = protocol_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = p_id,
              .fn = http::bind_handler(get_protocol, protocols),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = p_id,
              .fn = http::bind_handler(update_protocol, protocols),
              .level = access::admin,
              .body_limit = protocol_body_limit});
  router.add({.method = verb::delete_,
              .pattern = p_id,
              .fn = http::bind_handler(delete_protocol, protocols),
              .level = access::admin,
              .body_limit = 1024});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/fasting/protocols/:id/deactivate",
              .fn = http::bind_handler(deactivate_protocol, protocols),
              .level = access::admin,
              .body_limit = 1024});

  constexpr const char* s = "/api/v1/admin/fasting/stages";
  constexpr const char* s_id = "/api/v1/admin/fasting/stages/:id";
  router.add({.method = verb::get,
              .pattern = s,
              .fn = http::bind_handler(list_stages, stages),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = s,
              .fn = http::bind_handler(create_stage, stages),
              .level = access::admin,
              .body_limit = stage_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = s_id,
              .fn = http::bind_handler(get_stage, stages),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = s_id,
              .fn = http::bind_handler(update_stage, stages),
              .level = access::admin,
              .body_limit = stage_body_limit});
  router.add({.method = verb::delete_,
              .pattern = s_id,
              .fn = http::bind_handler(delete_stage, stages),
              .level = access::admin,
              .body_limit = 1024});
}

}  // namespace ugoki::fasting
