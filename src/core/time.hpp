// RFC 3339 instants and calendar dates, as the API writes and reads them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugoki::time {

using instant = std::chrono::system_clock::time_point;

// "2026-01-31T07:00:00Z" (whole seconds) or with `millis` "2026-01-31T07:00:00.123Z". Always UTC.
std::string format_rfc3339(instant t, bool millis = false);
// An instant in whole microseconds since the epoch, exactly: "2026-01-31T07:00:00.123456Z" (the
// keyset position of a cursor, passed to PostgreSQL as a timestamptz parameter).
std::string format_rfc3339_micros(std::int64_t epoch_us);

// Accepts any RFC 3339 offset ("Z", "+02:00", "-07:30"), optional fraction (kept to microseconds),
// 'T' or 't' separator. nullopt for anything else, including impossible dates (2026-02-30).
std::optional<instant> parse_rfc3339(std::string_view text);

// "YYYY-MM-DD" -> a valid calendar date, else nullopt.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string format_date(std::chrono::year_month_day d);

}  // namespace ugoki::time
