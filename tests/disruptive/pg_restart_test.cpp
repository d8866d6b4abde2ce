// core/pg through a PostgreSQL restart: requests fail fast with pg::unavailable during the outage
// and the pool reconnects by itself afterwards (UGOKI_TEST_PG_RESTART_CMD restarts the server).
#include "core/pg/database.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "integration/support/pg_env.hpp"
#include "support/test_env.hpp"

namespace ugoki::testing {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

struct tally {
  std::atomic<int> ok{0};
  std::atomic<int> unavailable{0};
  std::atomic<int> other{0};
  std::atomic<long> slowest_ms{0};
  std::atomic<bool> restarted{false};
  std::atomic<int> ok_after_restart{0};
};

// Queries every 20 ms until `stop`, classifying each outcome and timing it.
asio::awaitable<void> prober(pg::database& db, tally* t, const std::atomic<bool>* stop) {
  constexpr pg::statement probe{"test_restart_probe", "SELECT 1"};
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (!stop->load()) {
    const auto start = steady_clock::now();
    try {
      pg::result r = co_await db.query(probe);
      EXPECT_EQ(r[0].get<int>(0), 1);
      t->ok.fetch_add(1);
      if (t->restarted.load()) {
        t->ok_after_restart.fetch_add(1);
      }
    } catch (const pg::unavailable&) {
      t->unavailable.fetch_add(1);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "unexpected exception: " << e.what();
      t->other.fetch_add(1);
    }
    const long ms = std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count();
    if (ms > t->slowest_ms.load()) {
      t->slowest_ms.store(ms);
    }
    pause.expires_after(milliseconds(20));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

TEST(pg_restart, outage_fails_fast_and_pool_reconnects) {
  auto url = pg_url();
  const char* restart = std::getenv("UGOKI_TEST_PG_RESTART_CMD");
  if (!url || restart == nullptr || *restart == '\0') {
    UGOKI_SKIP_UNSET("UGOKI_TEST_DATABASE_URL or UGOKI_TEST_PG_RESTART_CMD");
  }
  pg::settings s;
  s.url = *url;
  s.connections_per_thread = 2;
  s.acquire_timeout = milliseconds(1000);
  s.connect_timeout = milliseconds(1000);
  s.statement_timeout = milliseconds(1000);

  asio::io_context ioc;
  pg::database db(s, 1);
  tally t;
  std::atomic<bool> stop{false};
  std::thread io([&] {
    db.attach_thread(0, ioc.get_executor());
    for (int i = 0; i < 3; ++i) {  // three concurrent probers share the two connections
      asio::co_spawn(ioc, prober(db, &t, &stop), [](std::exception_ptr e) {
        if (e) {
          ADD_FAILURE() << "prober died";
        }
      });
    }
    ioc.run();
  });

  // The probers are up once a few queries went through (bounded: a cold ASan start is slow).
  const auto up_by = steady_clock::now() + std::chrono::seconds(10);
  while (t.ok.load() < 3 && steady_clock::now() < up_by) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_GE(t.ok.load(), 3) << "no successful queries before the restart";
  EXPECT_EQ(std::system(restart), 0) << "restart command failed";
  t.restarted = true;
  // Backoff tops out at 5 s, so recovery must come well within 15 s.
  const auto deadline = steady_clock::now() + std::chrono::seconds(15);
  while (t.ok_after_restart.load() < 10 && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  stop = true;
  io.join();

  EXPECT_GE(t.ok_after_restart.load(), 10) << "the pool did not reconnect";
  EXPECT_EQ(t.other.load(), 0);
  // Every request, failed or not, ended within the acquire timeout plus one statement timeout
  // (with the client-side grace): nothing hung through the outage.
  EXPECT_LT(t.slowest_ms.load(), 1000 + 1500 + 200);
  const pg::pool_stats st = db.stats();
  EXPECT_EQ(st.in_use, 0u);
  EXPECT_LE(st.open, 2u);
  std::printf("restart: ok=%d unavailable=%d slowest=%ld ms\n", t.ok.load(), t.unavailable.load(),
              t.slowest_ms.load());
}

}  // namespace
}  // namespace ugoki::testing
