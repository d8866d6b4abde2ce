// core/pg against a real server: typed parameters and reads, NULLs, server errors, pipelines.
#include "core/pg/database.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <string>

#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

namespace asio = boost::asio;

constexpr pg::statement all_types{
    "test_all_types",
    "SELECT $1::text AS a, $2::text AS b, $3::text AS c, $4::int AS d, $5::bigint AS e, "
    "$6::float8 AS f, $7::bool AS g, $8::text AS h, $9::int AS i, $10::text AS j, "
    "$11::float8 AS k"};

asio::awaitable<void> typed_round_trip(pg::database& db) {
  const std::string owned = "owned";
  const std::optional<int> no_int;
  const std::optional<std::string> some_text = "some";
  pg::result r = co_await db.query(
      all_types, {std::string_view("view"), owned, "literal", 42, std::int64_t{9'000'000'000}, 0.1,
                  true, std::nullopt, no_int, some_text, -std::numeric_limits<double>::infinity()});
  EXPECT_EQ(r.size(), 1u);
  pg::row row = r[0];
  EXPECT_EQ(row.get<std::string>(0), "view");
  EXPECT_EQ(row.get<std::string_view>(1), "owned");
  EXPECT_EQ(row.text(2), "literal");
  EXPECT_EQ(row.get<int>(3), 42);
  EXPECT_EQ(row.get<std::int32_t>("d"), 42);
  EXPECT_EQ(row.get<std::int64_t>("e"), 9'000'000'000);
  EXPECT_EQ(row.get<double>("f"), 0.1);  // shortest round-trip text: exact
  EXPECT_TRUE(row.get<bool>("g"));
  EXPECT_TRUE(row.is_null(7));
  EXPECT_EQ(row.get<std::optional<std::string>>("h"), std::nullopt);
  EXPECT_EQ(row.get<std::optional<int>>("i"), std::nullopt);
  EXPECT_EQ(row.get<std::optional<std::string>>("j"), "some");
  EXPECT_TRUE(std::isinf(row.get<double>("k")));
  EXPECT_THROW(row.get<int>("h"), pg::error);        // NULL into a non-optional
  EXPECT_THROW(row.get<int>("a"), pg::error);        // "view" is not an integer
  EXPECT_THROW(row.get<int>("no_such"), pg::error);  // unknown column
  EXPECT_THROW(row.text(99), pg::error);

  int seen = 0;
  for (pg::row each : r) {
    EXPECT_EQ(each.get<int>(3), 42);
    ++seen;
  }
  EXPECT_EQ(seen, 1);
}

TEST_F(pg_test, typed_parameters_and_reads) {
  run(typed_round_trip(open()));
}

asio::awaitable<void> unique_violation(pg::database& db, std::string table) {
  const std::string create_sql = "CREATE TABLE " + table +
                                 " (id int PRIMARY KEY, email text CONSTRAINT " + table +
                                 "_email_key UNIQUE)";
  co_await db.query({"", create_sql});
  const std::string insert_sql = "INSERT INTO " + table + " (id, email) VALUES ($1, $2)";
  const std::string insert_name = table + "_ins";
  const pg::statement insert{insert_name, insert_sql};
  pg::result ok = co_await db.query(insert, {1, "a@example.com"});
  EXPECT_EQ(ok.affected_rows(), 1);
  EXPECT_TRUE(ok.empty());
  bool thrown = false;
  try {
    co_await db.query(insert, {2, "a@example.com"});
  } catch (const pg::error& e) {
    thrown = true;
    EXPECT_TRUE(e.is_unique_violation());
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.constraint(), table + "_email_key");
    // The message names the statement but never echoes the values.
    EXPECT_EQ(std::string(e.what()).find("a@example.com"), std::string::npos);
  }
  EXPECT_TRUE(thrown);
  // Same connection (only one) is still usable, and the prepared statement too.
  pg::result again = co_await db.query(insert, {3, "b@example.com"});
  EXPECT_EQ(again.affected_rows(), 1);
  co_await db.query({"", "DROP TABLE " + table});
}

TEST_F(pg_test, unique_violation_surfaces_sqlstate) {
  settings_.connections_per_thread = 1;
  run(unique_violation(open(), pg_unique("uv")));
}

asio::awaitable<void> syntax_error(pg::database& db) {
  constexpr pg::statement bad{"test_bad_sql", "SELEC 1"};
  EXPECT_THROW(co_await db.query(bad), pg::error);
  EXPECT_THROW(co_await db.query(bad), pg::error);  // never marked prepared
  constexpr pg::statement good{"test_good_sql", "SELECT 7"};
  pg::result r = co_await db.query(good);
  EXPECT_EQ(r[0].get<int>(0), 7);
}

TEST_F(pg_test, bad_sql_throws_and_connection_survives) {
  settings_.connections_per_thread = 1;
  run(syntax_error(open()));
}

asio::awaitable<void> pipeline_round_trip(pg::database& db, std::string table) {
  co_await db.query({"", "CREATE TABLE " + table + " (n int PRIMARY KEY)"});
  const std::string ins_sql = "INSERT INTO " + table + " (n) VALUES ($1)";
  const std::string ins_name = table + "_ins";
  const std::string count_sql = "SELECT count(*) FROM " + table;
  const std::string count_name = table + "_count";
  const pg::statement ins{ins_name, ins_sql};
  const pg::statement count{count_name, count_sql};
  // One sync for the whole pipeline: every statement sees the same transaction id.
  constexpr pg::statement xid{"test_xid", "SELECT pg_current_xact_id()::text"};
  // GCC 12 cannot compile a braced list of commands inside a coroutine ("array used as
  // initializer"), so pipelines are built with push_back.
  std::vector<pg::command> cmds;
  cmds.push_back({&xid, {}});
  cmds.push_back({&ins, {1}});
  cmds.push_back({&ins, {2}});
  cmds.push_back({&count, {}});
  cmds.push_back({&xid, {}});
  std::vector<pg::result> rs = co_await db.pipeline(cmds);
  EXPECT_EQ(rs.size(), 5u);
  EXPECT_EQ(rs[1].affected_rows(), 1);
  EXPECT_EQ(rs[3][0].get<std::int64_t>(0), 2);
  EXPECT_EQ(rs[0][0].text(0), rs[4][0].text(0));

  // A failure in the middle aborts the rest of that pipeline (and undoes its first insert)...
  std::vector<pg::command> failing;
  failing.push_back({&ins, {3}});
  failing.push_back({&ins, {1}});
  failing.push_back({&count, {}});
  bool thrown = false;
  try {
    co_await db.pipeline(failing);
  } catch (const pg::error& e) {
    thrown = true;
    EXPECT_TRUE(e.is_unique_violation());
  }
  EXPECT_TRUE(thrown);
  // ...but not the next request on the same connection.
  pg::result after = co_await db.query(count);
  EXPECT_EQ(after[0].get<std::int64_t>(0), 2);
  std::vector<pg::command> one;
  one.push_back({&ins, {4}});
  std::vector<pg::result> next = co_await db.pipeline(one);
  EXPECT_EQ(next[0].affected_rows(), 1);
  co_await db.query({"", "DROP TABLE " + table});
}

TEST_F(pg_test, pipeline_one_round_trip_and_failure_isolated) {
  settings_.connections_per_thread = 1;
  run(pipeline_round_trip(open(), pg_unique("pl")));
}

asio::awaitable<void> server_statement_timeout(pg::database& db) {
  constexpr pg::statement sleep{"test_sleep", "SELECT pg_sleep($1)"};
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(co_await db.query(sleep, {5}), pg::unavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  pg::result r = co_await db.query({"", "SELECT 1"});
  EXPECT_EQ(r[0].get<int>(0), 1);
}

TEST_F(pg_test, statement_timeout_is_unavailable_and_pool_recovers) {
  settings_.statement_timeout = std::chrono::milliseconds{300};
  run(server_statement_timeout(open()));
}

asio::awaitable<void> client_statement_timeout(pg::database& db) {
  // Switch the server-side timeout off so only the client-side guard can fire.
  {
    pg::transaction tx = co_await db.begin();
    co_await tx.query({"", "SET LOCAL statement_timeout = 0"});
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(co_await tx.query({"", "SELECT pg_sleep(5)"}), pg::unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  }
  EXPECT_EQ(db.stats().open, 0u);  // the timed-out connection was dropped, not reused
  pg::result r = co_await db.query({"", "SELECT 2"});
  EXPECT_EQ(r[0].get<int>(0), 2);
  co_await db.ping();
}

TEST_F(pg_test, client_side_timeout_drops_connection_and_pool_recovers) {
  settings_.statement_timeout = std::chrono::milliseconds{300};
  settings_.connections_per_thread = 1;
  run(client_statement_timeout(open()));
}

constexpr pg::statement timestamps{
    "test_timestamps",
    "SELECT timestamptz '2026-03-29 01:30:00.5+02', timestamptz '1969-12-31 23:59:59.999999+00', "
    "timestamptz '2026-11-26 05:44:11+00', now()"};

// timestamptz results arrive as UTC ISO text whatever the server's zone, and read exactly.
asio::awaitable<void> timestamp_text(pg::database& db) {
  pg::result r = co_await db.query(timestamps);
  EXPECT_EQ(r[0].get<pg::timestamp_us>(0).value, 1'774'740'600'500'000);
  EXPECT_EQ(r[0].get<pg::timestamp_us>(1).value, -1);
  EXPECT_EQ(r[0].get<pg::timestamp_us>(2).value, 1'795'671'851'000'000);
  EXPECT_GT(r[0].get<pg::timestamp_us>(3).value, 1'700'000'000'000'000);
  EXPECT_THROW(r[0].get<int>(0), pg::error);
}

TEST_F(pg_test, timestamptz_reads_as_utc_microseconds) {
  run(timestamp_text(open()));
}

namespace batching {

constexpr pg::statement backend_and_value{"test_batch_value",
                                          "SELECT pg_backend_pid() AS pid, 10 / $1::int AS v"};

struct outcome {
  int pid = 0;
  int value = 0;
  bool failed = false;
};

asio::awaitable<void> one(pg::database& db, int divisor, outcome& out) {
  try {
    pg::result r = co_await db.query(backend_and_value, {divisor});
    out.pid = r[0].get<int>("pid");
    out.value = r[0].get<int>("v");
  } catch (const pg::error& e) {
    out.failed = e.sqlstate() == "22012";  // division_by_zero
  }
}

// Queries asked for in one event-loop turn share one connection and round trip, yet each is
// its own unit: the failing ones fail alone and the others get their own rows.
asio::awaitable<void> concurrent_queries_share_a_round_trip(pg::database& db) {
  auto ex = co_await asio::this_coro::executor;
  auto outcomes = std::make_shared<std::vector<outcome>>(30);
  auto done = std::make_shared<int>(0);
  for (int i = 0; i < 30; ++i) {
    const int divisor = i % 7 == 3 ? 0 : (i % 5) + 1;
    asio::co_spawn(
        ex, [&db, divisor, outcomes, i] { return one(db, divisor, (*outcomes)[i]); },
        [done](std::exception_ptr e) {
          ++*done;
          EXPECT_FALSE(e) << "a query threw something other than pg::error";
        });
  }
  asio::steady_timer tick(ex);
  while (*done < 30) {
    tick.expires_after(std::chrono::milliseconds(2));
    co_await tick.async_wait(asio::use_awaitable);
  }
  std::set<int> pids;
  for (int i = 0; i < 30; ++i) {
    const auto& o = (*outcomes)[i];
    if (i % 7 == 3) {
      EXPECT_TRUE(o.failed) << i;
    } else {
      EXPECT_FALSE(o.failed) << i;
      EXPECT_EQ(o.value, 10 / ((i % 5) + 1)) << i;
      pids.insert(o.pid);
    }
  }
  EXPECT_EQ(pids.size(), 1u) << "the 30 queries were not sent as one batch";
}

}  // namespace batching

TEST_F(pg_test, concurrent_queries_share_a_round_trip_and_fail_alone) {
  run(batching::concurrent_queries_share_a_round_trip(open()));
}

}  // namespace
}  // namespace ugoki::testing
