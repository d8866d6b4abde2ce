// Migration 0017 on a database that already holds points and rollups written before it (UTC
// hours, local days): afterwards every hour is the user's local hour, rebuilt from raw points,
// days are unchanged, and the replaced trigger and refresh keep both exact.
// The header under test comes first: it must be self-contained.
#include "core/pg/migrate.hpp"

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "integration/support/pg_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::testing {
namespace {

namespace fs = std::filesystem;

// A schema of its own, migrated up to 0016 from a copy of the migrations before 0017.
class upgrade_test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = pg_url();
    if (!url) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_DATABASE_URL");
    }
    base_url_ = *url;
    // The extensions first, where every other test expects them: on a fresh database, a
    // CREATE EXTENSION run on this test's path would put them in its schema, dropped with it.
    pg::migrate(base_url_, UGOKI_MIGRATIONS_DIR);
    schema_ = pg_unique("upg");
    exec(base_url_, "CREATE SCHEMA " + schema_);
    // public stays on the path for the extensions' types (citext), which live there.
    url_ = pg_url_with_schema(base_url_, schema_ + ",public");
    old_dir_ = fs::temp_directory_path() / schema_;
    fs::create_directories(old_dir_);
    for (const auto& f : fs::directory_iterator(UGOKI_MIGRATIONS_DIR)) {
      if (f.path().filename().string() < "0017") {
        fs::copy_file(f.path(), old_dir_ / f.path().filename());
      }
    }
  }
  void TearDown() override {
    if (!schema_.empty()) {
      exec(base_url_, "DROP SCHEMA " + schema_ + " CASCADE");
      fs::remove_all(old_dir_);
    }
  }
  // Runs SQL over a blocking connection; returns the first value of the first row, if any.
  static std::string exec(const std::string& url, const std::string& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    std::string out;
    EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
        << PQerrorMessage(c);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
      out = PQgetvalue(r, 0, 0);
    }
    PQclear(r);
    PQfinish(c);
    return out;
  }
  std::string exec(const std::string& sql) { return exec(url_, sql); }

  // Rollup rows of any user that disagree with raw points in that user's zone (UTC without a
  // profile), hourly by local clock hour and daily by local date. "0" means exact.
  std::string mismatches() {
    return exec(R"(
WITH z AS (SELECT u.id AS user_id, coalesce(p.timezone, 'UTC') AS name
             FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id),
rh AS (SELECT m.user_id, m.metric_type, date_trunc('hour', m.time, z.name) AS b, count(*) AS c,
              sum(m.value) AS s, min(m.value) AS lo, max(m.value) AS hi
         FROM progress_metrics m JOIN z USING (user_id) GROUP BY 1, 2, 3),
h AS (SELECT user_id, metric_type, bucket_start AS b, count AS c, sum AS s, min AS lo, max AS hi
        FROM progress_metrics_hourly),
rd AS (SELECT m.user_id, m.metric_type, (m.time AT TIME ZONE z.name)::date AS b, count(*) AS c,
              sum(m.value) AS s, min(m.value) AS lo, max(m.value) AS hi
         FROM progress_metrics m JOIN z USING (user_id) GROUP BY 1, 2, 3),
d AS (SELECT user_id, metric_type, day AS b, count AS c, sum AS s, min AS lo, max AS hi
        FROM progress_metrics_daily)
SELECT (SELECT count(*) FROM rh FULL JOIN h USING (user_id, metric_type, b)
         WHERE rh.c IS DISTINCT FROM h.c OR abs(rh.s - h.s) > 1e-6
            OR rh.lo IS DISTINCT FROM h.lo OR rh.hi IS DISTINCT FROM h.hi)
     + (SELECT count(*) FROM rd FULL JOIN d USING (user_id, metric_type, b)
         WHERE rd.c IS DISTINCT FROM d.c OR abs(rd.s - d.s) > 1e-6
            OR rd.lo IS DISTINCT FROM d.lo OR rd.hi IS DISTINCT FROM d.hi))");
  }

  std::string base_url_, url_, schema_;
  fs::path old_dir_;
};

TEST_F(upgrade_test, local_hours_are_rebuilt_from_raw_points_and_stay_exact_afterwards) {
  pg::migrate(url_, old_dir_);
  // Users in :30/:45 zones (two across a DST change in March/April 2026), a whole-hour zone and
  // one without a profile; points every 11 minutes, rollups as the code before 0017 kept them.
  exec(R"(
INSERT INTO users (email)
SELECT z || '@upgrade.test'
  FROM unnest(ARRAY['Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'America/St_Johns',
                    'Europe/Berlin', 'none']) z;
INSERT INTO user_profiles (user_id, timezone)
SELECT id, split_part(email::text, '@', 1) FROM users WHERE email <> 'none@upgrade.test';
INSERT INTO progress_metrics (user_id, metric_type, time, source, value)
SELECT u.id, m, t, 'healthkit', 40 + (extract(epoch from t)::int8 / 60 * 37) % 100
  FROM users u, unnest(ARRAY['heart_rate_bpm', 'steps']) m,
       generate_series(timestamptz '2026-03-05 00:00Z', timestamptz '2026-04-08 00:00Z',
                       interval '11 minutes') t;
INSERT INTO progress_metrics_hourly (user_id, metric_type, bucket_start, count, sum, min, max)
SELECT user_id, metric_type, date_trunc('hour', time, 'UTC'), count(*), sum(value), min(value),
       max(value)
  FROM progress_metrics GROUP BY 1, 2, 3;
SELECT count(rebuild_progress_daily(id)) FROM users;)");
  ASSERT_NE(mismatches(), "0");  // the :30/:45 users' hours are UTC hours

  std::vector<std::string> applied = pg::migrate(url_, UGOKI_MIGRATIONS_DIR);
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0017_progress_local_hours");
  EXPECT_EQ(mismatches(), "0");
  EXPECT_EQ(exec("SELECT string_agg(DISTINCT extract(minute FROM bucket_start AT TIME ZONE "
                 "'UTC')::text, ',') FROM progress_metrics_hourly h JOIN users u ON u.id = "
                 "h.user_id WHERE u.email = 'Asia/Kathmandu@upgrade.test'"),
            "15");

  // The new trigger rebuilds hours and days on a zone change; a profile created later counts.
  exec(
      "UPDATE user_profiles SET timezone = 'Australia/Lord_Howe' WHERE user_id = "
      "(SELECT id FROM users WHERE email = 'Europe/Berlin@upgrade.test')");
  exec(
      "INSERT INTO user_profiles (user_id, timezone) SELECT id, 'Asia/Kolkata' FROM users "
      "WHERE email = 'none@upgrade.test'");
  EXPECT_EQ(mismatches(), "0");
  // A deleted point's local hour and day are recomputed (16:27Z is on every user's grid).
  EXPECT_EQ(exec(R"(
DELETE FROM progress_metrics WHERE time = timestamptz '2026-04-04 16:27Z' AND metric_type = 'steps';
SELECT count(refresh_progress_rollups(id, 'steps', timestamptz '2026-04-04 16:27Z')) FROM users)"),
            "6");
  EXPECT_EQ(mismatches(), "0");
}

}  // namespace
}  // namespace ugoki::testing
