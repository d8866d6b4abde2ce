// /api/v1/content routes: the table and its handlers (parse, call the service once, render).
// Reading answers carry ETags and say which language they are in (Content-Language); what may
// differ between callers is in the ETag and the Vary header (docs/content.md, "Caching").
#include "content/routes.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "content/dto.hpp"
#include "content/errors.hpp"
#include "content/service.hpp"
#include "core/cursor.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/language.hpp"

namespace ugoki::content {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

constexpr std::size_t progress_body_limit = 4 * 1024;

// The answers of signed-in routes differ by caller (role and language), so only the caller's cache
// may keep them: `private`, and Vary names the request headers that change them.
constexpr std::string_view vary_signed_in = "Accept-Language, Authorization";

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

// Premium is a role in the token (RBAC: premium and admin).
bool premium_caller(const request_context& ctx) {
  return ctx.user() != nullptr && (ctx.user()->role == "premium" || ctx.user()->role == "admin");
}

// The served language among ours, from Accept-Language (English when nothing fits).
std::string negotiated(const request_context& ctx) {
  return std::string(
      language::pick(ctx.header("Accept-Language"), language_codes, default_language));
}

// The ETag of an answer: the role class and the language hashed with the bytes, so a validator
// obtained by one class of caller never revalidates another class's answer.
std::string tagged_etag(bool premium, std::string_view language, std::string_view data,
                        std::string_view pagination) {
  std::string tagged;
  tagged.reserve(data.size() + pagination.size() + 16);
  tagged += premium ? "premium\n" : "free\n";
  tagged += language;
  tagged += '\n';
  tagged += data;
  tagged += pagination;
  return http::make_etag(tagged);
}

// 200 with the data (and pagination), or 304 when If-None-Match names the ETag.
response conditional(const request_context& ctx, std::string data, std::string pagination,
                     std::string etag, const std::string& language, std::string cache_control,
                     std::string_view vary) {
  response r;
  if (http::etag_matches(ctx.header("If-None-Match"), etag)) {
    r.status = 304;
    r.body_kind = response::kind::empty;
  } else {
    r.body = std::move(data);
    r.pagination = std::move(pagination);
  }
  r.headers.emplace_back("ETag", std::move(etag));
  r.headers.emplace_back("Cache-Control", std::move(cache_control));
  r.headers.emplace_back("Vary", std::string(vary));
  r.headers.emplace_back("Content-Language", language);
  return r;
}

response conditional(const request_context& ctx, std::string data, std::string pagination,
                     const std::string& language, std::string cache_control,
                     std::string_view vary) {
  std::string etag = tagged_etag(premium_caller(ctx), language, data, pagination);
  return conditional(ctx, std::move(data), std::move(pagination), std::move(etag), language,
                     std::move(cache_control), vary);
}

// The articles of one snapshot as rendered on first request (JSON and both role classes'
// ETags), so a read of an article renders and hashes nothing. Dropped with the snapshot.
class article_renderer {
 public:
  struct rendered {
    std::string json;
    std::string etag_free;
    std::string etag_premium;
  };

  std::shared_ptr<const rendered> get(const service::found_article& found) {
    {
      std::lock_guard lock(mutex_);
      if (lib_ == found.lib) {
        if (auto it = done_.find(found.a); it != done_.end()) {
          return it->second;
        }
      }
    }
    // Rendered outside the lock; two readers racing on a new article render it twice.
    auto fresh = std::make_shared<rendered>();
    fresh->json = dto::render_article(*found.a);
    fresh->etag_free = tagged_etag(false, found.a->head.language, fresh->json, {});
    fresh->etag_premium = tagged_etag(true, found.a->head.language, fresh->json, {});
    std::lock_guard lock(mutex_);
    if (lib_ != found.lib) {
      // A newer snapshot replaces the memo; a reader still on an older one renders uncached.
      if (lib_ && lib_->version > found.lib->version) {
        return fresh;
      }
      lib_ = found.lib;
      done_.clear();
    }
    done_.emplace(found.a, fresh);
    return fresh;
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const article_library> lib_;
  std::unordered_map<const article*, std::shared_ptr<const rendered>> done_;
};

// Answered list pages (browsing and search) by language and raw query string, so a repeated
// query (a popular search, the first page of a category) runs no SQL for a second: an answer is
// the same for every caller (premium snippets come from summaries; only the ETag differs by
// role class). A page is kept for page_ttl and never past the snapshot it was answered under
// (any write to the articles drops them all), so a publish time that comes shows within
// page_ttl; lists are cacheable by the client for max_age anyway. Bounded; past the bound new
// queries are answered each time.
class page_memo {
 public:
  static constexpr auto page_ttl = std::chrono::seconds(1);
  static constexpr std::size_t max_pages = 1024;

  struct page {
    std::string data;
    std::string pagination;
    std::string etag_free;
    std::string etag_premium;
    std::chrono::steady_clock::time_point expires;
  };

  // The page to answer with, or nullptr when the caller should answer the query itself (and
  // keep() it). When a page expires, the first caller refreshes it while the others keep
  // answering the expired one (a few milliseconds more), so a popular query's expiry sends one
  // query to the database, not one per connection waiting.
  std::shared_ptr<const page> find(const std::shared_ptr<const article_library>& lib,
                                   const std::string& key) {
    std::lock_guard lock(mutex_);
    if (lib_ != lib) {
      return nullptr;
    }
    auto it = pages_.find(key);
    if (it == pages_.end()) {
      return nullptr;
    }
    if (it->second->expires > std::chrono::steady_clock::now()) {
      return it->second;
    }
    if (refreshing_.insert(key).second) {
      return nullptr;
    }
    return it->second;
  }

  void keep(const std::shared_ptr<const article_library>& lib, std::string key,
            std::shared_ptr<const page> p) {
    std::lock_guard lock(mutex_);
    if (lib_ != lib) {
      if (lib_ && lib_->version > lib->version) {
        refreshing_.erase(key);
        return;  // answered under an older snapshot than the memo's
      }
      lib_ = lib;
      pages_.clear();
      refreshing_.clear();
    }
    if (pages_.size() >= max_pages) {
      const auto now = std::chrono::steady_clock::now();
      std::erase_if(pages_, [&](const auto& kv) { return kv.second->expires <= now; });
      if (pages_.size() >= max_pages) {
        refreshing_.erase(key);
        return;
      }
    }
    refreshing_.erase(key);
    pages_.insert_or_assign(std::move(key), std::move(p));
  }

  // The caller that find() chose to refresh `key` did not keep() a page (a refusal).
  void abandon(const std::string& key) {
    std::lock_guard lock(mutex_);
    refreshing_.erase(key);
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const article_library> lib_;
  std::unordered_map<std::string, std::shared_ptr<const page>> pages_;
  std::unordered_set<std::string> refreshing_;  // expired pages a caller is answering anew
};

awaitable<response> list_articles(request_context& ctx, service& svc, const cursor_codec& cursors,
                                  std::chrono::seconds max_age, page_memo& memo) {
  std::string language = negotiated(ctx);
  std::string key = language + '\n' + std::string(ctx.query_string());
  auto lib = co_await svc.library();
  auto answered = memo.find(lib, key);
  if (!answered) {
    dto::article_params p{ctx.query_param("category"), ctx.query_param("tag"), ctx.query_param("q"),
                          ctx.query_param("limit"), ctx.query_param("cursor")};
    auto query = dto::parse_article_query(p, cursors, language);
    if (!query) {
      co_return http::refused(std::move(query.error()));
    }
    // A failing query must not leave the page marked as being refreshed.
    struct abandon_on_throw {
      page_memo& memo;
      const std::string& key;
      bool armed = true;
      ~abandon_on_throw() {
        if (armed) {
          memo.abandon(key);
        }
      }
    } guard{memo, key};
    auto items = co_await svc.articles(std::move(*query));
    guard.armed = false;
    auto fresh = std::make_shared<page_memo::page>();
    fresh->data = dto::render_articles(items);
    fresh->pagination = dto::render_article_pagination(items, cursors);
    fresh->etag_free = tagged_etag(false, language, fresh->data, fresh->pagination);
    fresh->etag_premium = tagged_etag(true, language, fresh->data, fresh->pagination);
    fresh->expires = std::chrono::steady_clock::now() + page_memo::page_ttl;
    memo.keep(lib, std::move(key), fresh);
    answered = std::move(fresh);
  }
  co_return conditional(ctx, answered->data, answered->pagination,
                        premium_caller(ctx) ? answered->etag_premium : answered->etag_free,
                        language, "private, max-age=" + std::to_string(max_age.count()),
                        vary_signed_in);
}

awaitable<response> get_article(request_context& ctx, service& svc, article_renderer& renderer) {
  const std::string_view slug = ctx.path_param("slug");
  if (!dto::is_article_slug(slug)) {
    co_return http::refused(errors::article_not_found());
  }
  auto found = co_await svc.article_by_slug(slug, negotiated(ctx), premium_caller(ctx));
  if (!found) {
    co_return http::refused(std::move(found.error()));
  }
  auto rendered = renderer.get(*found);
  // The same for every caller of a role class and language; revalidated each time (no-cache)
  // so an edit or unpublishing shows at once, which the ETag makes a cheap 304.
  co_return conditional(ctx, rendered->json, {},
                        premium_caller(ctx) ? rendered->etag_premium : rendered->etag_free,
                        found->a->head.language, "private, no-cache", vary_signed_in);
}

awaitable<response> get_state(request_context& ctx, service& svc) {
  const std::string_view slug = ctx.path_param("slug");
  if (!dto::is_article_slug(slug)) {
    co_return http::refused(errors::article_not_found());
  }
  co_return http::ok(co_await svc.state(caller(ctx), slug), dto::render_state);
}

awaitable<response> list_categories(request_context& ctx, service& svc,
                                    std::chrono::seconds max_age) {
  std::string language = negotiated(ctx);
  auto items = co_await svc.categories(language);
  // The same for every caller: public, varying only by language.
  co_return conditional(ctx, dto::render_categories(items), {}, language,
                        "public, max-age=" + std::to_string(max_age.count()), "Accept-Language");
}

awaitable<response> add_bookmark(request_context& ctx, service& svc) {
  const std::string_view slug = ctx.path_param("slug");
  if (!dto::is_article_slug(slug)) {
    co_return http::refused(errors::article_not_found());
  }
  auto saved = co_await svc.bookmark(caller(ctx), std::string(slug), negotiated(ctx));
  if (!saved) {
    co_return http::refused(std::move(saved.error()));
  }
  co_return http::ok_json(dto::render_bookmark(saved->b), saved->created ? 201 : 200);
}

awaitable<response> remove_bookmark(request_context& ctx, service& svc) {
  const std::string_view slug = ctx.path_param("slug");
  if (!dto::is_article_slug(slug)) {
    co_return http::refused(errors::article_not_found());
  }
  co_return http::no_content(co_await svc.unbookmark(caller(ctx), std::string(slug)));
}

awaitable<response> list_bookmarks(request_context& ctx, service& svc,
                                   const cursor_codec& cursors) {
  dto::bookmark_params p{ctx.query_param("limit"), ctx.query_param("cursor")};
  auto query = dto::parse_bookmark_query(p, cursors, negotiated(ctx));
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.bookmarks(caller(ctx), std::move(*query));
  auto res = http::ok_json(dto::render_bookmarks(page));
  res.pagination = dto::render_bookmark_pagination(page, cursors);
  co_return res;
}

awaitable<response> put_progress(request_context& ctx, service& svc) {
  const std::string_view slug = ctx.path_param("slug");
  if (!dto::is_article_slug(slug)) {
    co_return http::refused(errors::article_not_found());
  }
  auto in = dto::parse_progress(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::ok(
      co_await svc.set_progress(caller(ctx), std::string(slug), *in, premium_caller(ctx)),
      dto::render_state);
}

}  // namespace

void add_content_routes(http::router& router, service& svc, route_settings settings) {
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  const auto max_age = settings.max_age;

  // Reading: signed-in callers only (premium gating and the reader's state need the token's
  // role and user; docs/content.md, "Who may read"). Categories are public.
  router.add({.method = verb::get,
              .pattern = "/api/v1/content/articles",
              .fn = http::bind_handler(list_articles, svc, std::shared_ptr(cursors), max_age,
                                       std::make_shared<page_memo>()),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/content/articles/:slug",
              .fn = http::bind_handler(get_article, svc, std::make_shared<article_renderer>()),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/content/categories",
              .fn = http::bind_handler(list_categories, svc, max_age),
              .level = access::anyone});

  // The reader's own: their state of an article, bookmarks and progress.
  router.add({.method = verb::get,
              .pattern = "/api/v1/content/articles/:slug/state",
              .fn = http::bind_handler(get_state, svc),
              .level = access::user});
  router.add({.method = verb::post,
              .pattern = "/api/v1/content/articles/:slug/bookmark",
              .fn = http::bind_handler(add_bookmark, svc),
              .level = access::user,
              .idempotent = true});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/content/articles/:slug/bookmark",
              .fn = http::bind_handler(remove_bookmark, svc),
              .level = access::user});
  router.add({.method = verb::put,
              .pattern = "/api/v1/content/articles/:slug/progress",
              .fn = http::bind_handler(put_progress, svc),
              .level = access::user,
              .body_limit = progress_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/content/bookmarks",
              .fn = http::bind_handler(list_bookmarks, svc, std::move(cursors)),
              .level = access::user});
}

}  // namespace ugoki::content
