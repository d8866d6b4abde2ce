// /api/v1/fasting routes: the table, and the reference-data handlers (protocols, stages).
// Session handlers live in sessions_routes.cpp.
#include "fasting/routes.hpp"

#include <memory>
#include <string>
#include <unordered_map>

#include "core/cursor.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
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

using catalogue_cache = snapshot_cache<rendered_catalogue>;

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
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  auto catalogue = co_await cache.get();
  auto it = catalogue->by_id.find(*id);
  if (it == catalogue->by_id.end()) {
    co_return http::refused(errors::protocol_not_found());
  }
  co_return http::cacheable_json(ctx, it->second.json, it->second.etag, max_age);
}

// The stage catalogue, rendered once per refresh like the protocols.
using stage_cache = snapshot_cache<rendered_catalogue::entry>;

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

}  // namespace

void add_fasting_routes(http::router& router, service& svc, route_settings settings) {
  auto cache = std::make_shared<catalogue_cache>([&svc] { return load_catalogue(svc); },
                                                 settings.reference_ttl);
  auto stages = std::make_shared<stage_cache>([&svc] { return load_stage_list(svc); },
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
