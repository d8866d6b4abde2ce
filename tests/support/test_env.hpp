// What scripts/test tells the test executables about the services it started.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ugoki::testing {

// The value of an environment variable, or nullopt when unset or empty.
std::optional<std::string> env(const char* name);

// UGOKI_TEST_DATABASE_URL / UGOKI_TEST_REDIS_URL; tests needing them use UGOKI_SKIP_UNSET when
// absent.
std::optional<std::string> database_url();
std::optional<std::string> redis_url();

// True when CI=true: CI (`.ci/run`) starts every service, so a variable that a test needs and
// does not find means the test did not run, which must not pass as green.
bool in_ci();

// A name unique to this process and call, for tables, keys and channels a test creates.
std::string unique_name(const std::string& prefix);

}  // namespace ugoki::testing

// Ends the current test because the environment lacks `what` (the variables it needs): a skip on
// a developer's machine, a failure when CI=true. Use it in a test body or SetUp (it returns from
// the enclosing function, like GTEST_SKIP); a fixture deriving from one that may use it checks
// `IsSkipped() || HasFatalFailure()` after calling the base SetUp.
#define UGOKI_SKIP_UNSET(what)                                                   \
  do {                                                                           \
    if (::ugoki::testing::in_ci()) {                                             \
      GTEST_FAIL() << (what) << " not set, and CI=true: the test would not run"; \
    } else {                                                                     \
      GTEST_SKIP() << (what) << " not set";                                      \
    }                                                                            \
  } while (false)
