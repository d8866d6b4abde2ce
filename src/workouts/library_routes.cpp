// /api/v1/workouts library routes: the table and its handlers (parse, call the service once,
// render). Exercise answers are rendered once per snapshot and language and served with ETags.
#include "workouts/library_routes.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/cursor.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/language.hpp"
#include "workouts/library_dto.hpp"
#include "workouts/library_errors.hpp"
#include "workouts/library_search.hpp"
#include "workouts/library_service.hpp"

namespace ugoki::workouts {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// A user routine of 50 intervals with 500-character notes is under 40 KiB.
constexpr std::size_t routine_body_limit = 64 * 1024;

// The exercises of one snapshot, each rendered once per served language (list item and detail
// with its ETag), so a list request filters pointers and joins ready strings.
struct rendered_exercises {
  std::shared_ptr<const catalogue> lib;
  struct detail {
    std::string json;
    std::string etag;
    std::string_view language;  // the language it is in: the rendering's, or "en"
  };
  struct rendering {
    std::unordered_map<const exercise*, std::string> summaries;
    std::unordered_map<std::string, detail> details;
  };
  // Parallel to language::served.
  std::array<rendering, language::served.size()> renderings;

  const rendering& in(std::string_view language) const {
    for (std::size_t i = 0; i < language::served.size(); ++i) {
      if (language::served[i] == language) {
        return renderings[i];
      }
    }
    return renderings[0];
  }

  // Answered list pages of this snapshot by language and raw query string: a query that was
  // answered once is valid and answers the same until the snapshot changes (this object goes
  // with it). Bounded; past the bound, new queries are rendered each time (the hot ones came
  // first).
  struct page {
    std::string data;
    std::string pagination;
    std::string etag;
    std::string_view language;  // Content-Language
  };
  static constexpr std::size_t max_pages = 256;
  std::shared_ptr<const page> find_page(const std::string& key) const {
    std::lock_guard lock(pages_mutex);
    auto it = pages.find(key);
    return it == pages.end() ? nullptr : it->second;
  }
  void keep_page(std::string key, std::shared_ptr<const page> p) const {
    std::lock_guard lock(pages_mutex);
    if (pages.size() < max_pages) {
      pages.emplace(std::move(key), std::move(p));
    }
  }
  mutable std::mutex pages_mutex;
  mutable std::unordered_map<std::string, std::shared_ptr<const page>> pages;
};

// An ETag that differs per language for the same bytes (an untranslated item answers a German
// reader in English: its validator still belongs to the German answer).
std::string localised_etag(std::string_view language, std::string_view data,
                           std::string_view more = {}) {
  std::string tagged;
  tagged.reserve(language.size() + 1 + data.size() + more.size());
  tagged += language;
  tagged += '\n';
  tagged += data;
  tagged += more;
  return http::make_etag(tagged);
}

class exercise_renderer {
 public:
  explicit exercise_renderer(library_service& svc) : svc_(svc) {}

  // The rendering of the current snapshot, rebuilt when the service's snapshot changed.
  awaitable<std::shared_ptr<const rendered_exercises>> get() {
    auto lib = co_await svc_.reference();
    {
      std::lock_guard lock(mutex_);
      if (rendered_ && rendered_->lib == lib) {
        co_return rendered_;
      }
    }
    auto fresh = std::make_shared<rendered_exercises>();
    fresh->lib = lib;
    for (std::size_t l = 0; l < language::served.size(); ++l) {
      const std::string_view language = language::served[l];
      auto& out = fresh->renderings[l];
      for (const auto& e : lib->exercises) {
        if (!e.active) {
          continue;
        }
        out.summaries[&e] = dto::render_exercise_summary(e, language);
        std::string json = dto::render_exercise(e, language);
        std::string etag = localised_etag(language, json);
        out.details[e.id] = {std::move(json), std::move(etag),
                             dto::translated(e, language) ? language : language::fallback};
      }
    }
    std::lock_guard lock(mutex_);
    rendered_ = fresh;
    co_return fresh;
  }

 private:
  library_service& svc_;
  std::mutex mutex_;
  std::shared_ptr<const rendered_exercises> rendered_;
};

// Routine answers are the caller's (estimates, premium): private as before, and Vary names
// the request headers that change them.
constexpr std::string_view vary_routines = "Accept-Language, Authorization";

response localised_private(response res, std::string_view language) {
  res.headers.emplace_back("Content-Language", std::string(language));
  res.headers.emplace_back("Vary", std::string(vary_routines));
  return res;
}

const std::string& caller(const request_context& ctx) {
  return ctx.user()->user_id;
}

// Premium is a role in the token (RBAC: premium and admin).
bool premium_caller(const request_context& ctx) {
  return ctx.user()->role == "premium" || ctx.user()->role == "admin";
}

awaitable<response> list_exercises(request_context& ctx, exercise_renderer& renderer,
                                   const cursor_codec& cursors, std::chrono::seconds max_age) {
  auto rendered = co_await renderer.get();
  const std::string_view language = http::negotiated_language(ctx);
  std::string key;
  key.reserve(language.size() + 1 + ctx.query_string().size());
  key += language;
  key += '?';
  key += ctx.query_string();
  auto answered = rendered->find_page(key);
  if (!answered) {
    dto::exercise_params p{ctx.query_param("muscle_group"),
                           ctx.query_param("equipment"),
                           ctx.query_param("difficulty"),
                           ctx.query_param("category"),
                           ctx.query_param("q"),
                           ctx.query_param("limit"),
                           ctx.query_param("cursor")};
    auto query = dto::parse_exercise_query(p, cursors);
    if (!query) {
      co_return http::refused(std::move(query.error()));
    }
    auto page = search::select(*rendered->lib, *query);
    const auto& rendering = rendered->in(language);
    auto fresh = std::make_shared<rendered_exercises::page>();
    fresh->language = language::fallback;
    std::vector<std::string_view> items;
    items.reserve(page.items.size());
    for (const exercise* e : page.items) {
      items.push_back(rendering.summaries.at(e));
      if (dto::translated(*e, language)) {
        fresh->language = language;
      }
    }
    fresh->data = dto::render_array(items);
    fresh->pagination = dto::render_exercise_pagination(page, cursors);
    // The ETag covers the language, the page and where it continues.
    fresh->etag = localised_etag(language, fresh->data, fresh->pagination);
    rendered->keep_page(std::move(key), fresh);
    answered = std::move(fresh);
  }
  auto res = http::cacheable_localised_json(ctx, answered->data, answered->etag, max_age,
                                            answered->language);
  res.pagination = answered->pagination;
  co_return res;
}

awaitable<response> get_exercise(request_context& ctx, exercise_renderer& renderer,
                                 std::chrono::seconds max_age) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto rendered = co_await renderer.get();
  const auto& details = rendered->in(http::negotiated_language(ctx)).details;
  auto it = details.find(*id);
  if (it == details.end()) {
    co_return http::refused(errors::exercise_not_found());
  }
  co_return http::cacheable_localised_json(ctx, it->second.json, it->second.etag, max_age,
                                           it->second.language);
}

awaitable<response> list_routines(request_context& ctx, library_service& svc,
                                  const cursor_codec& cursors) {
  dto::routine_params p{ctx.query_param("difficulty"), ctx.query_param("max_minutes"),
                        ctx.query_param("equipment"),  ctx.query_param("goal"),
                        ctx.query_param("premium"),    ctx.query_param("limit"),
                        ctx.query_param("cursor")};
  auto filter = dto::parse_routine_filter(p, cursors);
  if (!filter) {
    co_return http::refused(std::move(filter.error()));
  }
  auto page = co_await svc.routines(caller(ctx), std::move(*filter));
  // A list shows summaries (no exercise names): its text is English.
  auto res = http::ok_json(dto::render_routines(page.items));
  res.pagination = dto::render_routine_pagination(page, cursors);
  co_return localised_private(std::move(res), language::fallback);
}

awaitable<response> get_routine(request_context& ctx, library_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto found = co_await svc.routine_by_id(caller(ctx), std::move(*id), premium_caller(ctx));
  if (!found) {
    co_return http::refused(std::move(found.error()));
  }
  found->language = http::negotiated_language(ctx);
  co_return localised_private(http::ok_json(dto::render_routine(*found)),
                              dto::routine_language(*found));
}

// The parsers check exercise ids against the snapshot, so unknown ones are named with the
// body's other bad fields in one 400.
dto::exercise_check known_in(std::shared_ptr<const catalogue> lib) {
  return [lib = std::move(lib)](const std::string& id) {
    const exercise* e = lib->find_exercise(id);
    return e != nullptr && e->active;
  };
}

awaitable<response> create_own(request_context& ctx, library_service& svc) {
  auto in = dto::parse_own_routine(ctx.body(), known_in(co_await svc.reference()), false);
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::created(co_await svc.create_own(caller(ctx), std::move(*in)),
                          dto::render_routine);
}

awaitable<response> list_own(request_context& ctx, library_service& svc,
                             const cursor_codec& cursors) {
  auto query =
      dto::parse_own_routine_query(ctx.query_param("limit"), ctx.query_param("cursor"), cursors);
  if (!query) {
    co_return http::refused(std::move(query.error()));
  }
  auto page = co_await svc.own_routines(caller(ctx), std::move(*query));
  auto res = http::ok_json(dto::render_routines(page.items));
  res.pagination = dto::render_routine_pagination(page, cursors);
  co_return res;
}

awaitable<response> get_own(request_context& ctx, library_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::ok(co_await svc.own_routine(caller(ctx), std::move(*id)), dto::render_routine);
}

awaitable<response> patch_own(request_context& ctx, library_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto in = dto::parse_own_routine(ctx.body(), known_in(co_await svc.reference()), true);
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::ok(co_await svc.update_own(caller(ctx), std::move(*id), std::move(*in)),
                     dto::render_routine);
}

awaitable<response> delete_own(request_context& ctx, library_service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.delete_own(caller(ctx), std::move(*id)));
}

}  // namespace

void add_library_routes(http::router& router, library_service& svc,
                        library_route_settings settings) {
  auto renderer = std::make_shared<exercise_renderer>(svc);
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  auto max_age = settings.reference_max_age;

  // The exercise library: public reference data, cached, with ETags.
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/exercises",
              .fn = http::bind_handler(list_exercises, std::shared_ptr(renderer),
                                       std::shared_ptr(cursors), max_age),
              .level = access::anyone});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/exercises/:id",
              .fn = http::bind_handler(get_exercise, std::move(renderer), max_age),
              .level = access::anyone});

  // Routines: estimates use the caller's body mass and premium gating the caller's role.
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/routines",
              .fn = http::bind_handler(list_routines, svc, std::shared_ptr(cursors)),
              .level = access::user});
  // A user's own routines ("mine" is a static path: it wins over /routines/:id).
  router.add({.method = verb::post,
              .pattern = "/api/v1/workouts/routines/mine",
              .fn = http::bind_handler(create_own, svc),
              .level = access::user,
              .body_limit = routine_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/routines/mine",
              .fn = http::bind_handler(list_own, svc, std::shared_ptr(cursors)),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/routines/mine/:id",
              .fn = http::bind_handler(get_own, svc),
              .level = access::user});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/workouts/routines/mine/:id",
              .fn = http::bind_handler(patch_own, svc),
              .level = access::user,
              .body_limit = routine_body_limit});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/workouts/routines/mine/:id",
              .fn = http::bind_handler(delete_own, svc),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/workouts/routines/:id",
              .fn = http::bind_handler(get_routine, svc),
              .level = access::user});
}

}  // namespace ugoki::workouts
