// pg::migrate and pg::run_sql_files against a real server, each test in a schema of its own.
#include "core/pg/migrate.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/pg/error.hpp"
#include "integration/support/pg_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::testing {
namespace {

namespace fs = std::filesystem;

// A schema and a directory of SQL files that only this test uses; both removed afterwards.
class migrate_test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = pg_url();
    if (!url) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_DATABASE_URL");
    }
    base_url_ = *url;
    schema_ = pg_unique("mig");
    exec(base_url_, "CREATE SCHEMA " + schema_);
    url_ = pg_url_with_schema(base_url_, schema_);
    dir_ = fs::temp_directory_path() / schema_;
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!schema_.empty()) {
      exec(base_url_, "DROP SCHEMA " + schema_ + " CASCADE");
      fs::remove_all(dir_);
    }
  }
  void write(const std::string& name, const std::string& sql) { std::ofstream(dir_ / name) << sql; }
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

  std::string base_url_, url_, schema_;
  fs::path dir_;
};

TEST_F(migrate_test, applies_in_order_and_twice_is_a_no_op) {
  write("0002_rows.sql", "INSERT INTO things (n) VALUES (1); INSERT INTO things (n) VALUES (2);");
  write("0001_things.sql", "CREATE TABLE things (n int PRIMARY KEY);\n-- comment\n");
  write("README.txt", "not sql");
  EXPECT_EQ(pg::migrate(url_, dir_), (std::vector<std::string>{"0001_things", "0002_rows"}));
  EXPECT_TRUE(pg::migrate(url_, dir_).empty());
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM things"), "2");
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM schema_migrations"), "2");
  write("0003_more.sql", "INSERT INTO things (n) VALUES (3);");
  EXPECT_EQ(pg::migrate(url_, dir_), (std::vector<std::string>{"0003_more"}));
}

TEST_F(migrate_test, concurrent_migrators_apply_each_file_once) {
  write("0001_things.sql", "CREATE TABLE things (n int);");
  write("0002_slow.sql", "SELECT pg_sleep(0.3); INSERT INTO things (n) VALUES (1);");
  std::vector<std::string> a, b;
  std::thread ta([&] { a = pg::migrate(url_, dir_); });
  std::thread tb([&] { b = pg::migrate(url_, dir_); });
  ta.join();
  tb.join();
  EXPECT_EQ(a.size() + b.size(), 2u);
  EXPECT_TRUE(a.empty() || b.empty());
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM things"), "1");
}

TEST_F(migrate_test, edited_migration_is_an_error) {
  write("0001_things.sql", "CREATE TABLE things (n int);");
  pg::migrate(url_, dir_);
  write("0001_things.sql", "CREATE TABLE things (n bigint);");
  EXPECT_THROW(pg::migrate(url_, dir_), pg::migration_error);
}

TEST_F(migrate_test, failing_migration_rolls_back_and_stops) {
  write("0001_ok.sql", "CREATE TABLE things (n int);");
  write("0002_bad.sql", "INSERT INTO things (n) VALUES (1); INSERT INTO nowhere VALUES (1);");
  write("0003_never.sql", "INSERT INTO things (n) VALUES (3);");
  try {
    pg::migrate(url_, dir_);
    ADD_FAILURE() << "expected pg::error";
  } catch (const pg::error& e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
  }
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM things"), "0");
  EXPECT_EQ(exec(url_, "SELECT string_agg(version, ',') FROM schema_migrations"), "0001_ok");
}

TEST_F(migrate_test, bad_names_and_duplicate_numbers_are_errors) {
  write("0001_a.sql", "SELECT 1;");
  write("0001_b.sql", "SELECT 1;");
  EXPECT_THROW(pg::migrate(url_, dir_), pg::migration_error);
  fs::remove(dir_ / "0001_b.sql");
  write("init.sql", "SELECT 1;");
  EXPECT_THROW(pg::migrate(url_, dir_), pg::migration_error);
}

TEST_F(migrate_test, run_sql_files_is_all_or_nothing) {
  exec(url_, "CREATE TABLE seeded (n int PRIMARY KEY)");
  write("a.sql", "INSERT INTO seeded VALUES (1) ON CONFLICT DO NOTHING;");
  write("b.sql", "INSERT INTO seeded VALUES (2) ON CONFLICT DO NOTHING;");
  EXPECT_EQ(pg::run_sql_files(url_, dir_), (std::vector<std::string>{"a.sql", "b.sql"}));
  EXPECT_EQ(pg::run_sql_files(url_, dir_).size(), 2u);  // idempotent files, run again
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM seeded"), "2");
  write("c.sql", "INSERT INTO seeded VALUES (3); INSERT INTO seeded VALUES (1);");
  EXPECT_THROW(pg::run_sql_files(url_, dir_), pg::error);
  EXPECT_EQ(exec(url_, "SELECT count(*) FROM seeded"), "2");
}

}  // namespace
}  // namespace ugoki::testing
