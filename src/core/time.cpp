// Hand-written RFC 3339 parsing: std::chrono::parse is missing from GCC 12's libstdc++.
#include "core/time.hpp"

#include <charconv>
#include <cstdio>

namespace ugoki::time {

namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) {
    return false;
  }
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return r.ec == std::errc{};
}

}  // namespace

namespace {

// Writes `v` as exactly `width` decimal digits (v must fit).
char* put_digits(char* p, unsigned long v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

}  // namespace

// By hand, not snprintf: a history page formats about a hundred instants, and printf's format
// parsing was most of that time (bench/run workout_history).
std::string format_rfc3339(instant t, bool millis) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  hh_mm_ss hms{floor<milliseconds>(t - days)};
  const int year = int(ymd.year());
  if (year < 0 || year > 9999) {
    // Outside what RFC 3339 can spell (PostgreSQL's range allows it): printf's spelling.
    char wide[48];
    std::snprintf(wide, sizeof wide, "%d-%02u-%02uT%02ld:%02ld:%02ldZ", year, unsigned(ymd.month()),
                  unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                  long(hms.seconds().count()));
    return wide;
  }
  char buf[24];
  char* p = put_digits(buf, static_cast<unsigned long>(year), 4);
  *p++ = '-';
  p = put_digits(p, unsigned(ymd.month()), 2);
  *p++ = '-';
  p = put_digits(p, unsigned(ymd.day()), 2);
  *p++ = 'T';
  p = put_digits(p, static_cast<unsigned long>(hms.hours().count()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<unsigned long>(hms.minutes().count()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<unsigned long>(hms.seconds().count()), 2);
  if (millis) {
    *p++ = '.';
    p = put_digits(p, static_cast<unsigned long>(hms.subseconds().count()), 3);
  }
  *p++ = 'Z';
  return std::string(buf, p);
}

std::string format_rfc3339_micros(std::int64_t epoch_us) {
  // Floor division, so instants before 1970 get a positive fraction of the second before.
  std::int64_t secs = epoch_us / 1000000 - (epoch_us % 1000000 < 0 ? 1 : 0);
  std::string out = format_rfc3339(instant(std::chrono::seconds(secs)));
  char frac[8] = {'.'};
  put_digits(frac + 1, static_cast<unsigned long>(epoch_us - secs * 1000000), 6);
  out.insert(out.size() - 1, frac, 7);
  return out;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_int(s, 0, 4, y) ||
      !read_int(s, 5, 2, m) || !read_int(s, 8, 2, d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return ymd;
}

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::optional<instant> parse_rfc3339(std::string_view s) {
  using namespace std::chrono;
  if (s.size() < 20) {
    return std::nullopt;
  }
  auto date = parse_date(s.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!date || (s[10] != 'T' && s[10] != 't') || !read_int(s, 11, 2, hh) || s[13] != ':' ||
      !read_int(s, 14, 2, mm) || s[16] != ':' || !read_int(s, 17, 2, ss) || hh > 23 || mm > 59 ||
      ss > 59) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  microseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    long long value = 0;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) {
        value = value * 10 + (s[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (pos == start) {
      return std::nullopt;
    }
    while (digits < 6) {
      value *= 10;
      ++digits;
    }
    frac = microseconds{value};
  }
  if (pos >= s.size()) {
    return std::nullopt;
  }
  minutes offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!read_int(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = hours{oh} + minutes{om};
    if (s[pos] == '-') {
      offset = -offset;
    }
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) {
    return std::nullopt;
  }
  instant t = sys_days{*date} + hours{hh} + minutes{mm} + seconds{ss};
  return time_point_cast<system_clock::duration>(t + frac - offset);
}

}  // namespace ugoki::time
