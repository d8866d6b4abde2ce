// /api/v1/fasting routes: the table, and the reference-data handlers (protocols, stages).
// Session handlers live in sessions_routes.cpp.
#include "fasting/routes.hpp"

#include <memory>
#include <string>
#include <unordered_map>

#include "core/cursor.hpp"
#include "core/http/api_error.hpp"  // transitional (issue 11)
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/json.hpp"
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

// Protocols rendered once per refresh: the list, each protocol, and their ETags, so a read is
// a lookup and a copy (the database is not touched per request).
struct rendered_catalogue {
  struct entry {
    std::string json;
    std::string etag;
  };
  entry list;
  std::unordered_map<std::string, entry> by_id;
};

using catalogue_cache = http::snapshot_cache<rendered_catalogue>;

awaitable<rendered_catalogue> load_catalogue(service& svc) {
  auto protocols = co_await svc.protocols();
  rendered_catalogue c;
  std::vector<std::string> items;
  items.reserve(protocols.size());
  for (const auto& p : protocols) {
    std::string json = dto::render_protocol(p);
    c.by_id[p.id] = {json, http::make_etag(json)};
    items.push_back(std::move(json));
  }
  c.list.json = dto::render_protocols(items);
  c.list.etag = http::make_etag(c.list.json);
  co_return c;
}

awaitable<http::response> list_protocols(http::request_context& ctx, catalogue_cache& cache,
                                         std::chrono::seconds max_age) {
  auto catalogue = co_await cache.get();
  co_return http::cacheable_json(ctx, catalogue->list.json, catalogue->list.etag, max_age);
}

awaitable<http::response> get_protocol(http::request_context& ctx, catalogue_cache& cache,
                                       std::chrono::seconds max_age) {
  std::string id(ctx.path_param("id"));
  if (!json::is_uuid(id)) {
    http::raise(http::validation({{"id", "must be a UUID"}}));
  }
  for (auto& c : id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto catalogue = co_await cache.get();
  auto it = catalogue->by_id.find(id);
  if (it == catalogue->by_id.end()) {
    http::raise(errors::protocol_not_found());
  }
  co_return http::cacheable_json(ctx, it->second.json, it->second.etag, max_age);
}

// The stage catalogue, rendered once per refresh like the protocols.
using stage_cache = http::snapshot_cache<rendered_catalogue::entry>;

awaitable<rendered_catalogue::entry> load_stage_list(service& svc) {
  auto stages = co_await svc.load_stages();
  rendered_catalogue::entry e;
  e.json = dto::render_stages(stages);
  e.etag = http::make_etag(e.json);
  co_return e;
}

awaitable<response> list_stages(request_context& ctx, stage_cache& cache,
                                std::chrono::seconds max_age) {
  auto list = co_await cache.get();
  co_return http::cacheable_json(ctx, list->json, list->etag, max_age);
}

// A signed-in route of the session family; `idempotent` routes honour Idempotency-Key.
http::route session_route(verb method, std::string pattern,
                          awaitable<response> (*fn)(request_context&, service&), service& svc,
                          bool idempotent = false) {
  http::route r{method, std::move(pattern),
                [fn, &svc](request_context& ctx) { return fn(ctx, svc); }, access::user,
                session_body_limit};
  r.idempotent = idempotent;
  return r;
}

}  // namespace

void add_fasting_routes(http::router& router, service& svc, route_settings settings) {
  auto cache = std::make_shared<catalogue_cache>([&svc] { return load_catalogue(svc); },
                                                 settings.reference_ttl);
  auto stages = std::make_shared<stage_cache>([&svc] { return load_stage_list(svc); },
                                              settings.reference_ttl);
  auto cursors = std::make_shared<const cursor_codec>(settings.cursor_secret);
  auto max_age = settings.reference_ttl;

  router.add({verb::get, "/api/v1/fasting/protocols",
              [cache, max_age](http::request_context& ctx) {
                return list_protocols(ctx, *cache, max_age);
              },
              access::anyone});
  router.add(
      {verb::get, "/api/v1/fasting/protocols/:id",
       [cache, max_age](http::request_context& ctx) { return get_protocol(ctx, *cache, max_age); },
       access::anyone});
  router.add(
      {verb::get, "/api/v1/fasting/stages",
       [stages, max_age](request_context& ctx) { return list_stages(ctx, *stages, max_age); },
       access::anyone});

  using namespace handlers;
  router.add(session_route(verb::post, "/api/v1/fasting/sessions", start_session, svc, true));
  router.add(session_route(verb::get, "/api/v1/fasting/sessions/current", current_session, svc));
  router.add({verb::get, "/api/v1/fasting/sessions/history",
              [&svc, cursors](request_context& ctx) { return session_history(ctx, svc, *cursors); },
              access::user});
  router.add(session_route(verb::get, "/api/v1/fasting/sessions/:id", get_session, svc));
  router.add(session_route(verb::patch, "/api/v1/fasting/sessions/:id", patch_session, svc));
  router.add(session_route(verb::post, "/api/v1/fasting/sessions/:id/end", end_session, svc));
  router.add(session_route(verb::post, "/api/v1/fasting/sessions/:id/cancel", cancel_session, svc));
  router.add(session_route(verb::post, "/api/v1/fasting/sessions/:id/logs", add_log, svc, true));
  router.add(session_route(verb::get, "/api/v1/fasting/sessions/:id/logs", list_logs, svc));
  router.add(
      session_route(verb::delete_, "/api/v1/fasting/sessions/:id/logs/:logId", delete_log, svc));
}

}  // namespace ugoki::fasting
