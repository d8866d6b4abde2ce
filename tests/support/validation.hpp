// Test helper for request parsers: which fields a 400 VAL_001 names.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/http/api_error.hpp"

namespace ugoki::testing {

// The fields named by the 400 VAL_001 that `parse()` raises, sorted; empty when it does not
// raise. A raise with another status or code fails the calling test.
template <class F>
std::vector<std::string> bad_fields(F parse) {
  try {
    parse();
  } catch (const http::api_exception& e) {
    EXPECT_EQ(e.error.status, 400);
    EXPECT_EQ(e.error.code, "VAL_001");
    std::vector<std::string> out;
    for (const auto& d : e.error.details) {
      out.push_back(d.field);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  return {};
}

}  // namespace ugoki::testing
