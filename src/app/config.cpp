// Configuration parsing and validation: fail fast at start-up with every problem listed.
#include "app/config.hpp"

#include <sodium.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "admin/media_service.hpp"
#include "core/base64.hpp"
#include "core/crypto/pii_cipher.hpp"
#include "core/http/client_ip.hpp"
#include "core/redis/settings.hpp"

namespace ugoki::app {

config_error::config_error(std::vector<std::string> p)
    : std::runtime_error("invalid configuration"), problems(std::move(p)) {}

namespace {

class reader {
 public:
  explicit reader(const env_lookup& lookup) : lookup_(lookup) {}

  std::string text(const char* name, std::string fallback) {
    const char* v = lookup_(name);
    return (v != nullptr && *v != '\0') ? std::string(v) : std::move(fallback);
  }

  bool present(const char* name) {
    const char* v = lookup_(name);
    return v != nullptr && *v != '\0';
  }

  std::int64_t integer(const char* name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) {
    const char* v = lookup_(name);
    if (v == nullptr || *v == '\0') {
      return fallback;
    }
    std::string_view s(v);
    std::int64_t out = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || out < min || out > max) {
      problem(std::string(name) + ": must be an integer from " + std::to_string(min) + " to " +
              std::to_string(max) + " (got \"" + std::string(s) + "\")");
      return fallback;
    }
    return out;
  }

  bool boolean(const char* name, bool fallback) {
    std::string v = text(name, "");
    if (v.empty()) {
      return fallback;
    }
    if (v == "true" || v == "1" || v == "yes") {
      return true;
    }
    if (v == "false" || v == "0" || v == "no") {
      return false;
    }
    problem(std::string(name) + ": must be true or false (got \"" + v + "\")");
    return fallback;
  }

  void problem(std::string p) { problems_.push_back(std::move(p)); }
  std::vector<std::string>& problems() { return problems_; }

 private:
  const env_lookup& lookup_;
  std::vector<std::string> problems_;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    auto comma = s.find(',', pos);
    if (comma == std::string::npos) {
      comma = s.size();
    }
    std::string item = s.substr(pos, comma - pos);
    auto first = item.find_first_not_of(" \t");
    auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) {
      out.push_back(item.substr(first, last - first + 1));
    }
    pos = comma + 1;
  }
  return out;
}

std::string random_secret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return base64::encode_url({reinterpret_cast<const char*>(bytes), sizeof bytes});
}

// UGOKI_SMTP_*, UGOKI_MAIL_*, UGOKI_APP_URL.
void read_mail(reader& r, config& c) {
  auto& m = c.mail;
  m.smtp_url = r.text("UGOKI_SMTP_URL", "");
  m.smtp_user = r.text("UGOKI_SMTP_USER", "");
  m.smtp_password = r.text("UGOKI_SMTP_PASSWORD", "");
  m.smtp_starttls = r.boolean("UGOKI_SMTP_STARTTLS", c.is_production());
  m.from = r.text("UGOKI_MAIL_FROM", m.from);
  m.dir = r.text("UGOKI_MAIL_DIR", r.text("UGOKI_VAR_DIR", "var") + "/mail");
  m.app_url = r.text("UGOKI_APP_URL", c.is_production() ? "" : m.app_url);
  if (m.smtp_url.empty()) {
    if (c.is_production()) {
      r.problem("UGOKI_SMTP_URL: required in production (smtp://host:587 or smtps://host:465)");
    }
  } else if (!m.smtp_url.starts_with("smtp://") && !m.smtp_url.starts_with("smtps://")) {
    r.problem("UGOKI_SMTP_URL: must start with smtp:// or smtps://");
  }
  if (m.from.find_first_of("\r\n") != std::string::npos || m.from.find('@') == std::string::npos) {
    r.problem("UGOKI_MAIL_FROM: must be an address, optionally with a name (Name <a@b.c>)");
  }
  while (m.app_url.ends_with('/')) {
    m.app_url.pop_back();
  }
  if (m.app_url.empty()) {
    r.problem("UGOKI_APP_URL: required in production (the app's https:// origin, for links)");
  } else if (!m.app_url.starts_with("https://") && !m.app_url.starts_with("http://")) {
    r.problem("UGOKI_APP_URL: must be an http(s):// URL");
  }
}

// UGOKI_MEDIA_*: local storage, or all six S3 settings (a partial set is a mistake, not a
// fallback to local disk).
void read_media(reader& r, config& c) {
  auto& m = c.media;
  m.dir = r.text("UGOKI_MEDIA_DIR", r.text("UGOKI_VAR_DIR", "var") + "/media");
  m.max_bytes = r.integer("UGOKI_MEDIA_MAX_BYTES", m.max_bytes, 1024, 100 * 1024 * 1024);
  m.s3_url_ttl = std::chrono::seconds(r.integer("UGOKI_MEDIA_S3_URL_TTL_S", 900, 60, 604'800));
  const std::pair<const char*, std::string*> s3[] = {
      {"UGOKI_MEDIA_S3_ENDPOINT", &m.s3_endpoint},
      {"UGOKI_MEDIA_S3_BUCKET", &m.s3_bucket},
      {"UGOKI_MEDIA_S3_REGION", &m.s3_region},
      {"UGOKI_MEDIA_S3_ACCESS_KEY_ID", &m.s3_access_key_id},
      {"UGOKI_MEDIA_S3_SECRET_ACCESS_KEY", &m.s3_secret_access_key},
      {"UGOKI_MEDIA_S3_PUBLIC_BASE_URL", &m.s3_public_base_url}};
  std::vector<std::string> missing;
  for (const auto& [name, value] : s3) {
    *value = r.text(name, "");
    if (value->empty()) {
      missing.emplace_back(name);
    }
  }
  if (missing.size() == std::size(s3)) {
    return;  // local storage
  }
  for (const auto& name : missing) {
    r.problem(name + ": required when any UGOKI_MEDIA_S3_* is set (S3 media storage)");
  }
  if (!m.s3_endpoint.empty() && !admin::endpoint_host(m.s3_endpoint)) {
    r.problem("UGOKI_MEDIA_S3_ENDPOINT: must be http(s)://host[:port] without a path");
  }
  if (!m.s3_bucket.empty() && m.s3_bucket.find_first_not_of(
                                  "abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string::npos) {
    r.problem("UGOKI_MEDIA_S3_BUCKET: must be a bucket name (lowercase letters, digits, . and -)");
  }
  if (!m.s3_public_base_url.empty() && !m.s3_public_base_url.starts_with("https://") &&
      !m.s3_public_base_url.starts_with("http://")) {
    r.problem("UGOKI_MEDIA_S3_PUBLIC_BASE_URL: must be an http(s):// URL");
  }
  if (!missing.empty()) {
    m.s3_endpoint.clear();
  }
}

// UGOKI_RATE_LIMIT_* and UGOKI_TRUSTED_PROXIES (who may set X-Forwarded-For).
void read_rate_limit(reader& r, config& c) {
  auto& rl = c.rate_limit;
  rl.enabled = r.boolean("UGOKI_RATE_LIMIT_ENABLED", c.env != "test");
  auto& l = rl.limits;
  l.anonymous = r.integer("UGOKI_RATE_LIMIT_ANONYMOUS", l.anonymous, 1, 1'000'000);
  l.free = r.integer("UGOKI_RATE_LIMIT_FREE", l.free, 1, 1'000'000);
  l.premium = r.integer("UGOKI_RATE_LIMIT_PREMIUM", l.premium, 1, 1'000'000);
  l.burst_ceiling = r.integer("UGOKI_RATE_LIMIT_BURST_CEILING", l.burst_ceiling, 1, 1'000'000);
  l.window = std::chrono::seconds(r.integer("UGOKI_RATE_LIMIT_WINDOW_S", 60, 1, 3600));
  // Deployments sharing one Redis (staging beside production, test runs) keep apart by prefix.
  l.key_prefix = r.text("UGOKI_RATE_LIMIT_KEY_PREFIX", l.key_prefix);
  // Open by default: the limiter guards the API against abuse, and a Redis outage should not
  // become an outage of every route that does not need Redis. `closed` is for deployments that
  // would rather refuse traffic than serve it unmetered.
  std::string mode = r.text("UGOKI_RATE_LIMIT_REDIS_FAILURE", "open");
  if (mode == "open") {
    l.on_failure = ratelimit::failure_mode::open;
  } else if (mode == "closed") {
    l.on_failure = ratelimit::failure_mode::closed;
  } else {
    r.problem("UGOKI_RATE_LIMIT_REDIS_FAILURE: must be open or closed (got \"" + mode + "\")");
  }
  try {
    ratelimit::validate(l);
  } catch (const std::invalid_argument& e) {
    r.problem(std::string("UGOKI_RATE_LIMIT_*: ") + e.what());
  }
  c.http.trusted_proxies = split_list(r.text("UGOKI_TRUSTED_PROXIES", ""));
  try {
    http::client_ip_resolver check(c.http.trusted_proxies);
  } catch (const std::invalid_argument& e) {
    r.problem(std::string("UGOKI_TRUSTED_PROXIES: ") + e.what());
  }
}

// UGOKI_JWT_*, token lifetimes, the common-password list and the Argon2id worker pool.
void read_auth(reader& r, config& c) {
  auto& a = c.auth;
  for (const auto& item : split_list(r.text("UGOKI_JWT_KEYS", ""))) {
    auto colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) {
      r.problem("UGOKI_JWT_KEYS: \"" + item + "\" must be kid:/path/to/key.pem");
      continue;
    }
    config::auth_config::key_file k{item.substr(0, colon), item.substr(colon + 1)};
    if (!std::ifstream(k.path)) {
      r.problem("UGOKI_JWT_KEYS: cannot read " + k.path.string() + " (key " + k.kid + ")");
    }
    a.jwt_keys.push_back(std::move(k));
  }
  if (a.jwt_keys.empty() && c.is_production()) {
    r.problem(
        "UGOKI_JWT_KEYS: required in production (kid:/path/private.pem[,kid2:/path/"
        "old-public.pem]; an RSA key of 2048+ bits, the same on every instance)");
  }
  a.jwt_signing_kid = r.text("UGOKI_JWT_SIGNING_KID", "");
  a.issuer = r.text("UGOKI_JWT_ISSUER", a.issuer);
  a.audience = r.text("UGOKI_JWT_AUDIENCE", a.audience);
  a.access_ttl = std::chrono::seconds(r.integer("UGOKI_ACCESS_TOKEN_TTL_S", 900, 60, 3600));
  a.refresh_ttl =
      std::chrono::seconds(r.integer("UGOKI_REFRESH_TOKEN_TTL_S", 604'800, 3600, 7'776'000));
  a.common_passwords_file = r.text("UGOKI_COMMON_PASSWORDS_FILE", a.common_passwords_file.string());
  // Read (and checked) by serve at start, not here: migrate and seed do not need it.
  auto cores = std::max(1u, std::thread::hardware_concurrency());
  auto workers = r.integer("UGOKI_AUTH_WORKER_THREADS", 0, 0, 256);
  a.worker_threads = workers == 0 ? cores : static_cast<std::size_t>(workers);
  a.worker_queue = static_cast<std::size_t>(r.integer("UGOKI_AUTH_WORKER_QUEUE", 256, 1, 100'000));
  a.worker_nice = static_cast<int>(r.integer("UGOKI_AUTH_WORKER_NICE", 10, 0, 19));
  std::string mode = r.text("UGOKI_AUTH_REDIS_FAILURE", "closed");
  if (mode != "open" && mode != "closed") {
    r.problem("UGOKI_AUTH_REDIS_FAILURE: must be closed or open (got \"" + mode + "\")");
  }
  a.redis_failure_open = mode == "open";
  a.session_cache_ttl =
      std::chrono::milliseconds(r.integer("UGOKI_AUTH_SESSION_CACHE_MS", 10'000, 0, 60'000));
  a.argon2_iterations =
      static_cast<unsigned long long>(r.integer("UGOKI_ARGON2_ITERATIONS", 2, 1, 10));
  a.argon2_memory_kib =
      static_cast<std::size_t>(r.integer("UGOKI_ARGON2_MEMORY_KIB", 19 * 1024, 1024, 1024 * 1024));
  if (c.is_production() && (a.argon2_iterations < 2 || a.argon2_memory_kib < 19 * 1024)) {
    r.problem("UGOKI_ARGON2_*: production needs at least OWASP's m=19456 KiB, t=2");
  }
  a.login_throttle = r.boolean("UGOKI_LOGIN_THROTTLE", c.env != "test");
  a.login_throttle_account_failures =
      r.integer("UGOKI_LOGIN_THROTTLE_ACCOUNT_FAILURES", 5, 1, 1000);
  a.login_throttle_ip_failures = r.integer("UGOKI_LOGIN_THROTTLE_IP_FAILURES", 50, 1, 100'000);
}

}  // namespace

config load_config(const env_lookup& lookup) {
  reader r(lookup);
  config c;
  c.env = r.text("UGOKI_ENV", "development");
  if (c.env != "development" && c.env != "test" && c.env != "production") {
    r.problem("UGOKI_ENV: must be development, test or production (got \"" + c.env + "\")");
  }
  c.http.host = r.text("UGOKI_HTTP_HOST", c.is_production() ? "0.0.0.0" : "127.0.0.1");
  c.http.port = static_cast<std::uint16_t>(r.integer("UGOKI_HTTP_PORT", 8080, 0, 65535));
  auto cores = std::max(1u, std::thread::hardware_concurrency());
  // 0 (or unset) means one I/O thread per hardware thread.
  auto threads = r.integer("UGOKI_THREADS", 0, 0, 256);
  c.http.threads = threads == 0 ? cores : static_cast<std::size_t>(threads);
  c.http.header_timeout =
      std::chrono::milliseconds(r.integer("UGOKI_HEADER_TIMEOUT_MS", 10'000, 100, 600'000));
  c.http.body_timeout =
      std::chrono::milliseconds(r.integer("UGOKI_BODY_TIMEOUT_MS", 30'000, 100, 3'600'000));
  c.http.idle_timeout =
      std::chrono::milliseconds(r.integer("UGOKI_IDLE_TIMEOUT_MS", 60'000, 100, 3'600'000));
  c.http.shutdown_grace =
      std::chrono::milliseconds(r.integer("UGOKI_SHUTDOWN_GRACE_MS", 30'000, 0, 600'000));
  c.http.cors_origins = split_list(r.text("UGOKI_CORS_ORIGINS", ""));
  for (const auto& o : c.http.cors_origins) {
    if (o == "*" || (o.rfind("https://", 0) != 0 && o.rfind("http://", 0) != 0)) {
      r.problem("UGOKI_CORS_ORIGINS: \"" + o +
                "\" is not an origin (use exact origins such as https://app.ugoki.com; * is "
                "not allowed with credentials)");
    }
  }
  c.http.hsts = r.boolean("UGOKI_HSTS", c.is_production());
  c.http.access_log = r.boolean("UGOKI_ACCESS_LOG", true);

  c.log_level = r.text("UGOKI_LOG_LEVEL", "info");
  if (c.log_level != "trace" && c.log_level != "debug" && c.log_level != "info" &&
      c.log_level != "warn" && c.log_level != "error" && c.log_level != "critical" &&
      c.log_level != "off") {
    r.problem("UGOKI_LOG_LEVEL: must be trace, debug, info, warn, error, critical or off");
  }

  c.database_url = r.text("UGOKI_DATABASE_URL", "");
  if (c.database_url.empty()) {
    r.problem("UGOKI_DATABASE_URL: required (a libpq URL, e.g. postgresql://user@host/ugoki)");
  } else if (c.database_url.rfind("postgresql://", 0) != 0 &&
             c.database_url.rfind("postgres://", 0) != 0) {
    r.problem("UGOKI_DATABASE_URL: must start with postgresql:// or postgres://");
  }
  c.database_connections_per_thread =
      static_cast<std::size_t>(r.integer("UGOKI_DATABASE_POOL_SIZE", 4, 1, 64));
  c.database_statement_timeout = std::chrono::milliseconds(
      r.integer("UGOKI_DATABASE_STATEMENT_TIMEOUT_MS", 5000, 10, 600'000));

  c.redis_url = r.text("UGOKI_REDIS_URL", "");
  if (c.redis_url.empty()) {
    r.problem("UGOKI_REDIS_URL: required (redis://host:port or rediss://host:port)");
  } else {
    try {
      redis::parse_url(c.redis_url);
    } catch (const std::invalid_argument& e) {
      r.problem(std::string("UGOKI_REDIS_URL: ") + e.what());
    }
  }

  c.api_dir = r.text("UGOKI_API_DIR", "api");
  c.docs_assets_dir = r.text("UGOKI_DOCS_ASSETS_DIR", "node_modules/swagger-ui-dist");
  c.admin_assets_dir = r.text("UGOKI_ADMIN_ASSETS_DIR", "web/admin");
  c.migrations_dir = r.text("UGOKI_MIGRATIONS_DIR", "migrations");
  c.seeds_dir = r.text("UGOKI_SEEDS_DIR", "seeds");
  c.upload_dir = r.text("UGOKI_UPLOAD_DIR", r.text("UGOKI_VAR_DIR", "var") + "/uploads");
  read_mail(r, c);
  read_media(r, c);
  c.reference_cache_ttl =
      std::chrono::seconds(r.integer("UGOKI_REFERENCE_CACHE_TTL_S", 300, 0, 86'400));

  c.off.base_url = r.text("UGOKI_OFF_BASE_URL", c.off.base_url);
  if (c.off.base_url.rfind("https://", 0) != 0 && c.off.base_url.rfind("http://", 0) != 0) {
    r.problem("UGOKI_OFF_BASE_URL: must be an http(s):// URL");
  }
  c.off.contact = r.text("UGOKI_OFF_CONTACT", c.off.contact);
  c.off.reads_per_minute = r.integer("UGOKI_OFF_READS_PER_MINUTE", 15, 1, 10'000);
  c.off.timeout = std::chrono::milliseconds(r.integer("UGOKI_OFF_TIMEOUT_MS", 3000, 100, 60'000));

  c.billing.stripe_webhook_secrets = split_list(r.text("UGOKI_STRIPE_WEBHOOK_SECRETS", ""));
  for (const auto& secret : c.billing.stripe_webhook_secrets) {
    if (secret.size() < 16) {
      r.problem("UGOKI_STRIPE_WEBHOOK_SECRETS: each secret must be at least 16 characters");
    }
  }
  c.billing.stripe_tolerance_s = r.integer("UGOKI_STRIPE_WEBHOOK_TOLERANCE_S", 300, 1, 3600);
  c.billing.stripe_secret_key = r.text("UGOKI_STRIPE_SECRET_KEY", "");
  c.billing.stripe_api_base = r.text("UGOKI_STRIPE_API_BASE", c.billing.stripe_api_base);
  if (c.billing.stripe_api_base.rfind("https://", 0) != 0 &&
      c.billing.stripe_api_base.rfind("http://", 0) != 0) {
    r.problem("UGOKI_STRIPE_API_BASE: must be an http(s):// URL");
  }
  c.billing.stripe_price_monthly = r.text("UGOKI_STRIPE_PRICE_MONTHLY", "");
  c.billing.stripe_price_yearly = r.text("UGOKI_STRIPE_PRICE_YEARLY", "");
  // read_mail() has set app_url. {CHECKOUT_SESSION_ID} is Stripe's own placeholder.
  c.billing.success_url =
      r.text("UGOKI_BILLING_SUCCESS_URL",
             c.mail.app_url + "/billing/success?session_id={CHECKOUT_SESSION_ID}");
  c.billing.cancel_url = r.text("UGOKI_BILLING_CANCEL_URL", c.mail.app_url + "/billing/cancelled");
  c.billing.return_url = r.text("UGOKI_BILLING_RETURN_URL", c.mail.app_url + "/settings/billing");

  c.cursor_secret = r.text("UGOKI_CURSOR_SECRET", "");
  if (c.cursor_secret.empty()) {
    if (c.is_production()) {
      r.problem(
          "UGOKI_CURSOR_SECRET: required in production (32+ random characters, the same "
          "on every instance)");
    } else {
      c.cursor_secret = random_secret();  // dev/test: per-process is fine
    }
  } else if (c.cursor_secret.size() < 32) {
    r.problem("UGOKI_CURSOR_SECRET: must be at least 32 characters");
  }

  // PII keys: validated here so a bad key stops the start with a clear line. The dev key is
  // public (in this file): fine for dev and test data, refused in production.
  c.pii_keys = r.text("UGOKI_PII_KEYS", "");
  if (c.pii_keys.empty()) {
    if (c.is_production()) {
      r.problem(
          "UGOKI_PII_KEYS: required in production (kid:base64key[,kid:base64key...], "
          "32-byte keys; generate one with `openssl rand -base64 32`)");
    } else {
      c.pii_keys = "dev:dWdva2ktZGV2ZWxvcG1lbnQtb25seS1waWkta2V5ISE=";
    }
  } else {
    try {
      crypto::pii_cipher::from_config(c.pii_keys);
    } catch (const std::invalid_argument& e) {
      r.problem(std::string("UGOKI_PII_KEYS: ") + e.what());
    }
  }

  read_rate_limit(r, c);

  read_auth(r, c);

  if (!r.problems().empty()) {
    throw config_error(std::move(r.problems()));
  }
  return c;
}

void load_dotenv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return;
  }
  std::vector<std::string> problems;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') {
      continue;
    }
    if (line.rfind("export ", first) == first) {
      first += 7;
    }
    auto eq = line.find('=', first);
    if (eq == std::string::npos) {
      problems.push_back(path.string() + ":" + std::to_string(number) + ": expected KEY=value");
      continue;
    }
    std::string key = line.substr(first, eq - first);
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    setenv(key.c_str(), value.c_str(), 0);
  }
  if (!problems.empty()) {
    throw config_error(std::move(problems));
  }
}

}  // namespace ugoki::app
