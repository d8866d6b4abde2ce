// The header under test comes first: it must be self-contained.
#include "core/time.hpp"

#include <gtest/gtest.h>

namespace ugoki::time {
namespace {

using namespace std::chrono;

TEST(rfc3339, formats_utc_with_z) {
  instant t = sys_days{2026y / January / 31} + 7h + 5s + 123ms;
  EXPECT_EQ(format_rfc3339(t), "2026-01-31T07:00:05Z");
  EXPECT_EQ(format_rfc3339(t, true), "2026-01-31T07:00:05.123Z");
  // Every field at its widths' edges: leading zeros, the last millisecond of a leap day.
  const auto edge = sys_days{2024y / February / 29} + 23h + 59min + 59s + 999ms;
  EXPECT_EQ(format_rfc3339(edge, true), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(sys_days{2000y / January / 1} + 1s + 7ms, true),
            "2000-01-01T00:00:01.007Z");
  EXPECT_EQ(format_rfc3339(sys_days{1969y / December / 31} + 5h), "1969-12-31T05:00:00Z");
}

// Cursor positions: exact microseconds, also before 1970 (the fraction counts up from the
// second before).
TEST(rfc3339, formats_epoch_microseconds_exactly) {
  EXPECT_EQ(format_rfc3339_micros(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_rfc3339_micros(1'769'842'805'123'456), "2026-01-31T07:00:05.123456Z");
  EXPECT_EQ(format_rfc3339_micros(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_rfc3339_micros(-1'000'000), "1969-12-31T23:59:59.000000Z");
}

TEST(rfc3339, parses_offsets_and_fractions) {
  instant want = sys_days{2026y / January / 31} + 7h;
  EXPECT_EQ(parse_rfc3339("2026-01-31T07:00:00Z"), want);
  EXPECT_EQ(parse_rfc3339("2026-01-31T09:00:00+02:00"), want);
  EXPECT_EQ(parse_rfc3339("2026-01-30T23:30:00-07:30"), want);
  EXPECT_EQ(parse_rfc3339("2026-01-31t07:00:00.5z"), want + 500ms);
}

TEST(rfc3339, rejects_invalid) {
  for (auto s : {"", "2026-01-31", "2026-01-31T07:00:00", "2026-02-30T00:00:00Z",
                 "2026-01-31T24:00:00Z", "2026-01-31T07:00:00+2:00", "2026-01-31T07:00:00.Z",
                 "2026-01-31T07:00:00Zjunk", "2026-13-01T00:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(s)) << s;
  }
}

TEST(dates, parse_and_format) {
  EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-2-28"));
}

}  // namespace
}  // namespace ugoki::time
