// What scripts/test tells the test executables about the services it started.
#pragma once

#include <optional>
#include <string>

namespace ugoki::testing {

// The value of an environment variable, or nullopt when unset or empty.
std::optional<std::string> env(const char* name);

// UGOKI_TEST_DATABASE_URL / UGOKI_TEST_REDIS_URL; tests needing them GTEST_SKIP when absent.
std::optional<std::string> database_url();
std::optional<std::string> redis_url();

// A name unique to this process and call, for tables, keys and channels a test creates.
std::string unique_name(const std::string& prefix);

}  // namespace ugoki::testing
