// Handlers and route table of the recipes' administration: parse, call the service once,
// render. A recipe answer carries its version as ETag (what If-Match names).
#include "nutrition/recipe_admin_routes.hpp"

#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"
#include "nutrition/admin_dto.hpp"
#include "nutrition/recipe_admin_dto.hpp"
#include "nutrition/recipe_admin_service.hpp"

namespace ugoki::nutrition {

namespace recipe_admin_handlers {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// A recipe has at most 50 steps of 1000 characters, 50 ingredients and four translations.
constexpr std::size_t recipe_body_limit = 512 * 1024;

using http::actor_of;

response recipe_response(result<admin_recipe> r, int status = 200) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  response res = http::ok_json(recipe_admin_dto::render_admin_recipe(*r), status);
  res.headers.emplace_back("ETag", version_guard::etag_of(r->version));
  return res;
}

awaitable<response> list_recipes(request_context& ctx, recipe_admin& svc) {
  auto q = recipe_admin_dto::parse_list_query(ctx.query_param("q"), ctx.query_param("page"),
                                              ctx.query_param("per_page"));
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  admin_recipe_page found = co_await svc.list(std::move(*q));
  response res = http::ok_json(recipe_admin_dto::render_admin_recipe_items(found));
  res.pagination = query::render_offset_pagination({found.page, found.per_page}, found.total);
  co_return res;
}

awaitable<response> get_recipe(request_context& ctx, recipe_admin& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return recipe_response(co_await svc.get(std::move(*id)));
}

awaitable<response> create_recipe(request_context& ctx, recipe_admin& svc) {
  auto a = recipe_admin_dto::parse_recipe(ctx.body());
  if (!a) {
    co_return http::refused(std::move(a.error()));
  }
  co_return recipe_response(co_await svc.create(actor_of(ctx), std::move(*a)), 201);
}

awaitable<response> update_recipe(request_context& ctx, recipe_admin& svc) {
  auto id = ctx.path_uuid("id");
  auto patch = recipe_admin_dto::parse_recipe_patch(ctx.body(), ctx.header("If-Match"));
  if (!id || !patch) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(patch.error()));
  }
  co_return recipe_response(co_await svc.update(actor_of(ctx), std::move(*id), std::move(*patch)));
}

awaitable<response> delete_recipe(request_context& ctx, recipe_admin& svc) {
  auto id = ctx.path_uuid("id");
  auto version = admin_dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!id || !version) {
    co_return http::refused(!id ? std::move(id.error()) : std::move(version.error()));
  }
  co_return http::ok(co_await svc.remove(actor_of(ctx), std::move(*id), *version),
                     recipe_admin_dto::render_removal);
}

}  // namespace recipe_admin_handlers

void add_recipe_admin_routes(http::router& router, recipe_admin& svc) {
  using namespace recipe_admin_handlers;
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/nutrition/recipes",
              .fn = http::bind_handler(list_recipes, svc),
              .level = access::admin});
  router.add({.method = verb::post,
              .pattern = "/api/v1/admin/nutrition/recipes",
              .fn = http::bind_handler(create_recipe, svc),
              .level = access::admin,
              .body_limit = recipe_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/admin/nutrition/recipes/:id",
              .fn = http::bind_handler(get_recipe, svc),
              .level = access::admin});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/admin/nutrition/recipes/:id",
              .fn = http::bind_handler(update_recipe, svc),
              .level = access::admin,
              .body_limit = recipe_body_limit});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/admin/nutrition/recipes/:id",
              .fn = http::bind_handler(delete_recipe, svc),
              .level = access::admin,
              .body_limit = 1024});
}

}  // namespace ugoki::nutrition
