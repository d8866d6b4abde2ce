// Rollups against raw points on a real PostgreSQL: every bucket size compared with a direct SQL
// computation over the raw table, across DST changes in Berlin and in :30/:45 zones (India,
// Nepal, Adelaide, Newfoundland, Lord Howe's half-hour DST), under historical offsets that are
// no multiple of 15 minutes; zone changes; and rollups staying exact under concurrent ingest and
// deletes.
// The header under test comes first: it must be self-contained.
#include "analytics/store.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "analytics/progress_store.hpp"
#include "core/pg/database.hpp"
#include "integration/analytics/analytics_fixture.hpp"

namespace ugoki::analytics {
namespace {

using namespace std::chrono;
using testing::analytics_test;

const time::instant start = sys_days{2026y / March / 20};

std::int64_t us(time::instant t) {
  return duration_cast<microseconds>(t.time_since_epoch()).count();
}

time::instant at(sys_days d, int h, int m = 0) {
  return d + hours(h) + minutes(m);
}

class rollups_test : public analytics_test {
 protected:
  // `weeks` of heart rate every 7 minutes and steps every 13 from `from`, in 1000-point batches.
  void load_weeks(const std::string& user, time::instant from = start, int weeks = 3) {
    std::vector<metric_point> batch;
    auto flush = [&] {
      run(progress_store::insert_points(*db_, user, std::move(batch)));
      batch.clear();
    };
    for (int i = 0; i * 7 < weeks * 7 * 24 * 60; ++i) {
      batch.push_back(point("heart_rate_bpm", from + minutes(i * 7), 50 + (i * 37) % 100));
      if (i % 2 == 0) {
        batch.push_back(point("steps", from + minutes(i * 13), (i * 53) % 400));
      }
      if (batch.size() >= 1000) {
        flush();
      }
    }
    flush();
  }

  // The same buckets straight from raw points (see docs/metrics.md for the bounds). An hour is
  // a local clock hour: date_trunc in the zone keeps each point's own UTC offset, so the two
  // 02:00 hours of a night that falls back are two buckets.
  std::vector<bucket> raw_buckets(const std::string& user, const std::string& type,
                                  bucket_size size, time::instant from, time::instant to) {
    static constexpr pg::statement hour_sql{"", R"(
WITH z AS (SELECT timezone AS name FROM user_profiles WHERE user_id = $1::uuid)
SELECT (extract(epoch from b) * 1000000)::int8, count(*), sum(value), min(value), max(value)
  FROM (SELECT date_trunc('hour', time, z.name) AS b, value FROM progress_metrics, z
         WHERE user_id = $1::uuid AND metric_type = $2) x, z
 WHERE b >= date_trunc('hour', timestamptz 'epoch' + $3::int8 * interval '1 microsecond', z.name)
   AND b < timestamptz 'epoch' + $4::int8 * interval '1 microsecond'
 GROUP BY b ORDER BY b)"};
    static constexpr pg::statement local_sql{"", R"(
WITH z AS (SELECT timezone AS name FROM user_profiles WHERE user_id = $1::uuid),
f AS (SELECT (timestamptz 'epoch' + $3::int8 * interval '1 microsecond') AS lo,
             (timestamptz 'epoch' + $4::int8 * interval '1 microsecond') AS hi)
SELECT (extract(epoch from date_trunc($5, p.time AT TIME ZONE z.name) AT TIME ZONE z.name)
        * 1000000)::int8 AS b, count(*), sum(value), min(value), max(value)
  FROM progress_metrics p, z, f
 WHERE p.user_id = $1::uuid AND p.metric_type = $2
   AND (p.time AT TIME ZONE z.name)::date >= date_trunc($5, f.lo AT TIME ZONE z.name)::date
   AND ((p.time AT TIME ZONE z.name)::date)::timestamp AT TIME ZONE z.name < f.hi
 GROUP BY b ORDER BY b)"};
    pg::params args{user, type, us(from), us(to)};
    const pg::statement* stmt = &hour_sql;
    if (size != bucket_size::hour) {
      stmt = &local_sql;
      args.add(size == bucket_size::day ? "day" : size == bucket_size::week ? "week" : "month");
    }
    pg::result r = run(db_->query(*stmt, args));
    std::vector<bucket> out;
    for (pg::row row : r) {
      bucket b;
      b.start = time::instant(microseconds(row.get<std::int64_t>(0)));
      b.count = row.get<std::int64_t>(1);
      b.sum = row.get<double>(2);
      b.min = row.get<double>(3);
      b.max = row.get<double>(4);
      out.push_back(b);
    }
    return out;
  }

  void expect_same_as_raw(const std::string& user, const std::string& type, bucket_size size,
                          time::instant from, time::instant to) {
    series s = run(store::read_series(*db_, user, type, size, from, to));
    std::vector<bucket> raw = raw_buckets(user, type, size, from, to);
    ASSERT_FALSE(raw.empty());
    ASSERT_EQ(s.buckets.size(), raw.size()) << type << " size " << int(size);
    for (std::size_t i = 0; i < raw.size(); ++i) {
      SCOPED_TRACE(time::format_rfc3339(raw[i].start));
      EXPECT_EQ(s.buckets[i].start, raw[i].start);
      EXPECT_EQ(s.buckets[i].count, raw[i].count);
      EXPECT_NEAR(s.buckets[i].sum, raw[i].sum, 1e-6);
      EXPECT_EQ(s.buckets[i].min, raw[i].min);
      EXPECT_EQ(s.buckets[i].max, raw[i].max);
    }
  }

  // Hours for a day and a half around `change` (a DST change, by default Berlin's on
  // 2026-03-29 01:00Z), from a point inside an hour; days around it; weeks and months over
  // `weeks` of data loaded from `from`.
  void expect_every_size_matches(const std::string& user,
                                 time::instant change = at(sys_days{2026y / March / 29}, 1),
                                 time::instant from = start, int weeks = 3) {
    for (const char* type : {"heart_rate_bpm", "steps"}) {
      expect_same_as_raw(user, type, bucket_size::hour, change - hours(29) + minutes(10),
                         change + hours(8));
      expect_same_as_raw(user, type, bucket_size::day, change - hours(97) + minutes(5),
                         change + days(7));
      expect_same_as_raw(user, type, bucket_size::week, from, from + weeks * days(7));
      expect_same_as_raw(user, type, bucket_size::month, sys_days{2026y / March / 1},
                         from + weeks * days(7) + days(1));
    }
  }

  // The hour buckets of one local day, which starts at `midnight` and lasts `length`.
  series hours_of_day(const std::string& user, time::instant midnight,
                      std::chrono::system_clock::duration length) {
    return run(store::read_series(*db_, user, "heart_rate_bpm", bucket_size::hour, midnight,
                                  midnight + length));
  }

  // One round of two overlapping batches for the same hours plus a delete, all at once.
  boost::asio::awaitable<void> concurrent_round(std::string user, int round) {
    using namespace boost::asio::experimental::awaitable_operators;
    const time::instant hour = start + hours(2 * round);  // a round spans 67 minutes
    std::vector<metric_point> a;
    std::vector<metric_point> b;
    for (int i = 0; i < 600; ++i) {
      a.push_back(point("heart_rate_bpm", hour + seconds(i * 5), 40 + (i * 7 + round) % 200));
      b.push_back(point("heart_rate_bpm", hour + seconds(1000 + i * 5), 45 + (i * 11) % 200));
    }
    // The previous round's hour loses a point that may be its minimum or maximum.
    const time::instant victim = hour - hours(2) + seconds(5 * (round % 7));
    auto all = progress_store::insert_points(*db_, user, std::move(a)) &&
               progress_store::insert_points(*db_, user, std::move(b)) &&
               progress_store::delete_point(*db_, user, "heart_rate_bpm", victim, "healthkit");
    auto results = co_await std::move(all);
    const auto& ra = std::get<0>(results);
    const auto& rb = std::get<1>(results);
    // Both cover seconds 1000..2995 in 5 s steps: 400 shared points, each stored once.
    EXPECT_EQ(ra.inserted + rb.inserted, 800u);
    EXPECT_EQ(ra.duplicates + rb.duplicates, 400u);
  }
};

TEST_F(rollups_test, every_bucket_size_matches_raw_points_across_dst_in_berlin) {
  load_weeks(user_);
  EXPECT_EQ(rollup_mismatches(user_), 0);
  expect_every_size_matches(user_);

  // 2026-03-29 in Berlin is 23 hours long: 2026-03-28T23:00Z to 2026-03-29T22:00Z.
  series days = run(store::read_series(*db_, user_, "heart_rate_bpm", bucket_size::day,
                                       sys_days{2026y / March / 28} + hours(23),
                                       sys_days{2026y / March / 30} + hours(22)));
  ASSERT_EQ(days.buckets.size(), 2u);
  EXPECT_EQ(days.timezone, "Europe/Berlin");
  EXPECT_EQ(days.buckets[0].start, sys_days{2026y / March / 28} + hours(23));
  EXPECT_EQ(days.buckets[1].start, sys_days{2026y / March / 29} + hours(22));
  EXPECT_EQ(hours_of_day(user_, at(sys_days{2026y / March / 28}, 23), hours(23)).buckets.size(),
            23u);
}

// Six weeks from 2026-03-01 hold a DST change in Newfoundland (spring forward, 03-08), Berlin
// (03-29), Adelaide and Lord Howe (fall back, 04-05); India and Nepal have none.
const time::instant six_weeks_from = sys_days{2026y / March / 1};

struct zone_case {
  const char* zone;
  time::instant change;          // where the hour and day windows are centred
  time::instant local_midnight;  // a local day to count hour buckets in ...
  std::chrono::system_clock::duration day_length;
  minutes hour_starts_at;  // ... and the UTC minute its hours start at
};

const zone_case offset_zones[] = {
    // +05:30: local midnight of 03-28 is 03-27 18:30Z.
    {"Asia/Kolkata", at(sys_days{2026y / March / 28}, 0), at(sys_days{2026y / March / 27}, 18, 30),
     hours(24), minutes(30)},
    // +05:45: local hours start at :15 UTC.
    {"Asia/Kathmandu", at(sys_days{2026y / March / 28}, 0),
     at(sys_days{2026y / March / 27}, 18, 15), hours(24), minutes(15)},
    // +10:30 -> +09:30 at 2026-04-04 16:30Z: local 02:00-03:00 twice, a 25-hour day.
    {"Australia/Adelaide", at(sys_days{2026y / April / 4}, 16, 30),
     at(sys_days{2026y / April / 4}, 13, 30), hours(25), minutes(30)},
    // -03:30 -> -02:30 at 2026-03-08 05:30Z: local 02:00 is skipped, a 23-hour day.
    {"America/St_Johns", at(sys_days{2026y / March / 8}, 5, 30),
     at(sys_days{2026y / March / 8}, 3, 30), hours(23), minutes(30)},
    // +11:00 -> +10:30 at 2026-04-04 15:00Z: a half-hour DST change, a 24.5-hour day.
    {"Australia/Lord_Howe", at(sys_days{2026y / April / 4}, 15),
     at(sys_days{2026y / April / 4}, 13), hours(24) + minutes(30), minutes(0)},
};

TEST_F(rollups_test, every_bucket_size_matches_raw_points_in_half_and_quarter_hour_zones) {
  for (const zone_case& z : offset_zones) {
    SCOPED_TRACE(z.zone);
    const std::string user = make_user(z.zone);
    load_weeks(user, six_weeks_from, 6);
    EXPECT_EQ(rollup_mismatches(user), 0);
    expect_every_size_matches(user, z.change, six_weeks_from, 6);

    // Hour buckets are the local clock's hours: each starts at the zone's UTC minute and the
    // local day has as many of them as it has hours.
    series day = hours_of_day(user, z.local_midnight, z.day_length);
    EXPECT_EQ(day.timezone, z.zone);
    ASSERT_EQ(day.buckets.size(), static_cast<std::size_t>(ceil<hours>(z.day_length).count()));
    EXPECT_EQ(day.buckets.front().start, z.local_midnight);
    if (std::string_view(z.zone) != "Australia/Lord_Howe") {
      for (const bucket& b : day.buckets) {
        EXPECT_EQ(floor<minutes>(b.start - floor<hours>(b.start)), z.hour_starts_at)
            << time::format_rfc3339(b.start);
      }
    }
  }
}

TEST_F(rollups_test, a_zone_change_rebuilds_hours_and_days_in_the_new_zone) {
  const std::string user = make_user("Asia/Kolkata");
  load_weeks(user, six_weeks_from, 6);
  series days = run(store::read_series(*db_, user, "steps", bucket_size::day,
                                       sys_days{2026y / March / 25}, sys_days{2026y / March / 27}));
  ASSERT_FALSE(days.buckets.empty());
  EXPECT_EQ(days.buckets[0].start, sys_days{2026y / March / 24} + hours(18) + minutes(30));

  // Each change rebuilds the user's hours and days in the trigger, in the update's transaction.
  for (const zone_case& z : offset_zones) {
    SCOPED_TRACE(z.zone);
    set_zone(user, z.zone);
    EXPECT_EQ(rollup_mismatches(user), 0);
    expect_every_size_matches(user, z.change, six_weeks_from, 6);
  }
  set_zone(user, "America/New_York");
  EXPECT_EQ(rollup_mismatches(user), 0);
  expect_every_size_matches(user, at(sys_days{2026y / March / 8}, 7), six_weeks_from, 6);
}

// Before standard offsets, zones kept local mean time: India was +05:21:10 in 1900 and +06:30
// in 1942, Liberia -00:44:30 until 1972. A local hour then starts at no quarter of a UTC hour,
// which is why hours are rolled up by the zone's own clock rather than from 15-minute slices.
TEST_F(rollups_test, hours_follow_historical_offsets_that_are_no_multiple_of_15_minutes) {
  struct old_day {
    const char* zone;
    sys_days day;
    time::instant first_hour;  // the local hour holding 10:10Z that day
  };
  const old_day cases[] = {
      {"Asia/Kolkata", sys_days{1900y / June / 1}, at(sys_days{1900y / June / 1}, 9, 38) + 50s},
      {"Asia/Kolkata", sys_days{1942y / June / 1}, at(sys_days{1942y / June / 1}, 9, 30)},
      {"Africa/Monrovia", sys_days{1971y / June / 1}, at(sys_days{1971y / June / 1}, 9, 44) + 30s},
  };
  for (const old_day& c : cases) {
    SCOPED_TRACE(std::string(c.zone) + " " + time::format_rfc3339(c.day));
    const std::string user = make_user(c.zone);
    std::vector<metric_point> pts;
    for (int i = 0; i < 2 * 24 * 12; ++i) {
      pts.push_back(point("heart_rate_bpm", c.day + minutes(5 * i), 60 + (i * 17) % 90));
    }
    run(progress_store::insert_points(*db_, user, std::move(pts)));
    EXPECT_EQ(rollup_mismatches(user), 0);
    expect_same_as_raw(user, "heart_rate_bpm", bucket_size::hour, at(c.day, 10, 10), at(c.day, 30));
    expect_same_as_raw(user, "heart_rate_bpm", bucket_size::day, c.day, c.day + days(2));
    series s = run(store::read_series(*db_, user, "heart_rate_bpm", bucket_size::hour,
                                      at(c.day, 10, 10), at(c.day, 12)));
    ASSERT_FALSE(s.buckets.empty());
    EXPECT_EQ(s.buckets[0].start, c.first_hour);
  }
}

TEST_F(rollups_test, stay_exact_under_concurrent_batches_for_the_same_hour_and_deletes) {
  // Berlin's hours start on UTC hours, Nepal's at :15: the rounds cut other bucket boundaries.
  for (const std::string& user : {user_, make_user("Asia/Kathmandu")}) {
    for (int round = 0; round < 8; ++round) {
      run(concurrent_round(user, round));
      ASSERT_EQ(rollup_mismatches(user), 0) << "round " << round;
    }
    EXPECT_EQ(raw_count(user), 8 * 800 - 7);  // seven deletes hit an earlier round's point
  }
}

}  // namespace
}  // namespace ugoki::analytics
