// The whole configuration, read from UGOKI_* environment variables and validated before we listen.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/http/server.hpp"

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
  std::filesystem::path migrations_dir = "migrations";
  std::filesystem::path seeds_dir = "seeds";

  std::string cursor_secret;
  std::chrono::seconds reference_cache_ttl{300};

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
