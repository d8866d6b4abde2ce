// Rollups against raw points on a real PostgreSQL: every bucket size compared with a direct SQL
// computation over the raw table, across the Europe/Berlin DST change and in :30/:45 zones;
// zone changes; and rollups staying exact under concurrent ingest and deletes.
// The header under test comes first: it must be self-contained.
#include "analytics/store.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

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
  // Three weeks of heart rate every 7 minutes and steps every 13, in 1000-point batches.
  void load_three_weeks(const std::string& user) {
    std::vector<metric_point> batch;
    auto flush = [&] {
      run(progress_store::insert_points(*db_, user, std::move(batch)));
      batch.clear();
    };
    for (int i = 0; i * 7 < 21 * 24 * 60; ++i) {
      batch.push_back(point("heart_rate_bpm", start + minutes(i * 7), 50 + (i * 37) % 100));
      if (i % 2 == 0) {
        batch.push_back(point("steps", start + minutes(i * 13), (i * 53) % 400));
      }
      if (batch.size() >= 1000) {
        flush();
      }
    }
    flush();
  }

  // The same buckets straight from raw points (see docs/metrics.md for the bounds).
  std::vector<bucket> raw_buckets(const std::string& user, const std::string& type,
                                  bucket_size size, time::instant from, time::instant to) {
    static constexpr pg::statement hour_sql{"", R"(
SELECT (extract(epoch from b) * 1000000)::int8, count(*), sum(value), min(value), max(value)
  FROM (SELECT date_trunc('hour', time, 'UTC') AS b, value FROM progress_metrics
         WHERE user_id = $1::uuid AND metric_type = $2) x
 WHERE b >= date_trunc('hour', timestamptz 'epoch' + $3::int8 * interval '1 microsecond', 'UTC')
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

  void expect_every_size_matches(const std::string& user) {
    const sys_days mar28{2026y / March / 28};
    for (const char* type : {"heart_rate_bpm", "steps"}) {
      // Across the Berlin DST change (2026-03-29 01:00Z), from a point inside an hour.
      expect_same_as_raw(user, type, bucket_size::hour, at(mar28, 20, 10), at(mar28, 29));
      expect_same_as_raw(user, type, bucket_size::day, at(mar28, -72, 5), at(mar28, 8 * 24));
      expect_same_as_raw(user, type, bucket_size::week, start, start + days(21));
      expect_same_as_raw(user, type, bucket_size::month, sys_days{2026y / March / 1},
                         sys_days{2026y / April / 11});
    }
  }

  // One round of two overlapping batches for the same hours plus a delete, all at once.
  boost::asio::awaitable<void> concurrent_round(int round) {
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
    auto all = progress_store::insert_points(*db_, user_, std::move(a)) &&
               progress_store::insert_points(*db_, user_, std::move(b)) &&
               progress_store::delete_point(*db_, user_, "heart_rate_bpm", victim, "healthkit");
    auto results = co_await std::move(all);
    const auto& ra = std::get<0>(results);
    const auto& rb = std::get<1>(results);
    // Both cover seconds 1000..2995 in 5 s steps: 400 shared points, each stored once.
    EXPECT_EQ(ra.inserted + rb.inserted, 800u);
    EXPECT_EQ(ra.duplicates + rb.duplicates, 400u);
  }
};

TEST_F(rollups_test, every_bucket_size_matches_raw_points_across_dst_in_berlin) {
  load_three_weeks(user_);
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
}

TEST_F(rollups_test, half_and_quarter_hour_zones_get_exact_days_and_a_zone_change_rebuilds) {
  const std::string india = make_user("Asia/Kolkata");
  load_three_weeks(india);
  EXPECT_EQ(rollup_mismatches(india), 0);
  expect_every_size_matches(india);
  series days = run(store::read_series(*db_, india, "steps", bucket_size::day,
                                       sys_days{2026y / March / 25}, sys_days{2026y / March / 27}));
  ASSERT_FALSE(days.buckets.empty());
  EXPECT_EQ(days.buckets[0].start, sys_days{2026y / March / 24} + hours(18) + minutes(30));

  set_zone(india, "Asia/Kathmandu");  // +05:45: the trigger rebuilds the local days
  EXPECT_EQ(rollup_mismatches(india), 0);
  expect_every_size_matches(india);
  set_zone(india, "America/New_York");
  EXPECT_EQ(rollup_mismatches(india), 0);
  expect_every_size_matches(india);
}

TEST_F(rollups_test, stay_exact_under_concurrent_batches_for_the_same_hour_and_deletes) {
  for (int round = 0; round < 8; ++round) {
    run(concurrent_round(round));
    ASSERT_EQ(rollup_mismatches(user_), 0) << "round " << round;
  }
  EXPECT_EQ(raw_count(user_), 8 * 800 - 7);  // seven deletes hit an earlier round's point
}

}  // namespace
}  // namespace ugoki::analytics
