// /api/v1/nutrition/recipes: the table and its handlers (parse, call the service once, render).
// Answers carry an ETag of their language and bytes and a private Cache-Control: the list depends
// on the caller's profile allergies, so no shared cache may keep one caller's list for another.
// They are localised (Accept-Language), so they say their Content-Language and Vary on it too:
// http::cacheable_localised_json would make them public, hence the private variant here.
#include "nutrition/recipes_routes.hpp"

#include <memory>

#include "core/cursor.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "nutrition/recipes_dto.hpp"
#include "nutrition/recipes_service.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

bool premium_caller(const request_context& ctx) {
  return ctx.user()->role == "premium" || ctx.user()->role == "admin";
}

// Private caching of an answer in `served_language`: the ETag of the language, the data and
// `more` (what else the answer says), Content-Language, and Vary on the credentials and the
// Accept-Language that chose them.
response private_cacheable(const request_context& ctx, const std::string& data,
                           std::string_view more, std::string_view served_language,
                           std::chrono::seconds max_age) {
  std::string etag_input;
  etag_input.reserve(served_language.size() + 1 + data.size() + more.size());
  etag_input.append(served_language).append(1, '\n').append(data).append(more);
  const std::string etag = http::make_etag(etag_input);
  auto res = http::cacheable_json(ctx, data, etag, max_age);
  for (auto& [name, value] : res.headers) {
    if (name == "Cache-Control") {
      value = "private, max-age=" + std::to_string(max_age.count());
    }
  }
  res.headers.emplace_back("Content-Language", std::string(served_language));
  res.headers.emplace_back("Vary", "Authorization, Accept-Language");
  return res;
}

awaitable<response> list_recipes(request_context& ctx, recipes_service& svc,
                                 const cursor_codec& cursors, std::chrono::seconds max_age) {
  dto::recipe_params p{ctx.query_param("diet"),
                       ctx.query_param("exclude"),
                       ctx.query_param("profile_allergies"),
                       ctx.query_param("max_prep_minutes"),
                       ctx.query_param("min_kcal"),
                       ctx.query_param("max_kcal"),
                       ctx.query_param("tag"),
                       ctx.query_param("q"),
                       ctx.query_param("limit"),
                       ctx.query_param("cursor")};
  auto query = dto::parse_recipe_query(p, cursors);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto list = co_await svc.list(ctx.user()->user_id, std::move(*query));
  const std::string_view wanted = http::negotiated_language(ctx);
  std::string data = dto::render_recipe_page(list, wanted);
  std::string pagination = dto::render_recipe_pagination(list, cursors);
  // A list is in the asked language when any of its items is (the others are in English).
  std::string_view served = "en";
  for (const recipe* r : list.page.items) {
    if (dto::language_of(*r, wanted) != "en") {
      served = wanted;
      break;
    }
  }
  // The ETag covers the page and where it continues; the allergens that filtered it are in
  // neither, but different lists have different bytes.
  auto res = private_cacheable(ctx, data, pagination, served, max_age);
  res.pagination = std::move(pagination);
  co_return res;
}

awaitable<response> get_recipe(request_context& ctx, recipes_service& svc,
                               std::chrono::seconds max_age) {
  std::string id(ctx.path_param("id"));
  auto servings = dto::parse_servings(ctx.query_param("servings"));
  if (!servings) {
    co_return http::refused(std::move(servings.error()));
  }
  auto view = co_await svc.detail(std::move(id), premium_caller(ctx), *servings);
  if (!view) {
    co_return http::refused(std::move(view.error()));
  }
  const std::string_view served = dto::language_of(*view->r, http::negotiated_language(ctx));
  std::string data = dto::render_recipe(*view, served);
  co_return private_cacheable(ctx, data, "", served, max_age);
}

}  // namespace

void add_recipe_routes(http::router& router, recipes_service& svc, recipe_route_settings settings) {
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/recipes",
              .fn = http::bind_handler(list_recipes, svc, std::move(cursors), settings.max_age),
              .level = access::user});
  // :id is a UUID or a slug; anything else is simply not found.
  router.add({.method = verb::get,
              .pattern = "/api/v1/nutrition/recipes/:id",
              .fn = http::bind_handler(get_recipe, svc, settings.max_age),
              .level = access::user});
}

}  // namespace ugoki::nutrition
