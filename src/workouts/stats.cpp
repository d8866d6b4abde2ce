// Stats buckets by calendar arithmetic (stats.hpp).
#include "workouts/stats.hpp"

namespace ugoki::workouts {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::int64_t month_index(sys_days d) {
  std::chrono::year_month_day ymd(d);
  return static_cast<int>(ymd.year()) * 12LL + static_cast<unsigned>(ymd.month()) - 1;
}

sys_days next_bucket(sys_days start, stats_bucket b) {
  switch (b) {
    case stats_bucket::day:
      return start + days(1);
    case stats_bucket::week:
      return start + days(7);
    case stats_bucket::month:
      break;
  }
  std::chrono::year_month_day ymd(start);
  return sys_days(ymd + std::chrono::months(1));
}

}  // namespace

sys_days bucket_start(sys_days d, stats_bucket b) {
  switch (b) {
    case stats_bucket::day:
      return d;
    case stats_bucket::week: {
      // weekday::iso_encoding: Monday 1 .. Sunday 7.
      const unsigned iso = std::chrono::weekday(d).iso_encoding();
      return d - days(iso - 1);
    }
    case stats_bucket::month:
      break;
  }
  std::chrono::year_month_day ymd(d);
  return sys_days(ymd.year() / ymd.month() / 1);
}

std::int64_t bucket_count(sys_days from, sys_days to, stats_bucket b) {
  const sys_days first = bucket_start(from, b);
  const sys_days last = bucket_start(to, b);
  switch (b) {
    case stats_bucket::day:
      return (last - first).count() + 1;
    case stats_bucket::week:
      return (last - first).count() / 7 + 1;
    case stats_bucket::month:
      break;
  }
  return month_index(last) - month_index(first) + 1;
}

std::vector<stats_row> build_stats(sys_days from, sys_days to, stats_bucket b,
                                   std::span<const stats_session> sessions,
                                   std::span<const stats_volume> volumes) {
  std::vector<stats_row> rows;
  std::map<sys_days, std::size_t> index;
  for (sys_days s = bucket_start(from, b); s <= to; s = next_bucket(s, b)) {
    index[s] = rows.size();
    rows.push_back({.start = s});
  }
  auto row_of = [&](sys_days d) -> stats_row* {
    if (d < from || d > to) {
      return nullptr;
    }
    return &rows[index.at(bucket_start(d, b))];
  };
  for (const auto& s : sessions) {
    if (stats_row* r = row_of(s.local_date)) {
      ++r->sessions;
      r->active_seconds += s.active_seconds;
      r->kcal += s.kcal;
    }
  }
  for (const auto& v : volumes) {
    if (stats_row* r = row_of(v.local_date)) {
      r->volume_kg[v.muscle_group] += v.volume_kg;
    }
  }
  return rows;
}

}  // namespace ugoki::workouts
