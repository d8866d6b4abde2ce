// Test environment lookups shared by every test executable.
#include "support/test_env.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace ugoki::testing {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<std::string> database_url() {
  return env("UGOKI_TEST_DATABASE_URL");
}
std::optional<std::string> redis_url() {
  return env("UGOKI_TEST_REDIS_URL");
}

bool in_ci() {
  return env("CI") == "true";
}

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
}

}  // namespace ugoki::testing
