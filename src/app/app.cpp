// The composition root: the only code that sees every module. Builds the dependency graph from
// the config, registers every module's routes, and runs the CLI commands.
#include "app/app.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin/media_service.hpp"
#include "admin/routes.hpp"
#include "admin/service.hpp"
#include "analytics/import_routes.hpp"
#include "analytics/import_service.hpp"
#include "analytics/routes.hpp"
#include "analytics/service.hpp"
#include "app/background_jobs.hpp"
#include "app/bridges.hpp"
#include "app/interim_export_store.hpp"
#include "auth/routes.hpp"
#include "auth/runtime.hpp"
#include "billing/routes.hpp"
#include "billing/service.hpp"
#include "billing/stripe_client.hpp"
#include "content/admin_routes.hpp"
#include "content/admin_service.hpp"
#include "content/routes.hpp"
#include "content/service.hpp"
#include "core/clock.hpp"
#include "core/crypto/pii_cipher.hpp"
#include "core/http/router.hpp"
#include "core/http/server.hpp"
#include "core/idempotency/pg_idempotency_store.hpp"
#include "core/log.hpp"
#include "core/mail/mailer.hpp"
#include "core/metrics.hpp"
#include "core/pg/database.hpp"
#include "core/pg/error.hpp"
#include "core/pg/migrate.hpp"
#include "core/ratelimit/redis_rate_limiter.hpp"
#include "core/redis/client.hpp"
#include "core/redis/reference_changes.hpp"
#include "core/redis/subscriber.hpp"
#include "fasting/admin_routes.hpp"
#include "fasting/admin_service.hpp"
#include "fasting/admin_stage_service.hpp"
#include "fasting/plan_routes.hpp"
#include "fasting/plan_service.hpp"
#include "fasting/routes.hpp"
#include "fasting/service.hpp"
#include "nutrition/admin_routes.hpp"
#include "nutrition/admin_service.hpp"
#include "nutrition/diary_routes.hpp"
#include "nutrition/diary_service.hpp"
#include "nutrition/meal_plans_routes.hpp"
#include "nutrition/meal_plans_service.hpp"
#include "nutrition/product_import.hpp"
#include "nutrition/products_routes.hpp"
#include "nutrition/products_service.hpp"
#include "nutrition/recipe_admin_routes.hpp"
#include "nutrition/recipe_admin_service.hpp"
#include "nutrition/recipes_routes.hpp"
#include "nutrition/recipes_service.hpp"
#include "nutrition/shopping_routes.hpp"
#include "nutrition/shopping_service.hpp"
#include "ops/console_routes.hpp"
#include "ops/routes.hpp"
#include "user/account_routes.hpp"
#include "user/export.hpp"
#include "user/routes.hpp"
#include "user/service.hpp"
#include "workouts/admin_routes.hpp"
#include "workouts/admin_service.hpp"
#include "workouts/library_routes.hpp"
#include "workouts/library_service.hpp"
#include "workouts/service.hpp"
#include "workouts/sessions_routes.hpp"

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

auth::runtime_settings auth_settings(const config& cfg) {
  auth::runtime_settings s;
  for (const auto& k : cfg.auth.jwt_keys) {
    s.keys.push_back({k.kid, k.path});
  }
  s.signing_kid = cfg.auth.jwt_signing_kid;
  s.common_passwords_file = cfg.auth.common_passwords_file;
  s.worker_threads = cfg.auth.worker_threads;
  s.worker_queue = cfg.auth.worker_queue;
  s.worker_nice = cfg.auth.worker_nice;
  s.service.issuer = cfg.auth.issuer;
  s.service.audience = cfg.auth.audience;
  s.service.access_ttl = cfg.auth.access_ttl;
  s.service.refresh_ttl = cfg.auth.refresh_ttl;
  s.service.argon2_iterations = cfg.auth.argon2_iterations;
  s.service.argon2_memory_bytes = cfg.auth.argon2_memory_kib * 1024;
  s.service.throttle.enabled = cfg.auth.login_throttle;
  s.service.throttle.account_free_failures = cfg.auth.login_throttle_account_failures;
  s.service.throttle.ip_free_failures = cfg.auth.login_throttle_ip_failures;
  s.service.redis_failure = cfg.auth.redis_failure_open ? auth::redis_failure_mode::open
                                                        : auth::redis_failure_mode::closed;
  s.service.session_cache_ttl = cfg.auth.session_cache_ttl;
  s.reset.app_url = cfg.mail.app_url;
  return s;
}

// SMTP when UGOKI_SMTP_URL is set; otherwise (dev and test only, load_config enforces it)
// .eml files under UGOKI_MAIL_DIR.
std::unique_ptr<mail::mailer> make_mailer(const config& cfg) {
  if (cfg.mail.smtp_url.empty()) {
    return mail::make_file_mailer(cfg.mail.dir, cfg.mail.from);
  }
  mail::smtp_settings s;
  s.url = cfg.mail.smtp_url;
  s.username = cfg.mail.smtp_user;
  s.password = cfg.mail.smtp_password;
  s.starttls = cfg.mail.smtp_starttls && cfg.mail.smtp_url.starts_with("smtp://");
  s.from = cfg.mail.from;
  return mail::make_smtp_mailer(std::move(s));
}

// progress_metrics can hold millions of points: the export carries the newest this many and says
// so (progress.metrics_truncated, metrics_total); the daily rollups always go whole.
constexpr int max_export_metric_points = 50'000;

// {"meals": [...], "products": [...]}: the diary's and the products' parts side by side.
boost::asio::awaitable<std::string> food_export(nutrition::diary_service& diary,
                                                nutrition::products_service& products,
                                                std::string user_id) {
  std::string meals = co_await diary.export_part(user_id);
  std::string submitted = co_await products.export_part(std::move(user_id));
  co_return "{\"meals\":" + meals + ",\"products\":" + submitted + "}";
}

using text_fetch = std::function<boost::asio::awaitable<std::string>(std::string user_id)>;

boost::asio::awaitable<std::optional<std::string>> present(text_fetch fetch, std::string user_id) {
  co_return co_await fetch(std::move(user_id));
}

// An export part that is never absent (an empty list or null at worst).
user::export_part always_present(std::string name, text_fetch fetch) {
  return {std::move(name), [fetch = std::move(fetch)](std::string user_id) {
            return present(fetch, std::move(user_id));
          }};
}

billing::settings billing_settings_of(const config& cfg) {
  billing::settings s;
  s.stripe_webhook_secrets = cfg.billing.stripe_webhook_secrets;
  s.stripe_tolerance = std::chrono::seconds(cfg.billing.stripe_tolerance_s);
  s.stripe_price_monthly = cfg.billing.stripe_price_monthly;
  s.stripe_price_yearly = cfg.billing.stripe_price_yearly;
  s.checkout_success_url = cfg.billing.success_url;
  s.checkout_cancel_url = cfg.billing.cancel_url;
  s.portal_return_url = cfg.billing.return_url;
  return s;
}

billing::stripe_api_settings stripe_api_of(const config& cfg) {
  billing::stripe_api_settings s;
  s.base_url = cfg.billing.stripe_api_base;
  s.secret_key = cfg.billing.stripe_secret_key;
  return s;
}

admin::media_settings media_settings_of(const config& cfg) {
  admin::media_settings s;
  s.dir = cfg.media.dir;
  s.max_bytes = cfg.media.max_bytes;
  if (cfg.media.s3()) {
    s.s3 = admin::s3_settings{cfg.media.s3_endpoint,
                              cfg.media.s3_bucket,
                              cfg.media.s3_region,
                              cfg.media.s3_access_key_id,
                              cfg.media.s3_secret_access_key,
                              cfg.media.s3_public_base_url,
                              cfg.media.s3_url_ttl};
  }
  return s;
}

nutrition::products_settings products_settings_of(const config& cfg) {
  nutrition::products_settings s;
  s.off.base_url = cfg.off.base_url;
  s.off.user_agent = "Ugoki/" UGOKI_VERSION " (" + cfg.off.contact + ")";
  s.off.timeout = cfg.off.timeout;
  s.off_reads_per_minute = static_cast<int>(cfg.off.reads_per_minute);
  return s;
}

// Every module's services, wired once for `serve` and `jobs run-once` alike. Members are built
// in declaration order, each from the ones above it, and destroyed in reverse.
struct modules {
  modules(const config& cfg, pg::database& db, redis::client& redis, const clock& clock)
      : mailer(make_mailer(cfg)),
        // The keys were validated by load_config; from_config cannot fail here.
        pii(crypto::pii_cipher::from_config(cfg.pii_keys)),
        fasting(db, clock, cfg.reference_cache_ttl),
        users(db, pii, fasting, clock),
        // Plans check zone names with the user module's cached IANA list.
        fasting_plans(db, clock,
                      [this](const std::string& name) { return users.is_timezone(name); }),
        // Keys, password list and the Argon2id pool load here, so a bad key fails the start.
        // Registration creates the user module's rows in the pipeline of the users row.
        auth(auth_settings(cfg), db, redis, clock, *mailer,
             [this](const std::string& id, const std::optional<std::string>& display_name) {
               return users.new_account_rows(id, display_name);
             }),
        exports(export_parts(db), clock),
        // The dashboard's workout part reads workout_sessions (declared below, used only once
        // requests come).
        analytics(db, clock, dashboard_sources_of(fasting, fasting_plans, workout_sessions, diary)),
        // Apple Health imports: uploads spool to cfg.upload_dir, the jobs thread parses them.
        imports(db, clock, {cfg.upload_dir}),
        // Routine estimates and workout energy use the same body mass: the latest weight_kg
        // metric, else the profile's weight, else the default (estimated).
        workout_library(db, body_mass_of(analytics, users)),
        // Workouts start from the library's routines (the catalogue's and the user's own).
        workout_sessions(db, clock,
                         {.routines = workout_library.source(),
                          .body_mass = body_mass_of(analytics, users),
                          .running_fast = running_fast_start_of(fasting),
                          .weekly_goal = weekly_goal_of(users)}),
        content(db, clock),
        // Recipes and plans read the caller's allergies, diet and kcal goal from the profile.
        // Lists read only the profile (one query); the generator also the kcal goal.
        recipes(db, diner_of(users), allergies_of(users), cfg.reference_cache_ttl),
        meal_plans(db, recipes),
        shopping(db, recipes),
        food_products(db, redis, products_settings_of(cfg)),
        // The diary asks the fasting and user modules through bridges; its day view reads the
        // user, workouts and analytics modules' views (0032).
        diary(db, clock, food_products, diary_sources_of(fasting, users)),
        admin(db),
        media(db, clock, media_settings_of(cfg)),
        changes(redis),
        // Admin services come after `changes`: they announce on it after each committed write.
        content_admin(db, changes, clock),
        nutrition_admin(db, redis, changes, products_settings_of(cfg).key_prefix),
        recipe_admin(db, changes),
        fasting_admin(db, changes),
        fasting_stages_admin(db, changes),
        workouts_admin(db, changes),
        // The entitlement sets the account's role through auth (bridges.cpp).
        stripe(stripe_api_of(cfg)),
        billing(db, clock, stripe, billing_settings_of(cfg), subscription_role_of(auth.svc())) {
    // Admin edits of reference data reach every instance's snapshots (admin docs, "Changes
    // reach every instance"); each module's admin service announces its topic.
    changes.on("content", [this] { content.library_changed(); });
    changes.on("workouts", [this] { workout_library.reference_changed(); });
    changes.on("fasting", [this] { fasting.reference_changed(); });
    changes.on("nutrition", [this] { recipes.reference_changed(); });
  }
  modules(const modules&) = delete;
  modules& operator=(const modules&) = delete;

  // The data export's parts in document order (UserExport in api/openapi.yaml): each module's
  // own, and the interim ones until their modules export themselves (interim_export_store.hpp).
  // The functions reach users and auth only when a request comes, after construction.
  std::vector<user::export_part> export_parts(pg::database& db) {
    std::vector<user::export_part> parts;
    parts.push_back(
        {"account", [this](std::string id) { return auth.svc().export_account(std::move(id)); }});
    parts.push_back(
        {"profile", [this](std::string id) { return users.profile_json(std::move(id)); }});
    parts.push_back(always_present(
        "preferences", [this](std::string id) { return users.preferences_json(std::move(id)); }));
    parts.push_back(sessions_part_of(auth.svc()));
    parts.push_back(always_present("oauth_identities", [this](std::string id) {
      return auth.svc().export_oauth_identities(std::move(id));
    }));
    parts.push_back(always_present(
        "mfa", [this](std::string id) { return auth.svc().export_mfa(std::move(id)); }));
    parts.push_back(always_present(
        "fasting", [this](std::string id) { return fasting.export_part(std::move(id)); }));
    parts.push_back(workouts_part_of(workout_sessions));
    parts.push_back(always_present("workout_routines", [this](std::string id) {
      return workout_library.export_part(std::move(id));
    }));
    parts.push_back(always_present(
        "meal_plans", [this](std::string id) { return meal_plans.export_part(std::move(id)); }));
    parts.push_back(always_present(
        "shopping_list", [this](std::string id) { return shopping.export_part(std::move(id)); }));
    // The food side's own part: meals with their items, and the user's submitted products.
    parts.push_back(always_present("food", [this](std::string id) {
      return food_export(diary, food_products, std::move(id));
    }));
    parts.push_back(always_present(
        "content", [this](std::string id) { return content.export_part(std::move(id)); }));
    parts.push_back(always_present("progress", [this](std::string id) {
      return analytics.export_progress(std::move(id), max_export_metric_points);
    }));
    parts.push_back(interim::unowned_part(db, "notifications"));
    parts.push_back(always_present(
        "billing", [this](std::string id) { return billing.export_part(std::move(id)); }));
    parts.push_back(always_present("security_events", [this](std::string id) {
      return auth.svc().export_security_events(std::move(id));
    }));
    return parts;
  }

  std::unique_ptr<mail::mailer> mailer;
  crypto::pii_cipher pii;
  fasting::service fasting;
  user::service users;
  fasting::plan_service fasting_plans;
  auth::runtime auth;
  user::exporter exports;
  analytics::service analytics;
  analytics::import_service imports;
  workouts::library_service workout_library;
  workouts::service workout_sessions;
  content::service content;
  nutrition::recipes_service recipes;
  nutrition::meal_plans_service meal_plans;
  nutrition::shopping_service shopping;
  nutrition::products_service food_products;
  nutrition::diary_service diary;
  admin::service admin;
  admin::media_service media;
  redis::reference_changes changes;
  content::admin::service content_admin;
  nutrition::admin_service nutrition_admin;
  nutrition::recipe_admin recipe_admin;
  fasting::admin_protocols fasting_admin;
  fasting::admin_stages fasting_stages_admin;
  workouts::admin_service workouts_admin;
  billing::stripe_client stripe;
  billing::service billing;
};

// The modules, or nullptr once the reason is logged. Only auth can fail here (load_config has
// checked everything else): an unreadable or invalid JWT key or common-password list.
std::unique_ptr<modules> build_modules(const config& cfg, pg::database& db, redis::client& redis,
                                       const clock& clock) {
  try {
    return std::make_unique<modules>(cfg, db, redis, clock);
  } catch (const std::exception& e) {
    log::error("cannot start auth", log::fields().add("detail", e.what()));
    return nullptr;
  }
}

// Every module's routes, in one table.
void add_routes(http::router& router, modules& m, const config& cfg, pg::database& db,
                redis::client& redis, const metrics::registry& metrics) {
  ops::add_ops_routes(router, db, redis, metrics, {cfg.api_dir, cfg.docs_assets_dir});
  ops::add_console_routes(router, cfg.admin_assets_dir);
  fasting::add_fasting_routes(router, m.fasting, {cfg.reference_cache_ttl, cfg.cursor_secret});
  auth::add_auth_routes(router, m.auth.svc());
  auth::add_password_reset_routes(router, m.auth.resets());
  user::add_user_routes(router, m.users);
  fasting::add_fasting_plan_routes(router, m.fasting_plans);
  user::add_account_routes(router, account_deleter_of(m.auth.deletions()), m.exports);
  analytics::add_analytics_routes(router, m.analytics);
  analytics::add_import_routes(router, m.imports);
  workouts::add_library_routes(router, m.workout_library,
                               {cfg.reference_cache_ttl, cfg.cursor_secret});
  workouts::add_sessions_routes(router, m.workout_sessions, {cfg.cursor_secret});
  content::add_content_routes(router, m.content, {cfg.reference_cache_ttl, cfg.cursor_secret});
  content::admin::add_content_admin_routes(router, m.content_admin);
  nutrition::add_recipe_routes(router, m.recipes, {cfg.reference_cache_ttl, cfg.cursor_secret});
  nutrition::add_meal_plan_routes(router, m.meal_plans, cfg.cursor_secret);
  nutrition::add_shopping_routes(router, m.shopping);
  nutrition::add_products_routes(router, m.food_products);
  nutrition::add_diary_routes(router, m.diary);
  nutrition::add_admin_routes(router, m.nutrition_admin);
  nutrition::add_recipe_admin_routes(router, m.recipe_admin);
  fasting::add_admin_routes(router, m.fasting_admin, m.fasting_stages_admin);
  workouts::add_admin_routes(router, m.workouts_admin);
  admin::add_admin_routes(router, m.admin, m.media);
  billing::add_billing_routes(router, m.billing);
  if (cfg.env == "test") {
    ops::add_test_routes(router);
  }
}

// Every job kind and its handler: the same jobs run under `serve` and `jobs run-once`.
jobs::registry job_kinds(pg::database& db, modules& m) {
  jobs::registry kinds = make_job_kinds(db);
  auth::add_erasure_job_kinds(kinds, m.auth.deletions());
  analytics::add_import_job_kinds(kinds, m.imports);
  auth::add_password_reset_job_kinds(kinds, m.auth.resets());
  billing::add_billing_job_kinds(kinds, m.billing);
  return kinds;
}

}  // namespace

int serve(const config& cfg) {
  const auto started = std::chrono::steady_clock::now();
  log::init(cfg.log_level, /*async=*/true);

  const std::size_t threads = cfg.http.threads;
  // Connections register with the I/O threads' io_contexts, which the server owns, so both
  // clients are destroyed (below, after run) while those contexts still exist.
  // One shard more than I/O threads: the last is the job runner's thread (background_jobs).
  std::optional<pg::database> db_storage(std::in_place, database_settings(cfg), threads + 1);
  std::optional<redis::client> redis_storage(std::in_place, redis::settings{cfg.redis_url},
                                             threads + 1);
  pg::database& db = *db_storage;
  redis::client& redis = *redis_storage;
  system_clock clock;

  // Apple Health uploads spool here.
  std::error_code upload_dir_error;
  std::filesystem::create_directories(cfg.upload_dir, upload_dir_error);
  if (upload_dir_error) {
    log::error("cannot create the upload directory",
               log::fields()
                   .add("dir", cfg.upload_dir.string())
                   .add("detail", upload_dir_error.message()));
    log::shutdown();
    return 2;
  }
  const auto m = build_modules(cfg, db, redis, clock);
  if (!m) {
    log::shutdown();
    return 2;
  }
  if (!m->media.uses_s3()) {
    // Uploaded images are stored (and spooled) under the media directory.
    std::error_code media_dir_error;
    std::filesystem::create_directories(m->media.spool_dir(), media_dir_error);
    if (media_dir_error) {
      log::error("cannot create the media directory",
                 log::fields()
                     .add("dir", cfg.media.dir.string())
                     .add("detail", media_dir_error.message()));
      log::shutdown();
      return 2;
    }
  }
  metrics::registry metrics(threads);
  http::router router;
  add_routes(router, *m, cfg, db, redis, metrics);
  metrics.add_gauge("ugoki_auth_workers_busy", "Argon2id jobs running on the worker pool.",
                    [&pool = m->auth.workers()] { return double(pool.stats().busy); });
  metrics.add_gauge("ugoki_auth_workers_queued", "Argon2id jobs waiting for a worker.",
                    [&pool = m->auth.workers()] { return double(pool.stats().queued); });
  metrics.add_counter("ugoki_auth_session_cache_hits_total",
                      "Session checks answered by this instance's session cache.",
                      [&cache = m->auth.sessions()] { return double(cache.hits()); });
  metrics.add_counter("ugoki_auth_session_cache_misses_total",
                      "Session checks that asked Redis (not cached, expired, or cache off).",
                      [&cache = m->auth.sessions()] { return double(cache.misses()); });

  std::vector<std::string> labels;
  for (std::size_t i = 0; i < router.size(); ++i) {
    labels.push_back(std::string(http::to_string(router.at(i).method)) + " " +
                     router.at(i).pattern);
  }
  metrics.set_route_labels(std::move(labels));
  add_gauges(metrics, db, redis);

  http::server server(cfg.http, router, metrics);
  server.set_authenticator(&m->auth.access_authenticator());
  std::optional<ratelimit::redis_rate_limiter> limiter;
  if (cfg.rate_limit.enabled) {
    limiter.emplace(redis, cfg.rate_limit.limits);
    server.set_rate_limiter(&*limiter);
  }
  // Idempotency-Key on routes that create data: keys and responses in PostgreSQL for 24 h.
  idempotency::pg_idempotency_store idempotency_keys(db);
  server.set_idempotency_store(&idempotency_keys);
  // What other instances publish reaches this one over one pub/sub connection, on the first I/O
  // thread: session revocations (for the session cache) and reference-data changes (for the
  // snapshots).
  std::optional<redis::subscriber> feed;
  server.on_thread_start([&](std::size_t index, boost::asio::any_io_executor ex) {
    db.attach_thread(index, ex);
    redis.attach_thread(index, ex);
    if (index != 0) {
      return;
    }
    feed.emplace(redis::settings{cfg.redis_url}, ex);
    auto& sessions = m->auth.sessions();
    const std::string revoked = m->auth.svc().revocation_channel();
    const bool sessions_cached = sessions.enabled();
    feed->on_message([&sessions, &changes = m->changes, revoked, sessions_cached](
                         std::string_view channel, std::string_view message) {
      if (channel == revoked) {
        if (sessions_cached) {
          sessions.forget(message);
        }
      } else if (channel == changes.channel()) {
        changes.received(message);
      }
    });
    if (sessions_cached) {
      feed->on_state([&sessions](bool up) { sessions.set_feed_up(up); });
      feed->subscribe(revoked);
    }
    feed->subscribe(m->changes.channel());
    feed->start();
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
  {
    // Background jobs on their own thread; after the HTTP drain, the job in progress finishes.
    const jobs::registry kinds = job_kinds(db, *m);
    jobs::scheduler job_schedule(db, periodic_jobs());
    jobs_thread background(db, redis, threads, kinds, job_schedule);
    server.run();
    background.stop();
    // The clients hold connections registered with every I/O context, the job thread's too:
    // they go first, while all of those contexts still exist.
    feed.reset();
    redis.stop();
    redis_storage.reset();
    db_storage.reset();
  }
  log::info("stopped");
  log::shutdown();
  return 0;
}

int run_jobs_once(const config& cfg) {
  log::init(cfg.log_level, /*async=*/false);
  std::optional<pg::database> db_storage(std::in_place, database_settings(cfg), 1);
  std::optional<redis::client> redis_storage(std::in_place, redis::settings{cfg.redis_url}, 1);
  pg::database& db = *db_storage;
  redis::client& redis = *redis_storage;
  system_clock clock;
  const auto m = build_modules(cfg, db, redis, clock);
  if (!m) {
    return 2;
  }
  const jobs::registry kinds = job_kinds(db, *m);
  jobs::scheduler sched(db, periodic_jobs());
  jobs::runner runner(db, kinds, {});
  boost::asio::io_context ioc(1);
  db.attach_thread(0, ioc.get_executor());
  redis.attach_thread(0, ioc.get_executor());
  int rc = 0;
  boost::asio::co_spawn(
      ioc, [&sched, &runner] { return run_jobs_until_empty(sched, runner); },
      [&rc, &ioc](std::exception_ptr e, std::size_t runs) {
        if (e) {
          rc = 1;
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            log::error("jobs run-once failed", log::fields().add("detail", ex.what()));
          }
        } else {
          log::info("jobs run-once done", log::fields().add("runs", runs));
        }
        ioc.stop();
      });
  ioc.run();
  redis.stop();
  redis_storage.reset();
  db_storage.reset();
  return rc;
}

int set_admin_role(const config& cfg, const std::string& email, bool grant) {
  log::init(cfg.log_level, /*async=*/false);
  const char* command = grant ? "ugoki admin grant" : "ugoki admin revoke";
  std::optional<pg::database> db_storage(std::in_place, database_settings(cfg), 1);
  std::optional<redis::client> redis_storage(std::in_place, redis::settings{cfg.redis_url}, 1);
  system_clock clock;
  const auto m = build_modules(cfg, *db_storage, *redis_storage, clock);
  if (!m) {
    return 2;
  }
  boost::asio::io_context ioc(1);
  db_storage->attach_thread(0, ioc.get_executor());
  redis_storage->attach_thread(0, ioc.get_executor());
  auto& auth = m->auth.svc();
  int rc = 0;
  boost::asio::co_spawn(
      ioc,
      [&auth, email, grant]() {
        return grant ? auth.grant_admin(email) : auth.revoke_admin(email);
      },
      [&](std::exception_ptr e, std::optional<auth::role_update> done) {
        if (e) {
          rc = 1;
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            std::fprintf(stderr, "%s: failed: %s\n", command, ex.what());
          }
        } else if (!done) {
          rc = 1;
          std::fprintf(stderr, "%s: no account with the email %s (or it is deleted)\n", command,
                       email.c_str());
        } else if (grant) {
          std::printf("%s: %s %s (user %s)\n", command, email.c_str(),
                      done->changed ? "is now an admin" : "was already an admin",
                      done->user_id.c_str());
        } else {
          std::printf("%s: %s %s (user %s); %lld sessions ended\n", command, email.c_str(),
                      done->changed ? "is no longer an admin (role free)"
                                    : "was not an admin (role unchanged)",
                      done->user_id.c_str(), static_cast<long long>(done->sessions_ended));
        }
        ioc.stop();
      });
  ioc.run();
  redis_storage->stop();
  redis_storage.reset();
  db_storage.reset();
  return rc;
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

int import_products(const config& cfg, const std::filesystem::path& file, std::size_t batch) {
  log::init(cfg.log_level, /*async=*/false);
  std::optional<pg::database> db_storage(std::in_place, database_settings(cfg), 1);
  pg::database& db = *db_storage;
  boost::asio::io_context ioc(1);
  db.attach_thread(0, ioc.get_executor());
  const auto started = std::chrono::steady_clock::now();
  auto rate = [started](std::size_t rows) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s > 0 ? static_cast<double>(rows) / s : 0.0;
  };
  auto progress = [&rate](const nutrition::import_stats& s) {
    std::fprintf(stderr,
                 "products import: %zu lines read, %zu upserted, %zu skipped (%.0f rows/s)\n",
                 s.read, s.written, s.skipped, rate(s.read));
  };
  int rc = 0;
  boost::asio::co_spawn(ioc, nutrition::import_products(db, file, batch, progress),
                        [&](std::exception_ptr e, nutrition::import_stats s) {
                          if (e) {
                            rc = 1;
                            try {
                              std::rethrow_exception(e);
                            } catch (const std::exception& ex) {
                              log::error("products import failed",
                                         log::fields().add("detail", ex.what()));
                            }
                          } else {
                            log::info("products imported", log::fields()
                                                               .add("read", s.read)
                                                               .add("upserted", s.written)
                                                               .add("skipped", s.skipped)
                                                               .add("rows_per_s", rate(s.read)));
                          }
                          ioc.stop();
                        });
  ioc.run();
  db_storage.reset();
  return rc;
}

}  // namespace ugoki::app
