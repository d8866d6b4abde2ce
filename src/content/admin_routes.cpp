// /api/v1/admin/content routes: the table and its handlers (parse, call the service once,
// render). Answers are admin data: never cached (the envelope's default no-store); an article
// carries its version as ETag for If-Match.
#include "content/admin_routes.hpp"

#include "content/admin_dto.hpp"
#include "content/admin_service.hpp"
#include "core/http/admin_actor.hpp"
#include "core/http/router.hpp"
#include "core/query.hpp"
#include "core/version_guard.hpp"

namespace ugoki::content::admin {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::string_view base = "/api/v1/admin/content";
// An article body of 100,000 characters is at most 400 KB of UTF-8, more once JSON-escaped.
constexpr std::size_t article_body_limit = 1024 * 1024;
constexpr std::size_t small_body_limit = 16 * 1024;

using http::actor_of;

// The article with its version as ETag (what If-Match names).
response article_response(result<article_detail> r, int status = 200) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  response res = http::ok_json(dto::render_article(*r), status);
  res.headers.emplace_back("ETag", version_guard::etag_of(r->row.version));
  return res;
}

template <class T, class Render>
response page_response(const page<T>& p, Render&& render) {
  response res = http::ok_json(render(p.items));
  res.pagination = query::render_offset_pagination({p.page_number, p.per_page}, p.total);
  return res;
}

awaitable<response> list_articles(request_context& ctx, service& svc) {
  auto q = dto::parse_article_list_query({ctx.query_param("status"), ctx.query_param("category"),
                                          ctx.query_param("q"), ctx.query_param("page"),
                                          ctx.query_param("per_page")});
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return page_response(co_await svc.articles(std::move(*q)), dto::render_article_rows);
}

awaitable<response> get_article(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return article_response(co_await svc.article(std::move(*id)));
}

awaitable<response> create_article(request_context& ctx, service& svc) {
  auto in = dto::parse_article_create(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return article_response(co_await svc.create(actor_of(ctx), std::move(*in)), 201);
}

awaitable<response> patch_article(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto patch = dto::parse_article_patch(ctx.body(), ctx.header("If-Match"));
  if (!patch) {
    co_return http::refused(std::move(patch.error()));
  }
  co_return article_response(co_await svc.update(actor_of(ctx), std::move(*id), std::move(*patch)));
}

awaitable<response> publish_article(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto req = dto::parse_publish(ctx.body(), ctx.header("If-Match"), svc.now());
  if (!req) {
    co_return http::refused(std::move(req.error()));
  }
  co_return article_response(
      co_await svc.publish(actor_of(ctx), std::move(*id), req->at, req->pre));
}

awaitable<response> unpublish_article(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto pre = dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!pre) {
    co_return http::refused(std::move(pre.error()));
  }
  co_return article_response(co_await svc.unpublish(actor_of(ctx), std::move(*id), *pre));
}

awaitable<response> delete_article(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto pre = dto::parse_precondition(ctx.body(), ctx.header("If-Match"));
  if (!pre) {
    co_return http::refused(std::move(pre.error()));
  }
  co_return http::no_content(co_await svc.remove(actor_of(ctx), std::move(*id), *pre));
}

// The article id and the language of a translation route.
struct translation_key {
  std::string id;
  std::string language;
};
result<translation_key> translation_key_of(const request_context& ctx) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    return std::move(id.error());
  }
  auto language = dto::parse_translation_language(ctx.path_param("language"));
  if (!language) {
    return std::move(language.error());
  }
  return translation_key{std::move(*id), std::move(*language)};
}

awaitable<response> get_translation(request_context& ctx, service& svc) {
  auto key = translation_key_of(ctx);
  if (!key) {
    co_return http::refused(std::move(key.error()));
  }
  co_return http::ok(co_await svc.translation(std::move(key->id), std::move(key->language)),
                     dto::render_translation);
}

awaitable<response> put_translation(request_context& ctx, service& svc) {
  auto key = translation_key_of(ctx);
  if (!key) {
    co_return http::refused(std::move(key.error()));
  }
  auto in = dto::parse_translation(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  auto saved = co_await svc.put_translation(actor_of(ctx), std::move(key->id),
                                            std::move(key->language), std::move(*in));
  if (!saved) {
    co_return http::refused(std::move(saved.error()));
  }
  co_return http::ok_json(dto::render_translation(saved->t), saved->created ? 201 : 200);
}

awaitable<response> delete_translation(request_context& ctx, service& svc) {
  auto key = translation_key_of(ctx);
  if (!key) {
    co_return http::refused(std::move(key.error()));
  }
  co_return http::no_content(
      co_await svc.delete_translation(actor_of(ctx), std::move(key->id), std::move(key->language)));
}

result<list_query> list_query_of(const request_context& ctx) {
  return dto::parse_list_query(ctx.query_param("page"), ctx.query_param("per_page"));
}

awaitable<response> list_categories(request_context& ctx, service& svc) {
  auto q = list_query_of(ctx);
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return page_response(co_await svc.categories(*q), dto::render_categories);
}

awaitable<response> create_category(request_context& ctx, service& svc) {
  auto in = dto::parse_category_create(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::created(co_await svc.create_category(actor_of(ctx), std::move(*in)),
                          dto::render_category);
}

awaitable<response> patch_category(request_context& ctx, service& svc) {
  auto p = dto::parse_category_patch(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return http::ok(co_await svc.update_category(
                         actor_of(ctx), std::string(ctx.path_param("slug")), std::move(*p)),
                     dto::render_category);
}

awaitable<response> delete_category(request_context& ctx, service& svc) {
  co_return http::no_content(
      co_await svc.delete_category(actor_of(ctx), std::string(ctx.path_param("slug"))));
}

awaitable<response> list_tags(request_context& ctx, service& svc) {
  auto q = list_query_of(ctx);
  if (!q) {
    co_return http::refused(std::move(q.error()));
  }
  co_return page_response(co_await svc.tags(*q), dto::render_tags);
}

awaitable<response> create_tag(request_context& ctx, service& svc) {
  auto in = dto::parse_tag_create(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::created(co_await svc.create_tag(actor_of(ctx), std::move(*in)), dto::render_tag);
}

awaitable<response> patch_tag(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto p = dto::parse_tag_patch(ctx.body());
  if (!p) {
    co_return http::refused(std::move(p.error()));
  }
  co_return http::ok(co_await svc.update_tag(actor_of(ctx), std::move(*id), std::move(*p)),
                     dto::render_tag);
}

awaitable<response> delete_tag(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.delete_tag(actor_of(ctx), std::move(*id)));
}

}  // namespace

void add_content_admin_routes(http::router& router, service& svc) {
  const std::string articles = std::string(base) + "/articles";
  const std::string article = articles + "/:id";
  const std::string translation = article + "/translations/:language";
  const std::string categories = std::string(base) + "/categories";
  const std::string tags = std::string(base) + "/tags";
  auto add = [&](verb method, std::string pattern, http::handler fn, std::size_t limit,
                 bool idempotent = false) {
    router.add({.method = method,
                .pattern = std::move(pattern),
                .fn = std::move(fn),
                .level = access::admin,
                .body_limit = limit,
                .idempotent = idempotent});
  };
  add(verb::get, articles, http::bind_handler(list_articles, svc), small_body_limit);
  add(verb::post, articles, http::bind_handler(create_article, svc), article_body_limit, true);
  add(verb::get, article, http::bind_handler(get_article, svc), small_body_limit);
  add(verb::patch, article, http::bind_handler(patch_article, svc), article_body_limit);
  add(verb::delete_, article, http::bind_handler(delete_article, svc), small_body_limit);
  add(verb::post, article + "/publish", http::bind_handler(publish_article, svc), small_body_limit);
  add(verb::post, article + "/unpublish", http::bind_handler(unpublish_article, svc),
      small_body_limit);
  add(verb::get, translation, http::bind_handler(get_translation, svc), small_body_limit);
  add(verb::put, translation, http::bind_handler(put_translation, svc), article_body_limit);
  add(verb::delete_, translation, http::bind_handler(delete_translation, svc), small_body_limit);
  add(verb::get, categories, http::bind_handler(list_categories, svc), small_body_limit);
  add(verb::post, categories, http::bind_handler(create_category, svc), small_body_limit, true);
  add(verb::patch, categories + "/:slug", http::bind_handler(patch_category, svc),
      small_body_limit);
  add(verb::delete_, categories + "/:slug", http::bind_handler(delete_category, svc),
      small_body_limit);
  add(verb::get, tags, http::bind_handler(list_tags, svc), small_body_limit);
  add(verb::post, tags, http::bind_handler(create_tag, svc), small_body_limit, true);
  add(verb::patch, tags + "/:id", http::bind_handler(patch_tag, svc), small_body_limit);
  add(verb::delete_, tags + "/:id", http::bind_handler(delete_tag, svc), small_body_limit);
}

}  // namespace ugoki::content::admin
