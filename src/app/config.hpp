// The whole configuration, read from UGOKI_* environment variables and validated before we listen.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/http/server.hpp"
#include "core/ratelimit/bucket.hpp"

namespace ugoki::app {

struct config {
  std::string env = "development";  // development | test | production
  http::server_settings http;
  std::string log_level = "info";

  std::string database_url;
  std::size_t database_connections_per_thread = 4;
  std::chrono::milliseconds database_statement_timeout{5000};
  std::string redis_url;

  std::filesystem::path api_dir = "api";
  std::filesystem::path docs_assets_dir = "node_modules/swagger-ui-dist";
  std::filesystem::path admin_assets_dir = "web/admin";  // the admin console at /admin
  std::filesystem::path migrations_dir = "migrations";
  std::filesystem::path seeds_dir = "seeds";
  // Uploads (Apple Health exports) are spooled here and kept until their import job has run
  // (UGOKI_UPLOAD_DIR; default $UGOKI_VAR_DIR/uploads, else var/uploads). Created at start.
  std::filesystem::path upload_dir = "var/uploads";

  std::string cursor_secret;

  // AES-256-GCM keys for personal data at rest (UGOKI_PII_KEYS, "kid:base64key,..."; the first
  // encrypts, all decrypt). Dev and test fall back to a fixed, public dev key so data survives
  // restarts; production must set it.
  std::string pii_keys;
  std::chrono::seconds reference_cache_ttl{300};

  // Redis token buckets per API_CONVENTIONS.md "Rate limits" (UGOKI_RATE_LIMIT_*). `enabled`
  // defaults to false only when env == test, so end-to-end suites that fire hundreds of requests
  // from 127.0.0.1 need no opt-out; suites that test the limits turn it on.
  struct rate_limit_config {
    bool enabled = true;
    ratelimit::settings limits;
  } rate_limit;

  // Accounts and tokens (UGOKI_JWT_*, UGOKI_*_TOKEN_TTL_S, UGOKI_AUTH_*). With no JWT keys
  // configured, dev and test generate one key per process; production must name its keys.
  struct auth_config {
    struct key_file {
      std::string kid;
      std::filesystem::path path;  // PEM: private (can sign) or public (verify only)
    };
    std::vector<key_file> jwt_keys;
    std::string jwt_signing_kid;  // empty: the first private key
    std::string issuer = "ugoki";
    std::string audience = "ugoki-api";
    std::chrono::seconds access_ttl{900};
    std::chrono::seconds refresh_ttl{7 * 24 * 3600};
    std::filesystem::path common_passwords_file = "data/common-passwords.txt";
    std::size_t worker_threads = 1;   // Argon2id threads
    std::size_t worker_queue = 256;   // logins waiting beyond those; more get 503
    int worker_nice = 10;             // hashing yields the CPU to request handling
    bool redis_failure_open = false;  // UGOKI_AUTH_REDIS_FAILURE=open|closed
    std::chrono::milliseconds session_cache_ttl{10'000};  // 0: ask Redis on every request
    unsigned long long argon2_iterations = 2;             // OWASP minimum: t=2 with m=19 MiB
    std::size_t argon2_memory_kib = 19 * 1024;
    // Login throttling; off by default only when env == test (suites fire many bad logins).
    bool login_throttle = true;
    std::int64_t login_throttle_account_failures = 5;
    std::int64_t login_throttle_ip_failures = 50;
  } auth;

  // Outgoing mail (password reset links). UGOKI_SMTP_URL (smtp://host:port or smtps://...)
  // sends through that server; without it, dev and test write .eml files to UGOKI_MAIL_DIR
  // (default $UGOKI_VAR_DIR/mail) and production refuses to start.
  struct mail_config {
    std::string smtp_url;
    std::string smtp_user;
    std::string smtp_password;
    bool smtp_starttls = false;  // UGOKI_SMTP_STARTTLS; default true in production (smtp://)
    std::string from = "Ugoki <no-reply@ugoki.app>";
    std::filesystem::path dir = "var/mail";
    std::string app_url = "http://localhost:3000";  // UGOKI_APP_URL: base of links in mails
  } mail;

  // Open Food Facts for barcode misses (UGOKI_OFF_*): base URL, contact in the User-Agent,
  // the server-wide read rate and the timeout of one call.
  struct off_config {
    std::string base_url = "https://world.openfoodfacts.org";
    std::string contact = "contact@ugoki.app";
    std::int64_t reads_per_minute = 15;
    std::chrono::milliseconds timeout{3000};
  } off;

  // Billing (docs/billing.md). UGOKI_STRIPE_WEBHOOK_SECRETS: the endpoint's signing secrets,
  // comma-separated (two while one is rolled); none: every delivery is refused. The rest is for
  // the Stripe API calls (checkout, portal) and to name our prices.
  struct billing_config {
    std::vector<std::string> stripe_webhook_secrets;
    std::int64_t stripe_tolerance_s = 300;                   // UGOKI_STRIPE_WEBHOOK_TOLERANCE_S
    std::string stripe_secret_key;                           // UGOKI_STRIPE_SECRET_KEY (sk_...)
    std::string stripe_api_base = "https://api.stripe.com";  // UGOKI_STRIPE_API_BASE
    std::string stripe_price_monthly;                        // UGOKI_STRIPE_PRICE_MONTHLY
    std::string stripe_price_yearly;                         // UGOKI_STRIPE_PRICE_YEARLY
    // Where Stripe's pages send the user back; defaults under UGOKI_APP_URL.
    std::string success_url;  // UGOKI_BILLING_SUCCESS_URL
    std::string cancel_url;   // UGOKI_BILLING_CANCEL_URL
    std::string return_url;   // UGOKI_BILLING_RETURN_URL (from the customer portal)
  } billing;

  // Article images (POST /api/v1/admin/media; docs/admin.md, "Media"). Local disk under `dir`
  // (UGOKI_MEDIA_DIR; default $UGOKI_VAR_DIR/media, else var/media), served at /media/<name>,
  // unless the six UGOKI_MEDIA_S3_* are set: then presigned PUTs to that bucket.
  struct media_config {
    std::filesystem::path dir = "var/media";
    std::int64_t max_bytes = 5 * 1024 * 1024;  // UGOKI_MEDIA_MAX_BYTES
    std::string s3_endpoint;                   // http(s)://host[:port], path-style addressing
    std::string s3_bucket;
    std::string s3_region;
    std::string s3_access_key_id;
    std::string s3_secret_access_key;
    std::string s3_public_base_url;        // readers fetch <this>/<key>
    std::chrono::seconds s3_url_ttl{900};  // UGOKI_MEDIA_S3_URL_TTL_S
    bool s3() const { return !s3_endpoint.empty(); }
  } media;

  bool is_production() const { return env == "production"; }
};

// Every problem found, one human-readable line each ("UGOKI_HTTP_PORT: must be 0-65535").
struct config_error : std::runtime_error {
  explicit config_error(std::vector<std::string> problems);
  std::vector<std::string> problems;
};

using env_lookup = std::function<const char*(const char* name)>;

// Reads and validates the configuration. `lookup` is getenv in production and a map in tests.
// Throws config_error listing every problem at once.
config load_config(const env_lookup& lookup);

// Loads KEY=value lines from `path` into the process environment without overriding variables
// that are already set. A missing file is not an error. Throws config_error on a malformed line.
void load_dotenv(const std::filesystem::path& path);

}  // namespace ugoki::app
