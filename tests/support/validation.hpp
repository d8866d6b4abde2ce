// Test helper for request parsers: which fields a 400 VAL_001 names.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ugoki::testing {

// The fields named by the 400 VAL_001 that `parse()` returns as its refusal, sorted; empty when
// it succeeds. A refusal with another status or code fails the calling test.
template <class F>
std::vector<std::string> bad_fields(F parse) {
  auto r = parse();
  if (!r.has_error()) {
    return {};
  }
  const api_error e = r.error();  // result::error() returns a copy in Boost 1.81
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ugoki::testing
