// Test fixture for core/jobs: the migrated schema (applied once, idempotent), a queue name no
// other test uses, and helpers that read a job's row back.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/jobs/queue.hpp"
#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {

struct job_row {
  std::string status;
  int attempts = 0;
  std::string last_error;
  bool finished = false;
  bool due = false;  // run_at <= now()
};

class jobs_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    // Idempotent and under an advisory lock, so parallel test processes are fine.
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    queue_ = pg_unique("jq");
    open();
  }
  void TearDown() override {
    if (db_) {
      run(cleanup());
    }
  }
  boost::asio::awaitable<void> cleanup() {
    static constexpr pg::statement sql{"", "DELETE FROM jobs WHERE queue = $1"};
    pg::params args{queue_};
    co_await db_->query(sql, args);
  }
  jobs::job_spec spec(std::string kind) {
    jobs::job_spec s;
    s.kind = std::move(kind);
    s.queue = queue_;
    return s;
  }
  boost::asio::awaitable<job_row> read(std::string id) {
    static constexpr pg::statement sql{
        "",
        "SELECT status, attempts, coalesce(last_error, ''), finished_at IS NOT NULL, "
        "run_at <= now() FROM jobs WHERE id = $1::uuid"};
    pg::params args{id};
    pg::result r = co_await db_->query(sql, args);
    job_row row;
    row.status = r[0].get<std::string>(0);
    row.attempts = r[0].get<int>(1);
    row.last_error = r[0].get<std::string>(2);
    row.finished = r[0].get<bool>(3);
    row.due = r[0].get<bool>(4);
    co_return row;
  }
  job_row row_of(const std::string& id) { return run(read(id)); }

  std::string queue_;
};

}  // namespace ugoki::testing
