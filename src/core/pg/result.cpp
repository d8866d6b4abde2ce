// Typed reads over libpq's text-format results.
#include "core/pg/result.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>

namespace ugoki::pg {

namespace {

// Integers use from_chars, which rejects trailing junk once we check `ptr`.
template <class I>
I parse_integer(std::string_view s, int col) {
  I value{};
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    throw error({}, "column " + std::to_string(col) + " does not hold an integer in range");
  }
  return value;
}

}  // namespace

int row::size() const {
  return PQnfields(res_);
}

bool row::is_null(int col) const {
  if (col < 0 || col >= PQnfields(res_)) {
    throw error({}, "no column " + std::to_string(col) + " in the result");
  }
  return PQgetisnull(res_, index_, col) != 0;
}

std::string_view row::text(int col) const {
  if (col < 0 || col >= PQnfields(res_)) {
    throw error({}, "no column " + std::to_string(col) + " in the result");
  }
  return std::string_view(PQgetvalue(res_, index_, col),
                          static_cast<std::size_t>(PQgetlength(res_, index_, col)));
}

int row::column(std::string_view name) const {
  // PQfnumber would case-fold and need a NUL-terminated copy; a linear scan over a handful of
  // columns is as fast and matches names exactly as the server sent them.
  const int n = PQnfields(res_);
  for (int i = 0; i < n; ++i) {
    if (name == PQfname(res_, i)) {
      return i;
    }
  }
  throw error({}, "no column named '" + std::string(name) + "' in the result");
}

void row::throw_null(int col) const {
  throw error({}, "column " + std::to_string(col) + " (" + PQfname(res_, col) +
                      ") is NULL; read it as std::optional");
}

int row::parse(std::string_view s, int*, int col) const {
  return parse_integer<int>(s, col);
}

long row::parse(std::string_view s, long*, int col) const {
  return parse_integer<long>(s, col);
}

long long row::parse(std::string_view s, long long*, int col) const {
  return parse_integer<long long>(s, col);
}

timestamp_us row::parse(std::string_view s, timestamp_us*, int col) const {
  auto fail = [&]() -> timestamp_us {
    throw error({}, "column " + std::to_string(col) + " does not hold a UTC timestamp");
  };
  auto digits = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') {
        fail();
      }
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  // YYYY-MM-DD HH:MM:SS[.ffffff]+00
  if (s.size() < 22 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
    return fail();
  }
  const std::chrono::year_month_day ymd{std::chrono::year{digits(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(digits(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(digits(8, 2))}};
  const int hour = digits(11, 2);
  const int minute = digits(14, 2);
  const int second = digits(17, 2);
  std::size_t at = 19;
  std::int64_t micros = 0;
  if (at < s.size() && s[at] == '.') {
    int n = 0;
    for (++at; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, ++n) {
      if (n < 6) {
        micros = micros * 10 + (s[at] - '0');
      }
    }
    for (; n < 6; ++n) {
      micros *= 10;
    }
  }
  if (s.substr(at) != "+00" || !ymd.ok() || hour > 23 || minute > 59 || second > 60) {
    return fail();
  }
  const std::int64_t days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return {(days * 86'400 + hour * 3'600 + minute * 60 + second) * 1'000'000 + micros};
}

double row::parse(std::string_view s, double*, int col) const {
  // PostgreSQL spells the specials "NaN", "Infinity" and "-Infinity"; from_chars knows them
  // case-insensitively ("inf", "infinity", "nan").
  double value{};
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    throw error({}, "column " + std::to_string(col) + " does not hold a number");
  }
  return value;
}

bool row::parse(std::string_view s, bool*, int col) const {
  if (s == "t") {
    return true;
  }
  if (s == "f") {
    return false;
  }
  throw error({}, "column " + std::to_string(col) + " does not hold a boolean");
}

result::result(::pg_result* res) : res_(res, [](::pg_result* r) { PQclear(r); }) {}

std::size_t result::size() const {
  return res_ ? static_cast<std::size_t>(PQntuples(res_.get())) : 0;
}

std::int64_t result::affected_rows() const {
  if (!res_) {
    return 0;
  }
  std::string_view tuples = PQcmdTuples(res_.get());
  std::int64_t n = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);
  return n;
}

std::string_view result::command_tag() const {
  return res_ ? PQcmdStatus(res_.get()) : "";
}

std::vector<std::string> split_aggregate(std::string_view joined) {
  std::vector<std::string> out;
  if (joined.empty()) {
    return out;
  }
  std::size_t pos = 0;
  while (true) {
    auto next = joined.find('\x1f', pos);
    out.emplace_back(joined.substr(pos, next - pos));
    if (next == std::string_view::npos) {
      break;
    }
    pos = next + 1;
  }
  return out;
}

}  // namespace ugoki::pg
