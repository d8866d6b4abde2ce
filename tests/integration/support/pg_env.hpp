// What PostgreSQL tests need from the environment: the server URL and names no other test uses.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

namespace ugoki::testing {

// UGOKI_TEST_DATABASE_URL, or nullopt when unset or empty (the test then uses UGOKI_SKIP_UNSET).
inline std::optional<std::string> pg_url() {
  const char* v = std::getenv("UGOKI_TEST_DATABASE_URL");
  if (v == nullptr || *v == '\0') {
    return std::nullopt;
  }
  return std::string(v);
}

// A lowercase SQL identifier unique to this process and call, so tests can run in parallel.
inline std::string pg_unique(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" +
         std::to_string(counter.fetch_add(1));
}

// `url` with search_path set to `schema`, in whichever of libpq's two syntaxes `url` uses.
inline std::string pg_url_with_schema(const std::string& url, const std::string& schema) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    const char sep = url.find('?') == std::string::npos ? '?' : '&';
    return url + sep + "options=-c%20search_path%3D" + schema;
  }
  return url + " options='-c search_path=" + schema + "'";
}

}  // namespace ugoki::testing
