// core/pg transactions and concurrency: commit, rollback, abandoned transactions, two threads.
#include "core/pg/database.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <atomic>
#include <thread>

#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

namespace asio = boost::asio;

// The statements of one test's table; the names embed the table name, so they are unique too.
struct table_sql {
  explicit table_sql(std::string t)
      : table(std::move(t)),
        create_sql("CREATE TABLE " + table + " (n int PRIMARY KEY, note text)"),
        insert_name(table + "_ins"),
        insert_sql("INSERT INTO " + table + " (n, note) VALUES ($1, $2)"),
        count_name(table + "_count"),
        count_sql("SELECT count(*) FROM " + table),
        drop_sql("DROP TABLE " + table) {}
  pg::statement create() const { return {"", create_sql}; }
  pg::statement insert() const { return {insert_name, insert_sql}; }
  pg::statement count() const { return {count_name, count_sql}; }
  pg::statement drop() const { return {"", drop_sql}; }

  std::string table, create_sql, insert_name, insert_sql, count_name, count_sql, drop_sql;
};

asio::awaitable<std::int64_t> count_rows(pg::database& db, const table_sql& t) {
  pg::result r = co_await db.query(t.count());
  co_return r[0].get<std::int64_t>(0);
}

asio::awaitable<int> insert_in_tx(pg::transaction& tx, const table_sql* t, int n) {
  co_await tx.query(t->insert(), {n, "via in_transaction"});
  co_return n * 10;
}

asio::awaitable<void> commit_and_rollback(pg::database& db, table_sql t) {
  co_await db.query(t.create());
  {
    pg::transaction tx = co_await db.begin();
    co_await tx.query(t.insert(), {1, "committed"});
    const pg::statement ins = t.insert();
    std::vector<pg::command> more;
    more.push_back({&ins, {2, "committed"}});
    more.push_back({&ins, {3, std::nullopt}});
    co_await tx.pipeline(more);
    co_await tx.commit();
  }
  EXPECT_EQ(co_await count_rows(db, t), 3);
  {
    pg::transaction tx = co_await db.begin();
    co_await tx.query(t.insert(), {4, "rolled back"});
    co_await tx.rollback();
  }
  EXPECT_EQ(co_await count_rows(db, t), 3);
  {
    // Abandoned without commit: with one connection per thread, the next query gets the same
    // connection, so it proves the ROLLBACK ran before reuse (and released the row lock).
    pg::transaction tx = co_await db.begin();
    co_await tx.query(t.insert(), {5, "abandoned"});
  }
  EXPECT_EQ(co_await count_rows(db, t), 3);
  pg::result ok = co_await db.query(t.insert(), {5, "reinserted"});
  EXPECT_EQ(ok.affected_rows(), 1);

  // A failed statement poisons the transaction; COMMIT then reports it instead of pretending.
  {
    pg::transaction tx = co_await db.begin();
    co_await tx.query(t.insert(), {6, "lost"});
    EXPECT_THROW(co_await tx.query(t.insert(), {1, "duplicate"}), pg::error);
    bool thrown = false;
    try {
      co_await tx.commit();
    } catch (const pg::error& e) {
      thrown = true;
      EXPECT_EQ(e.sqlstate(), "25P02");
    }
    EXPECT_TRUE(thrown);
  }
  EXPECT_EQ(co_await count_rows(db, t), 4);

  int v = co_await db.in_transaction(insert_in_tx, &t, 7);
  EXPECT_EQ(v, 70);
  EXPECT_THROW(co_await db.in_transaction(insert_in_tx, &t, 7), pg::error);
  EXPECT_EQ(co_await count_rows(db, t), 5);

  // An empty transaction costs nothing and commits fine.
  pg::transaction empty = co_await db.begin();
  co_await empty.commit();
  co_await db.query(t.drop());
}

TEST_F(pg_test, transaction_commit_rollback_and_abandon) {
  settings_.connections_per_thread = 1;
  run(commit_and_rollback(open(), table_sql(pg_unique("tx"))));
}

// One worker coroutine: a few queries and a transaction, counting what it completed.
asio::awaitable<void> worker(pg::database& db, const table_sql* t, int id, std::atomic<int>* done) {
  for (int i = 0; i < 5; ++i) {
    pg::result r = co_await db.query({"test_echo", "SELECT $1::int + 1"}, {id * 100 + i});
    EXPECT_EQ(r[0].get<int>(0), id * 100 + i + 1);
  }
  pg::transaction tx = co_await db.begin();
  co_await tx.query(t->insert(), {id, "worker"});
  co_await tx.commit();
  done->fetch_add(1);
}

void serve(asio::io_context* ioc_ptr, pg::database* db, std::size_t index, const table_sql* t,
           int first, int count, std::atomic<int>* done) {
  asio::io_context& ioc = *ioc_ptr;
  db->attach_thread(index, ioc.get_executor());
  for (int id = first; id < first + count; ++id) {
    asio::co_spawn(ioc, worker(*db, t, id, done), [](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          ADD_FAILURE() << "worker failed: " << ex.what();
        }
      }
    });
  }
  ioc.run();
}

asio::awaitable<void> run_statement(pg::database& db, pg::statement st) {
  co_await db.query(st);
}

TEST_F(pg_test, many_coroutines_on_two_threads) {
  table_sql t(pg_unique("conc"));
  run(run_statement(open(), t.create()));

  settings_.connections_per_thread = 3;
  settings_.acquire_timeout = std::chrono::milliseconds{10000};
  // The io_contexts outlive the database, as in the app: its connections are registered there.
  asio::io_context ioc_a;
  asio::io_context ioc_b;
  pg::database shared(settings_, 2);
  constexpr int per_thread = 150;
  std::atomic<int> done{0};
  std::thread a(serve, &ioc_a, &shared, 0, &t, 0, per_thread, &done);
  std::thread b(serve, &ioc_b, &shared, 1, &t, per_thread, per_thread, &done);
  a.join();
  b.join();
  EXPECT_EQ(done.load(), 2 * per_thread);
  const pg::pool_stats st = shared.stats();
  EXPECT_LE(st.open, 6u);
  EXPECT_EQ(st.in_use, 0u);
  EXPECT_EQ(st.waiting, 0u);
  EXPECT_EQ(st.idle, st.open);

  EXPECT_EQ(run(count_rows(*db_, t)), 2 * per_thread);
  run(run_statement(*db_, t.drop()));
}

}  // namespace
}  // namespace ugoki::testing
