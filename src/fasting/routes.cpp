// /api/v1/fasting routes: the table and its handlers.
#include "fasting/routes.hpp"

#include <memory>
#include <string>
#include <unordered_map>

#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/json.hpp"
#include "fasting/dto.hpp"
#include "fasting/errors.hpp"
#include "fasting/service.hpp"

namespace ugoki::fasting {

namespace {

using boost::asio::awaitable;
using http::access;
using http::verb;

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

}  // namespace

void add_fasting_routes(http::router& router, service& svc, route_settings settings) {
  auto cache = std::make_shared<catalogue_cache>([&svc] { return load_catalogue(svc); },
                                                 settings.reference_ttl);
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
}

}  // namespace ugoki::fasting
