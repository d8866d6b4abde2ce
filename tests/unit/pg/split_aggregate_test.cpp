// The header under test comes first: it must be self-contained.
#include "core/pg/result.hpp"

#include <gtest/gtest.h>

namespace ugoki::pg {
namespace {

using list = std::vector<std::string>;

TEST(split_aggregate, splits_on_the_unit_separator_and_keeps_empty_values) {
  EXPECT_EQ(split_aggregate(""), list{});
  EXPECT_EQ(split_aggregate("core"), list{"core"});
  EXPECT_EQ(split_aggregate("core\x1fglutes"), (list{"core", "glutes"}));
  EXPECT_EQ(split_aggregate("a\x1f\x1f"
                            "b"),
            (list{"a", "", "b"}));
}

}  // namespace
}  // namespace ugoki::pg
