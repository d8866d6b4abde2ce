// Health, readiness, metrics and API documentation routes.
#include "ops/routes.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "core/dependency_error.hpp"
#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/pg/database.hpp"
#include "core/redis/client.hpp"

namespace ugoki::ops {

namespace {

using boost::asio::awaitable;
using http::access;
using http::verb;

struct static_file {
  std::string body;
  std::string content_type;
  std::string etag;
};

// Documentation files are read once at start-up; a missing one is logged and answers 404.
std::shared_ptr<const static_file> load_file(const std::filesystem::path& path,
                                             std::string content_type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    log::warn("documentation file missing", log::fields().add("path", path.string()));
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto f = std::make_shared<static_file>();
  f->body = ss.str();
  f->content_type = std::move(content_type);
  f->etag = http::make_etag(f->body);
  return f;
}

http::response serve_file(const http::request_context& ctx,
                          const std::shared_ptr<const static_file>& file, bool docs_page) {
  if (!file) {
    return http::refused(not_found("RES_001", "No such resource"));
  }
  http::response r;
  if (http::etag_matches(ctx.header("If-None-Match"), file->etag)) {
    r.status = 304;
    r.body_kind = http::response::kind::empty;
  } else {
    r = http::raw(200, file->body, file->content_type);
  }
  r.headers.emplace_back("ETag", file->etag);
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  if (docs_page) {
    // Swagger UI sets inline styles and shows data: images; scripts stay same-origin only.
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; frame-ancestors 'none'");
  }
  return r;
}

awaitable<http::response> ready(pg::database& db, redis::client& redis) {
  std::vector<field_error> down;
  try {
    co_await db.ping();
  } catch (const std::exception& e) {
    down.push_back({"postgres", "unreachable"});
    log::warn("readiness: postgres down", log::fields().add("detail", e.what()));
  }
  try {
    co_await redis.ping();
  } catch (const std::exception& e) {
    down.push_back({"redis", "unreachable"});
    log::warn("readiness: redis down", log::fields().add("detail", e.what()));
  }
  if (!down.empty()) {
    auto e = unavailable("Not ready: a dependency is down", 5);
    e.details = std::move(down);
    co_return http::refused(std::move(e));
  }
  co_return http::ok_json(R"({"status":"ready","checks":{"postgres":"up","redis":"up"}})");
}

// Calls of the idempotency probe per user, shared by the I/O threads (test builds only).
struct probe_calls {
  std::mutex mutex;
  std::map<std::string, std::int64_t> by_user;
};

// POST /api/v1/_test/idempotent: counts its executions per user, so an end-to-end test can prove
// that N replays of an Idempotency-Key ran the handler once. `delay_ms` keeps it in flight;
// `reject` answers 400 VAL_001, `conflict` 409 after counting (a refusal once the work started),
// and `fail` a 500 or 503 after counting.
awaitable<http::response> idempotency_probe(std::shared_ptr<probe_calls> calls,
                                            http::request_context& ctx) {
  auto body = json::parse_object(ctx.body());
  if (!body) {
    co_return http::refused(std::move(body.error()));
  }
  json::field_reader in(*body);
  in.reject_unknown({"value", "delay_ms", "reject", "conflict", "fail"});
  auto value = in.string("value", 1, 200, true);
  auto delay = in.integer("delay_ms", 0, 5000);
  auto reject = in.boolean("reject");
  auto conflicting = in.boolean("conflict");
  auto fail = in.one_of("fail", {"exception", "unavailable"});
  if (auto bad = in.failure()) {
    co_return http::refused(std::move(*bad));
  }
  if (reject.value_or(false)) {
    co_return http::refused(validation({{"reject", "rejected on request"}}));
  }
  std::int64_t count = 0;
  {
    std::lock_guard lock(calls->mutex);
    count = ++calls->by_user[ctx.user()->user_id];
  }
  if (delay.value_or(0) > 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                    std::chrono::milliseconds(*delay));
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  if (conflicting.value_or(false)) {
    co_return http::refused(conflict("TEST_001", "Refused on request after counting"));
  }
  if (fail == "exception") {
    throw std::runtime_error("idempotency probe: failing on request");
  }
  if (fail == "unavailable") {
    throw dependency_unavailable("postgres", "idempotency probe: unavailable on request");
  }
  boost::json::object out;
  out["count"] = count;
  out["value"] = *value;
  co_return http::created_json(json::serialize(out));
}

}  // namespace

void add_ops_routes(http::router& router, pg::database& db, redis::client& redis,
                    const metrics::registry& metrics, const ops_settings& settings) {
  auto openapi = load_file(settings.api_dir / "openapi.yaml", "application/yaml");
  auto docs = load_file(settings.api_dir / "docs.html", "text/html; charset=utf-8");
  auto docs_init = load_file(settings.api_dir / "docs-init.js", "text/javascript");
  auto ui_css = load_file(settings.docs_assets_dir / "swagger-ui.css", "text/css");
  auto ui_bundle = load_file(settings.docs_assets_dir / "swagger-ui-bundle.js", "text/javascript");
  auto ui_preset =
      load_file(settings.docs_assets_dir / "swagger-ui-standalone-preset.js", "text/javascript");

  // Probes, scrapes and the docs are exempt from rate limiting (rate_limited = false): a load
  // balancer polling /health/ready must never be told 429.
  router.add({.method = verb::get,
              .pattern = "/health/live",
              .fn = [](http::request_context&) -> awaitable<http::response> {
                co_return http::ok_json(R"({"status":"ok"})");
              },
              .rate_limited = false});
  router.add({.method = verb::get,
              .pattern = "/health/ready",
              .fn = [&db, &redis](http::request_context&) { return ready(db, redis); },
              .rate_limited = false});
  router.add({.method = verb::get,
              .pattern = "/metrics",
              .fn = [&metrics](http::request_context&) -> awaitable<http::response> {
                co_return http::raw(200, metrics.render(),
                                    "text/plain; version=0.0.4; charset=utf-8");
              },
              .rate_limited = false,
              .produces = "text/plain"});

  // `produces` is the file's media type (for Accept); a missing file answers a JSON 404.
  auto file_route = [&router](std::string path, std::shared_ptr<const static_file> file,
                              bool docs_page, std::string_view produces) {
    router.add({.method = verb::get,
                .pattern = std::move(path),
                .fn = [file, docs_page](http::request_context& ctx) -> awaitable<http::response> {
                  co_return serve_file(ctx, file, docs_page);
                },
                .rate_limited = false,
                .produces = produces});
  };
  file_route("/api/openapi.yaml", openapi, false, "application/yaml, application/json");
  file_route("/api/docs", docs, true, "text/html, application/json");
  file_route("/api/docs/assets/docs-init.js", docs_init, false, "text/javascript");
  file_route("/api/docs/assets/swagger-ui.css", ui_css, false, "text/css");
  file_route("/api/docs/assets/swagger-ui-bundle.js", ui_bundle, false, "text/javascript");
  file_route("/api/docs/assets/swagger-ui-standalone-preset.js", ui_preset, false,
             "text/javascript");
}

void add_test_routes(http::router& router) {
  router.add({verb::post, "/api/v1/_test/echo",
              [](http::request_context& ctx) -> awaitable<http::response> {
                auto body = json::parse_object(ctx.body());
                if (!body) {
                  co_return http::refused(std::move(body.error()));
                }
                json::field_reader in(*body);
                in.reject_unknown({"message", "count"});
                auto message = in.string("message", 1, 200, true);
                auto count = in.integer("count", 0, 1000);
                if (auto bad = in.failure()) {
                  co_return http::refused(std::move(*bad));
                }
                boost::json::object out;
                out["message"] = *message;
                out["count"] = count.value_or(0);
                co_return http::ok_json(json::serialize(out));
              }});
  router.add({verb::get, "/api/v1/_test/sleep",
              [](http::request_context& ctx) -> awaitable<http::response> {
                int ms = std::atoi(ctx.query_param("ms").value_or("100").c_str());
                boost::asio::steady_timer timer(
                    co_await boost::asio::this_coro::executor,
                    std::chrono::milliseconds(std::clamp(ms, 0, 10000)));
                co_await timer.async_wait(boost::asio::use_awaitable);
                co_return http::ok_json(R"({"slept":true})");
              }});
  auto calls = std::make_shared<probe_calls>();
  router.add({.method = verb::post,
              .pattern = "/api/v1/_test/idempotent",
              .fn = [calls](http::request_context& ctx) { return idempotency_probe(calls, ctx); },
              .level = access::user,
              .idempotent = true});
}

}  // namespace ugoki::ops
