// /api/v1/fasting routes: the table, and the reference-data handlers (protocols, stages), served
// in the negotiated language (docs/admin.md, "Localised reference data").
// Session handlers live in sessions_routes.cpp.
#include "fasting/routes.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/cursor.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/language.hpp"
#include "core/snapshot_cache.hpp"
#include "fasting/dto.hpp"
#include "fasting/errors.hpp"
#include "fasting/service.hpp"
#include "fasting/sessions_routes.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// Session bodies are small: the largest (a log with 20 symptoms and a 2000-character note) is
// under 8 KiB even fully escaped.
constexpr std::size_t session_body_limit = 16 * 1024;

// One rendered answer: its bytes, its ETag (of the negotiated language and the bytes, so a
// validator from one language never revalidates another) and its Content-Language.
struct rendered {
  std::string json;
  std::string etag;
  std::string language;
};

rendered render_entry(std::string json, std::string_view negotiated, std::string_view served) {
  rendered e;
  e.etag = http::make_etag(std::string(negotiated) + '\n' + json);
  e.json = std::move(json);
  e.language = std::string(served);
  return e;
}

// Protocols rendered once per refresh in every served language: the list, each protocol, and
// their ETags, so a read is a lookup and a copy (the database is not touched per request).
struct rendered_catalogue {
  struct in_language {
    rendered list;
    std::unordered_map<std::string, rendered> by_id;
  };
  std::map<std::string, in_language, std::less<>> by_language;
};

using catalogue_cache = snapshot_cache<rendered_catalogue>;

awaitable<rendered_catalogue> load_catalogue(service& svc) {
  auto protocols = co_await svc.protocols();
  rendered_catalogue c;
  for (std::string_view language : language::served) {
    rendered_catalogue::in_language& in = c.by_language[std::string(language)];
    std::vector<std::string> items;
    items.reserve(protocols.size());
    // A list is in the negotiated language when any item is; else it is all English.
    bool any_translated = false;
    for (const auto& p : protocols) {
      protocol local = dto::localised(p, language);
      std::string json = dto::render_protocol(local);
      any_translated = any_translated || local.language == language;
      in.by_id[p.id] = render_entry(json, language, local.language);
      items.push_back(std::move(json));
    }
    in.list = render_entry(dto::render_protocols(items), language,
                           any_translated ? language : language::fallback);
  }
  co_return c;
}

const rendered_catalogue::in_language& in_language(const rendered_catalogue& c,
                                                   std::string_view language) {
  auto it = c.by_language.find(language);
  return it != c.by_language.end() ? it->second : c.by_language.find(language::fallback)->second;
}

response answer(const request_context& ctx, const rendered& e, std::chrono::seconds max_age) {
  return http::cacheable_localised_json(ctx, e.json, e.etag, max_age, e.language);
}

awaitable<http::response> list_protocols(http::request_context& ctx, catalogue_cache& cache,
                                         std::chrono::seconds max_age) {
  auto catalogue = co_await cache.get();
  co_return answer(ctx, in_language(*catalogue, http::negotiated_language(ctx)).list, max_age);
}

awaitable<http::response> get_protocol(http::request_context& ctx, catalogue_cache& cache,
                                       std::chrono::seconds max_age) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto catalogue = co_await cache.get();
  const auto& in = in_language(*catalogue, http::negotiated_language(ctx));
  auto it = in.by_id.find(*id);
  if (it == in.by_id.end()) {
    co_return http::refused(errors::protocol_not_found());
  }
  co_return answer(ctx, it->second, max_age);
}

// The stage catalogue, rendered once per refresh in every served language like the protocols.
using stage_cache = snapshot_cache<std::map<std::string, rendered, std::less<>>>;

awaitable<std::map<std::string, rendered, std::less<>>> load_stage_lists(service& svc) {
  auto stages = co_await svc.load_stages();
  std::map<std::string, rendered, std::less<>> out;
  for (std::string_view language : language::served) {
    std::vector<stage> local;
    local.reserve(stages.size());
    bool any_translated = false;
    for (const auto& s : stages) {
      local.push_back(dto::localised(s, language));
      any_translated = any_translated || local.back().language == language;
    }
    out[std::string(language)] = render_entry(dto::render_stages(local), language,
                                              any_translated ? language : language::fallback);
  }
  co_return out;
}

awaitable<response> list_stages(request_context& ctx, stage_cache& cache,
                                std::chrono::seconds max_age) {
  auto lists = co_await cache.get();
  auto it = lists->find(http::negotiated_language(ctx));
  co_return answer(ctx, it != lists->end() ? it->second : lists->find(language::fallback)->second,
                   max_age);
}

}  // namespace

void add_fasting_routes(http::router& router, service& svc, route_settings settings) {
  auto cache = std::make_shared<catalogue_cache>([&svc] { return load_catalogue(svc); },
                                                 settings.reference_ttl);
  auto stages = std::make_shared<stage_cache>([&svc] { return load_stage_lists(svc); },
                                              settings.reference_ttl);
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  auto max_age = settings.reference_ttl;
  // An admin's change of protocols or stages renders them again at the next read.
  svc.on_reference_changed([cache, stages] {
    cache->invalidate();
    stages->invalidate();
  });

  // Reference data: public, cached and rendered once per refresh.
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/protocols",
              .fn = http::bind_handler(list_protocols, std::shared_ptr(cache), max_age),
              .level = access::anyone});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/protocols/:id",
              .fn = http::bind_handler(get_protocol, std::move(cache), max_age),
              .level = access::anyone});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/stages",
              .fn = http::bind_handler(list_stages, std::move(stages), max_age),
              .level = access::anyone});

  // The session timer: signed in; starts and check-ins honour Idempotency-Key.
  using namespace handlers;
  router.add({.method = verb::post,
              .pattern = "/api/v1/fasting/sessions",
              .fn = http::bind_handler(start_session, svc),
              .level = access::user,
              .body_limit = session_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/sessions/current",
              .fn = http::bind_handler(current_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/sessions/history",
              .fn = http::bind_handler(session_history, svc, std::move(cursors)),
              .level = access::user});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/sessions/:id",
              .fn = http::bind_handler(get_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::patch,
              .pattern = "/api/v1/fasting/sessions/:id",
              .fn = http::bind_handler(patch_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/fasting/sessions/:id/end",
              .fn = http::bind_handler(end_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/fasting/sessions/:id/cancel",
              .fn = http::bind_handler(cancel_session, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/fasting/sessions/:id/logs",
              .fn = http::bind_handler(add_log, svc),
              .level = access::user,
              .body_limit = session_body_limit,
              .idempotent = true});
  router.add({.method = verb::get,
              .pattern = "/api/v1/fasting/sessions/:id/logs",
              .fn = http::bind_handler(list_logs, svc),
              .level = access::user,
              .body_limit = session_body_limit});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/fasting/sessions/:id/logs/:logId",
              .fn = http::bind_handler(delete_log, svc),
              .level = access::user,
              .body_limit = session_body_limit});
}

}  // namespace ugoki::fasting
