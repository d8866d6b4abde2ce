// Test fixture for the analytics store: the migrated schema, one fresh user (with a profile in
// a chosen zone) per test, point builders, and a check that every rollup equals raw points.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "analytics/types.hpp"
#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {

class analytics_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    settings_.connections_per_thread = 6;
    // Idempotent and under an advisory lock, so parallel test processes are fine.
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    open();
    user_ = make_user("Europe/Berlin");
  }
  void TearDown() override {
    if (db_) {
      for (const auto& id : users_) {
        static constexpr pg::statement sql{"", "DELETE FROM users WHERE id = $1::uuid"};
        pg::params args{id};
        run(db_->query(sql, args));
      }
    }
  }

  std::string make_user(const std::string& zone) {
    static constexpr pg::statement sql{
        "",
        "WITH u AS (INSERT INTO users (email) VALUES ($1) RETURNING id), "
        "p AS (INSERT INTO user_profiles (user_id, timezone) SELECT id, $2 FROM u) "
        "SELECT id::text FROM u"};
    pg::params args{pg_unique("analytics") + "@example.test", zone};
    pg::result r = run(db_->query(sql, args));
    users_.push_back(r[0].get<std::string>(0));
    return users_.back();
  }

  void set_zone(const std::string& user_id, const std::string& zone) {
    static constexpr pg::statement sql{
        "", "UPDATE user_profiles SET timezone = $2 WHERE user_id = $1::uuid"};
    pg::params args{user_id, zone};
    run(db_->query(sql, args));
  }

  static analytics::metric_point point(std::string type, time::instant t, double v,
                                       std::string source = "healthkit") {
    analytics::metric_point p;
    p.metric_type = std::move(type);
    p.time = t;
    p.value = v;
    p.source = std::move(source);
    return p;
  }

  // Rows where a rollup disagrees with raw points (missing, extra or different), hourly and
  // daily, both in the user's current zone: a local clock hour starts where date_trunc in the
  // zone says (at :30 UTC in India, :15 in Nepal). 0 means exact.
  std::int64_t rollup_mismatches(const std::string& user_id) {
    static constexpr pg::statement sql{"", R"(
WITH z AS (SELECT timezone AS name FROM user_profiles WHERE user_id = $1::uuid),
rh AS (SELECT metric_type, date_trunc('hour', time, z.name) AS b, count(*) AS c,
              sum(value) AS s, min(value) AS lo, max(value) AS hi
         FROM progress_metrics, z WHERE user_id = $1::uuid GROUP BY 1, 2),
h AS (SELECT metric_type, bucket_start AS b, count AS c, sum AS s, min AS lo, max AS hi
        FROM progress_metrics_hourly WHERE user_id = $1::uuid),
rd AS (SELECT metric_type, (time AT TIME ZONE z.name)::date AS b, count(*) AS c,
              sum(value) AS s, min(value) AS lo, max(value) AS hi
         FROM progress_metrics, z WHERE user_id = $1::uuid GROUP BY 1, 2),
d AS (SELECT metric_type, day AS b, count AS c, sum AS s, min AS lo, max AS hi
        FROM progress_metrics_daily WHERE user_id = $1::uuid)
SELECT (SELECT count(*) FROM rh FULL JOIN h USING (metric_type, b)
         WHERE rh.c IS DISTINCT FROM h.c OR abs(rh.s - h.s) > 1e-6
            OR rh.lo IS DISTINCT FROM h.lo OR rh.hi IS DISTINCT FROM h.hi)
     + (SELECT count(*) FROM rd FULL JOIN d USING (metric_type, b)
         WHERE rd.c IS DISTINCT FROM d.c OR abs(rd.s - d.s) > 1e-6
            OR rd.lo IS DISTINCT FROM d.lo OR rd.hi IS DISTINCT FROM d.hi))"};
    pg::params args{user_id};
    pg::result r = run(db_->query(sql, args));
    return r[0].get<std::int64_t>(0);
  }

  std::int64_t raw_count(const std::string& user_id) {
    static constexpr pg::statement sql{
        "", "SELECT count(*) FROM progress_metrics WHERE user_id = $1::uuid"};
    pg::params args{user_id};
    return run(db_->query(sql, args))[0].get<std::int64_t>(0);
  }

  std::string user_;
  std::vector<std::string> users_;
};

}  // namespace ugoki::testing
