// progress_store against a real PostgreSQL: counts and stored state for new points, re-sent
// batches, external record versions, deletes, ownership and all-or-nothing batches.
// The header under test comes first: it must be self-contained.
#include "analytics/progress_store.hpp"

#include <gtest/gtest.h>

#include "core/pg/database.hpp"
#include "core/pg/error.hpp"
#include "integration/analytics/analytics_fixture.hpp"

namespace ugoki::analytics {
namespace {

using namespace std::chrono;
using testing::analytics_test;

const time::instant t0 = sys_days{2026y / March / 10} + hours(8);

class progress_store_test : public analytics_test {
 protected:
  ingest_result insert(const std::string& user, std::vector<metric_point> pts) {
    return run(progress_store::insert_points(*db_, user, std::move(pts)));
  }
  std::optional<double> value_at(const std::string& user, const std::string& type, time::instant t,
                                 const std::string& source = "healthkit") {
    static constexpr pg::statement sql{
        "",
        "SELECT value FROM progress_metrics WHERE user_id = $1::uuid AND metric_type = $2 "
        "AND time = timestamptz 'epoch' + $3::int8 * interval '1 microsecond' AND source = $4"};
    pg::params args{user, type, duration_cast<microseconds>(t.time_since_epoch()).count(), source};
    pg::result r = run(db_->query(sql, args));
    if (r.empty()) {
      return std::nullopt;
    }
    return r[0].get<double>(0);
  }
  // Three chunks in one transaction, then a rollback: returns what the chunks inserted.
  boost::asio::awaitable<std::size_t> chunked_import() {
    pg::transaction tx = co_await db_->begin();
    std::size_t total = 0;
    for (int chunk = 0; chunk < 3; ++chunk) {
      std::vector<metric_point> pts;
      for (int i = 0; i < 100; ++i) {
        pts.push_back(point("steps", t0 + minutes(chunk * 100 + i), 10, "import"));
      }
      ingest_result r = co_await progress_store::insert_points(tx, user_, std::move(pts));
      total += r.inserted;
    }
    co_await tx.rollback();
    co_return total;
  }
};

TEST_F(progress_store_test, counts_new_points_and_ignores_a_resent_batch) {
  std::vector<metric_point> batch;
  for (int i = 0; i < 300; ++i) {
    batch.push_back(point("heart_rate_bpm", t0 + minutes(i), 60 + i % 40));
  }
  batch.push_back(point("heart_rate_bpm", t0, 99));  // same key as batch[0] within the batch
  auto first = insert(user_, batch);
  EXPECT_EQ(first.inserted, 300u);
  EXPECT_EQ(first.duplicates, 1u);
  EXPECT_EQ(first.updated, 0u);
  auto again = insert(user_, batch);
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.duplicates, 301u);
  EXPECT_EQ(raw_count(user_), 300);
  EXPECT_EQ(rollup_mismatches(user_), 0);
  // Same instant, other source: a different point.
  auto other = insert(user_, {point("heart_rate_bpm", t0, 70, "manual")});
  EXPECT_EQ(other.inserted, 1u);
  EXPECT_EQ(rollup_mismatches(user_), 0);
}

TEST_F(progress_store_test, newer_external_versions_replace_and_older_ones_are_ignored) {
  auto p = point("weight_kg", t0, 80);
  p.external_id = "HK-w1";
  p.external_version = 1;
  EXPECT_EQ(insert(user_, {p}).inserted, 1u);

  // Version 2 moves the sample to another time and value: the old point goes.
  auto v2 = p;
  v2.external_version = 2;
  v2.time = t0 + hours(30);
  v2.value = 79.5;
  auto r2 = insert(user_, {v2});
  EXPECT_EQ(r2.updated, 1u);
  EXPECT_EQ(r2.inserted, 0u);
  EXPECT_FALSE(value_at(user_, "weight_kg", t0));
  EXPECT_EQ(value_at(user_, "weight_kg", v2.time), 79.5);

  // Version 3 edits the value in place (same key as the stored point).
  auto v3 = v2;
  v3.external_version = 3;
  v3.value = 79.0;
  EXPECT_EQ(insert(user_, {v3}).updated, 1u);
  EXPECT_EQ(value_at(user_, "weight_kg", v2.time), 79.0);

  // A stale re-send (version 2) and an equal one (3) change nothing.
  auto stale = insert(user_, {v2, v3});
  EXPECT_EQ(stale.duplicates, 2u);
  EXPECT_EQ(stale.inserted + stale.updated, 0u);
  EXPECT_EQ(value_at(user_, "weight_kg", v2.time), 79.0);
  EXPECT_EQ(raw_count(user_), 1);
  EXPECT_EQ(rollup_mismatches(user_), 0);

  // Within one batch the highest version wins, whatever the order.
  auto v5 = v3;
  v5.external_version = 5;
  v5.value = 78.0;
  auto v4 = v3;
  v4.external_version = 4;
  v4.value = 77.0;
  auto mixed = insert(user_, {v5, v4});
  EXPECT_EQ(mixed.updated, 1u);
  EXPECT_EQ(mixed.duplicates, 1u);
  EXPECT_EQ(value_at(user_, "weight_kg", v2.time), 78.0);
  EXPECT_EQ(rollup_mismatches(user_), 0);
}

TEST_F(progress_store_test, delete_removes_one_point_of_its_owner_and_keeps_rollups_exact) {
  const std::string other = make_user("UTC");
  std::vector<metric_point> batch;
  for (int i = 0; i < 10; ++i) {
    batch.push_back(point("steps", t0 + minutes(i), 100 + i, "manual"));
  }
  insert(user_, batch);
  insert(other, batch);
  // The maximum of its hour: the rollup must fall back to the next largest.
  EXPECT_FALSE(run(progress_store::delete_point(*db_, other, "steps", t0 + hours(5), "manual")));
  EXPECT_TRUE(run(progress_store::delete_point(*db_, user_, "steps", t0 + minutes(9), "manual")));
  EXPECT_FALSE(run(progress_store::delete_point(*db_, user_, "steps", t0 + minutes(9), "manual")));
  EXPECT_EQ(raw_count(user_), 9);
  EXPECT_EQ(raw_count(other), 10);
  EXPECT_EQ(rollup_mismatches(user_), 0);
  EXPECT_EQ(rollup_mismatches(other), 0);
  // Deleting the last point of a bucket removes the bucket rows.
  for (int i = 0; i < 9; ++i) {
    EXPECT_TRUE(run(progress_store::delete_point(*db_, user_, "steps", t0 + minutes(i), "manual")));
  }
  EXPECT_EQ(rollup_mismatches(user_), 0);
}

// In :30/:45 zones an hour bucket is the local clock's hour, so a delete or a replacement must
// recompute that local hour, not the UTC hour the point is in.
TEST_F(progress_store_test, deletes_and_replacements_keep_local_hours_exact_in_offset_zones) {
  struct zone_hour {
    const char* zone;
    time::instant hour;  // the start of a local hour (2026-03-10 is no DST change anywhere)
  };
  const zone_hour cases[] = {
      {"Asia/Kolkata", t0 + minutes(30)},        // 08:30Z = 14:00 +05:30
      {"Asia/Kathmandu", t0 + minutes(15)},      // 08:15Z = 14:00 +05:45
      {"Australia/Adelaide", t0 + minutes(30)},  // 08:30Z = 19:00 +10:30
      {"America/St_Johns", t0 + minutes(30)},    // 08:30Z = 06:00 -02:30 (DST since 03-08)
  };
  for (const zone_hour& c : cases) {
    SCOPED_TRACE(c.zone);
    const std::string user = make_user(c.zone);
    // 40 minutes each side of the local hour's start: the UTC hour 08:00Z holds points of two
    // local hours.
    std::vector<metric_point> batch;
    for (int i = -40; i < 40; ++i) {
      batch.push_back(point("heart_rate_bpm", c.hour + minutes(i), 100 + i));
    }
    EXPECT_EQ(insert(user, batch).inserted, 80u);
    EXPECT_EQ(rollup_mismatches(user), 0);

    // The maximum of the earlier local hour goes; its bucket falls back to the next largest.
    EXPECT_TRUE(run(progress_store::delete_point(*db_, user, "heart_rate_bpm", c.hour - minutes(1),
                                                 "healthkit")));
    // A record moves from the later local hour into the earlier one with a new maximum.
    auto rec = point("heart_rate_bpm", c.hour + minutes(5) + seconds(30), 150);
    rec.external_id = "HK-hr1";
    rec.external_version = 1;
    EXPECT_EQ(insert(user, {rec}).inserted, 1u);
    rec.external_version = 2;
    rec.time = c.hour - minutes(50);
    rec.value = 170;
    EXPECT_EQ(insert(user, {rec}).updated, 1u);
    EXPECT_EQ(rollup_mismatches(user), 0);

    static constexpr pg::statement hour_sql{"", R"(
SELECT count || '/' || max FROM progress_metrics_hourly
 WHERE user_id = $1::uuid AND metric_type = 'heart_rate_bpm'
   AND bucket_start = timestamptz 'epoch' + $2::int8 * interval '1 microsecond')"};
    auto hour_row = [&](time::instant start) {
      pg::params args{user, duration_cast<microseconds>(start.time_since_epoch()).count()};
      pg::result r = run(db_->query(hour_sql, args));
      return r.empty() ? std::string("none") : r[0].get<std::string>(0);
    };
    EXPECT_EQ(hour_row(c.hour - hours(1)), "40/170");  // 40 - 1 deleted + 1 moved in
    EXPECT_EQ(hour_row(c.hour), "40/139");
  }
}

TEST_F(progress_store_test, a_batch_is_all_or_nothing) {
  std::vector<metric_point> batch;
  for (int i = 0; i < 50; ++i) {
    batch.push_back(point("heart_rate_bpm", t0 + minutes(i), 60));
  }
  // Unvalidated garbage still meets the table's CHECK: the whole batch must go.
  batch.push_back(point("Not A Type", t0, 60));
  EXPECT_THROW(insert(user_, batch), pg::error);
  EXPECT_EQ(raw_count(user_), 0);
  EXPECT_EQ(rollup_mismatches(user_), 0);
}

TEST_F(progress_store_test, works_inside_a_callers_transaction) {
  EXPECT_EQ(run(chunked_import()), 300u);
  EXPECT_EQ(raw_count(user_), 0);  // rolled back as one
}

}  // namespace
}  // namespace ugoki::analytics
