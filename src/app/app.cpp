// The composition root: the only code that sees every module. Builds the dependency graph from
// the config, registers every module's routes, and runs the CLI commands.
#include "app/app.hpp"

#include <chrono>
#include <optional>

#include "core/clock.hpp"
#include "core/http/router.hpp"
#include "core/http/server.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/pg/database.hpp"
#include "core/pg/error.hpp"
#include "core/pg/migrate.hpp"
#include "core/redis/client.hpp"
#include "fasting/routes.hpp"
#include "fasting/service.hpp"
#include "ops/routes.hpp"

namespace ugoki::app {

namespace {

pg::settings database_settings(const config& cfg) {
  pg::settings s;
  s.url = cfg.database_url;
  s.connections_per_thread = cfg.database_connections_per_thread;
  s.statement_timeout = cfg.database_statement_timeout;
  return s;
}

void add_gauges(metrics::registry& m, const pg::database& db, const redis::client& redis) {
  m.add_gauge("ugoki_db_connections_open", "PostgreSQL connections open or opening.",
              [&db] { return static_cast<double>(db.stats().open); });
  m.add_gauge("ugoki_db_connections_idle", "PostgreSQL connections open and free.",
              [&db] { return static_cast<double>(db.stats().idle); });
  m.add_gauge("ugoki_db_connections_in_use", "PostgreSQL connections leased by requests.",
              [&db] { return static_cast<double>(db.stats().in_use); });
  m.add_gauge("ugoki_db_pool_waiting", "Requests waiting for a PostgreSQL connection.",
              [&db] { return static_cast<double>(db.stats().waiting); });
  m.add_gauge("ugoki_redis_connections", "Redis connections up (one per I/O thread).",
              [&redis] { return static_cast<double>(redis.connected_count()); });
}

}  // namespace

int serve(const config& cfg) {
  const auto started = std::chrono::steady_clock::now();
  log::init(cfg.log_level, /*async=*/true);

  const std::size_t threads = cfg.http.threads;
  // Connections register with the I/O threads' io_contexts, which the server owns, so both
  // clients are destroyed (below, after run) while those contexts still exist.
  std::optional<pg::database> db_storage(std::in_place, database_settings(cfg), threads);
  std::optional<redis::client> redis_storage(std::in_place, redis::settings{cfg.redis_url},
                                             threads);
  pg::database& db = *db_storage;
  redis::client& redis = *redis_storage;
  system_clock clock;

  fasting::service fasting(db, clock);

  metrics::registry metrics(threads);
  http::router router;
  ops::add_ops_routes(router, db, redis, metrics, {cfg.api_dir, cfg.docs_assets_dir});
  fasting::add_fasting_routes(router, fasting, {cfg.reference_cache_ttl});
  if (cfg.env == "test") {
    ops::add_test_routes(router);
  }

  std::vector<std::string> labels;
  for (std::size_t i = 0; i < router.size(); ++i) {
    labels.push_back(std::string(http::to_string(router.at(i).method)) + " " +
                     router.at(i).pattern);
  }
  metrics.set_route_labels(std::move(labels));
  add_gauges(metrics, db, redis);

  http::server server(cfg.http, router, metrics);
  server.on_thread_start([&db, &redis](std::size_t index, boost::asio::any_io_executor ex) {
    db.attach_thread(index, ex);
    redis.attach_thread(index, ex);
  });
  std::uint16_t port = 0;
  try {
    port = server.listen();
  } catch (const std::exception& e) {
    log::error("cannot listen", log::fields()
                                    .add("host", cfg.http.host)
                                    .add("port", int{cfg.http.port})
                                    .add("detail", e.what()));
    log::shutdown();
    return 1;
  }
  auto startup_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  log::info("listening", log::fields()
                             .add("host", cfg.http.host)
                             .add("port", int{port})
                             .add("threads", threads)
                             .add("env", cfg.env)
                             .add("startup_ms", startup_ms.count()));
  server.run();
  redis.stop();
  redis_storage.reset();
  db_storage.reset();
  log::info("stopped");
  log::shutdown();
  return 0;
}

int migrate(const config& cfg) {
  log::init(cfg.log_level, /*async=*/false);
  try {
    auto applied = pg::migrate(cfg.database_url, cfg.migrations_dir);
    log::info("migrations applied", log::fields().add("count", applied.size()));
  } catch (const std::exception& e) {
    log::error("migration failed", log::fields().add("detail", e.what()));
    return 1;
  }
  return 0;
}

int seed(const config& cfg) {
  log::init(cfg.log_level, /*async=*/false);
  try {
    auto files = pg::run_sql_files(cfg.database_url, cfg.seeds_dir);
    log::info("reference data loaded", log::fields().add("files", files.size()));
  } catch (const std::exception& e) {
    log::error("seeding failed", log::fields().add("detail", e.what()));
    return 1;
  }
  return 0;
}

}  // namespace ugoki::app
