// core/jobs/queue against a real PostgreSQL: enqueue (alone, in a transaction, deduplicated),
// claim with SKIP LOCKED (concurrent claimers get disjoint jobs), complete, fail, reap.
#include "core/jobs/queue.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "integration/jobs/jobs_fixture.hpp"

namespace ugoki::testing {
namespace {

using boost::asio::awaitable;
using std::chrono::seconds;

class queue_test : public jobs_test {};

TEST_F(queue_test, enqueue_claim_complete) {
  auto id = run(jobs::enqueue(*db_, spec("test.work")));
  ASSERT_TRUE(id.has_value());
  auto claimed = run(jobs::claim(*db_, queue_, "w1", 10));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, *id);
  EXPECT_EQ(claimed[0].kind, "test.work");
  EXPECT_EQ(claimed[0].payload, "{}");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(row_of(*id).status, "running");
  EXPECT_TRUE(run(jobs::claim(*db_, queue_, "w2", 10)).empty()) << "a running job is not due";
  EXPECT_FALSE(run(jobs::complete(*db_, *id, "w2"))) << "only its worker records the outcome";
  EXPECT_TRUE(run(jobs::complete(*db_, *id, "w1")));
  auto row = row_of(*id);
  EXPECT_EQ(row.status, "succeeded");
  EXPECT_TRUE(row.finished);
}

TEST_F(queue_test, a_dedupe_key_holds_one_pending_job) {
  auto s = spec("test.once");
  s.dedupe_key = queue_ + ":k";
  auto first = run(jobs::enqueue(*db_, s));
  auto second = run(jobs::enqueue(*db_, s));
  EXPECT_TRUE(first.has_value());
  EXPECT_FALSE(second.has_value());
  auto claimed = run(jobs::claim(*db_, queue_, "w", 1));
  ASSERT_EQ(claimed.size(), 1u);
  run(jobs::complete(*db_, claimed[0].id, "w"));
  EXPECT_TRUE(run(jobs::enqueue(*db_, s)).has_value()) << "free again once finished";
}

awaitable<std::optional<std::string>> enqueue_then_rollback(pg::database& db, jobs::job_spec s) {
  pg::transaction tx = co_await db.begin();
  auto id = co_await jobs::enqueue(tx, std::move(s));
  co_await tx.rollback();
  co_return id;
}

awaitable<std::optional<std::string>> enqueue_then_commit(pg::database& db, jobs::job_spec s) {
  pg::transaction tx = co_await db.begin();
  auto id = co_await jobs::enqueue(tx, std::move(s));
  co_await tx.commit();
  co_return id;
}

TEST_F(queue_test, enqueue_in_a_transaction_exists_only_if_it_commits) {
  auto rolled_back = run(enqueue_then_rollback(*db_, spec("test.tx")));
  ASSERT_TRUE(rolled_back.has_value());
  EXPECT_TRUE(run(jobs::claim(*db_, queue_, "w", 10)).empty());
  auto committed = run(enqueue_then_commit(*db_, spec("test.tx")));
  auto claimed = run(jobs::claim(*db_, queue_, "w", 10));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, *committed);
}

TEST_F(queue_test, delayed_jobs_are_not_due) {
  auto s = spec("test.later");
  s.delay = seconds(3600);
  run(jobs::enqueue(*db_, s));
  EXPECT_TRUE(run(jobs::claim(*db_, queue_, "w", 10)).empty());
}

// Two claimers in flight at once on separate connections: SKIP LOCKED gives them disjoint sets.
awaitable<void> claim_into(pg::database& db, std::string queue, std::string worker,
                           std::vector<jobs::job>& out, int& done) {
  for (;;) {
    auto got = co_await jobs::claim(db, queue, worker, 3);
    if (got.empty()) {
      break;
    }
    for (auto& j : got) {
      out.push_back(std::move(j));
    }
  }
  ++done;
}

TEST_F(queue_test, concurrent_claimers_never_take_the_same_job) {
  constexpr int total = 40;
  for (int i = 0; i < total; ++i) {
    run(jobs::enqueue(*db_, spec("test.race")));
  }
  std::vector<jobs::job> a, b;
  int done = 0;
  boost::asio::co_spawn(ioc_, claim_into(*db_, queue_, "wa", a, done), boost::asio::detached);
  boost::asio::co_spawn(ioc_, claim_into(*db_, queue_, "wb", b, done), boost::asio::detached);
  ioc_.restart();
  ioc_.run();
  ASSERT_EQ(done, 2);
  std::set<std::string> ids;
  for (const auto& j : a) {
    ids.insert(j.id);
  }
  for (const auto& j : b) {
    EXPECT_FALSE(ids.contains(j.id)) << "job " << j.id << " claimed twice";
    ids.insert(j.id);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(total));
  EXPECT_EQ(a.size() + b.size(), static_cast<std::size_t>(total));
}

TEST_F(queue_test, fail_requeues_with_backoff_then_gives_up_with_the_error) {
  auto s = spec("test.flaky");
  s.max_attempts = 2;
  auto id = *run(jobs::enqueue(*db_, s));
  auto first = run(jobs::claim(*db_, queue_, "w", 1));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(run(jobs::fail(*db_, id, "w", "first failure", seconds(3600))));
  auto row = row_of(id);
  EXPECT_EQ(row.status, "queued");
  EXPECT_FALSE(row.due) << "backed off";
  EXPECT_EQ(row.last_error, "first failure");

  run(jobs::fail(*db_, id, "nobody", "ignored", seconds(0)));  // not running: no effect
  static constexpr pg::statement due_now{"", "UPDATE jobs SET run_at = now() WHERE id = $1::uuid"};
  pg::params args{id};
  run(db_->query(due_now, args));
  auto second = run(jobs::claim(*db_, queue_, "w", 1));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  EXPECT_TRUE(run(jobs::fail(*db_, id, "w", std::string(5000, 'x'), seconds(0))));
  row = row_of(id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_TRUE(row.finished);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.last_error.size(), 4000u) << "cut to the column's limit";
}

TEST_F(queue_test, reaper_requeues_jobs_whose_worker_vanished) {
  auto id = *run(jobs::enqueue(*db_, spec("test.orphan")));
  ASSERT_EQ(run(jobs::claim(*db_, queue_, "dead-worker", 1)).size(), 1u);
  static constexpr pg::statement age{
      "", "UPDATE jobs SET locked_at = now() - interval '1 hour' WHERE id = $1::uuid"};
  pg::params args{id};
  run(db_->query(age, args));
  EXPECT_GE(run(jobs::reap_stale(*db_, seconds(600))), 1);
  auto row = row_of(id);
  EXPECT_EQ(row.status, "queued");
  EXPECT_NE(row.last_error.find("worker lost"), std::string::npos);
  EXPECT_FALSE(run(jobs::complete(*db_, id, "dead-worker"))) << "its late outcome is ignored";
}

}  // namespace
}  // namespace ugoki::testing
