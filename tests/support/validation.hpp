// Test helper for request parsers: which fields a 400 VAL_001 names.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/http/api_error.hpp"

namespace ugoki::testing {

namespace detail {

inline std::vector<std::string> fields_of(const api_error& e) {
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace detail

// The fields named by the 400 VAL_001 that `parse()` returns as its refusal, sorted; empty when
// it succeeds. A refusal with another status or code fails the calling test. (Parsers not yet
// converted to results raise it instead; that is caught the same way until issue 11 is done.)
template <class F>
std::vector<std::string> bad_fields(F parse) {
  if constexpr (requires { parse().has_error(); }) {
    auto r = parse();
    if (r.has_error()) {
      return detail::fields_of(r.error());
    }
    return {};
  } else {
    try {
      parse();
    } catch (const http::api_exception& e) {
      return detail::fields_of(e.error);
    }
    return {};
  }
}

}  // namespace ugoki::testing
