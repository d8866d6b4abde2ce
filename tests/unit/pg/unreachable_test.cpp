// core/pg with no server to reach: queries, pings and migrations fail with pg::unavailable, and
// while the pool backs off further requests fail at once instead of queueing. No service needed.
#include "core/pg/database.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>

#include "core/pg/error.hpp"
#include "core/pg/migrate.hpp"
#include "support/test_env.hpp"

namespace ugoki::testing {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// A socket directory that does not exist: libpq fails at once, without a network timeout.
constexpr const char* nowhere = "host=/nonexistent/ugoki port=1 dbname=x connect_timeout=1";

asio::awaitable<void> unreachable(pg::database& db, milliseconds acquire_timeout) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(co_await db.query({"", "SELECT 1"}), pg::unavailable);
  // While backing off, further requests fail at once instead of queueing for a connection,
  // which would take the whole acquire timeout.
  const auto second = std::chrono::steady_clock::now();
  EXPECT_THROW(co_await db.query({"", "SELECT 1"}), pg::unavailable);
  EXPECT_THROW(co_await db.ping(), pg::unavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - second, acquire_timeout / 2);
  EXPECT_LT(second - start, acquire_timeout);
}

TEST(pg_unreachable, requests_fail_fast_with_unavailable) {
  pg::settings s;
  s.url = nowhere;
  s.connections_per_thread = 2;
  s.acquire_timeout = milliseconds{2000};
  asio::io_context ioc;
  pg::database db(s, 1);
  db.attach_thread(0, ioc.get_executor());
  std::exception_ptr failure;
  asio::co_spawn(ioc, unreachable(db, s.acquire_timeout),
                 [&](std::exception_ptr e) { failure = e; });
  ioc.run();
  if (failure) {
    std::rethrow_exception(failure);
  }
}

TEST(pg_unreachable, migrate_is_unavailable) {
  const auto dir = std::filesystem::temp_directory_path() / unique_name("ugoki_unreachable_mig");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "0001_things.sql") << "CREATE TABLE things (n int);";
  EXPECT_THROW(pg::migrate(nowhere, dir), pg::unavailable);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ugoki::testing
