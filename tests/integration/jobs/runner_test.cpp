// core/jobs runner and scheduler against a real PostgreSQL: handlers run once each even with two
// runners, failures are retried and then recorded, unknown kinds fail, stop() lets the running
// job finish, a job longer than the visibility timeout keeps its lock, and periodic jobs keep
// exactly one pending job per schedule. Tests that stop a runner wait for its own signals (the
// job started, the runner went idle), never for a guessed delay.
#include "core/jobs/runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <stdexcept>
#include <thread>

#include "core/jobs/scheduler.hpp"
#include "integration/jobs/jobs_fixture.hpp"

namespace ugoki::testing {
namespace {

namespace asio = boost::asio;
using asio::awaitable;
using std::chrono::milliseconds;
using std::chrono::seconds;

awaitable<void> pause(milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor);
  t.expires_after(d);
  co_await t.async_wait(asio::use_awaitable);
}

// Counts runs per job id and per worker.
struct tally {
  std::map<std::string, int> runs;
  std::map<std::string, int> by_worker;
};

awaitable<void> counted(tally& t, const jobs::job& j, std::string worker) {
  ++t.runs[j.id];
  ++t.by_worker[worker];
  co_await pause(milliseconds(3));  // long enough for the other runner to claim meanwhile
}

class runner_test : public jobs_test {
 protected:
  jobs::runner_settings settings(std::string worker) {
    jobs::runner_settings s;
    s.queue = queue_;
    s.worker_id = std::move(worker);
    s.backoff_base = seconds(0);  // retries due at once, so run_until_empty sees them
    s.poll_interval = milliseconds(20);
    return s;
  }
};

awaitable<void> drain(jobs::runner& r, int& done) {
  co_await r.run_until_empty(milliseconds(0));
  ++done;
}

TEST_F(runner_test, two_runners_run_every_job_exactly_once) {
  tally t;
  jobs::registry ra, rb;
  ra.add("test.count", [&t](const jobs::job& j) { return counted(t, j, "a"); });
  rb.add("test.count", [&t](const jobs::job& j) { return counted(t, j, "b"); });
  constexpr int total = 30;
  for (int i = 0; i < total; ++i) {
    run(jobs::enqueue(*db_, spec("test.count")));
  }
  jobs::runner a(*db_, ra, settings("runner-a"));
  jobs::runner b(*db_, rb, settings("runner-b"));
  int done = 0;
  asio::co_spawn(ioc_, drain(a, done), asio::detached);
  asio::co_spawn(ioc_, drain(b, done), asio::detached);
  ioc_.restart();
  ioc_.run();
  ASSERT_EQ(done, 2);
  EXPECT_EQ(t.runs.size(), static_cast<std::size_t>(total));
  for (const auto& [id, n] : t.runs) {
    EXPECT_EQ(n, 1) << "job " << id << " ran " << n << " times";
    EXPECT_EQ(row_of(id).status, "succeeded");
  }
  EXPECT_GT(t.by_worker["a"], 0);
  EXPECT_GT(t.by_worker["b"], 0);
}

awaitable<void> flaky(int& calls, int fail_times) {
  ++calls;
  if (calls <= fail_times) {
    throw std::runtime_error("transient failure " + std::to_string(calls));
  }
  co_return;
}

TEST_F(runner_test, a_failing_job_is_retried_until_it_succeeds) {
  int calls = 0;
  jobs::registry kinds;
  kinds.add("test.flaky", [&calls](const jobs::job&) { return flaky(calls, 2); });
  auto id = *run(jobs::enqueue(*db_, spec("test.flaky")));
  jobs::runner r(*db_, kinds, settings("w"));
  EXPECT_EQ(run(r.run_until_empty(milliseconds(0))), 3u);
  EXPECT_EQ(calls, 3);
  auto row = row_of(id);
  EXPECT_EQ(row.status, "succeeded");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.last_error, "transient failure 2") << "the last failure stays for inspection";
}

TEST_F(runner_test, a_job_out_of_attempts_fails_and_records_last_error) {
  int calls = 0;
  jobs::registry kinds;
  kinds.add("test.broken", [&calls](const jobs::job&) { return flaky(calls, 100); });
  auto s = spec("test.broken");
  s.max_attempts = 3;
  auto id = *run(jobs::enqueue(*db_, s));
  auto unknown = *run(jobs::enqueue(*db_, spec("test.nobody_handles_this")));
  jobs::runner r(*db_, kinds, settings("w"));
  run(r.run_until_empty(milliseconds(0)));
  EXPECT_EQ(calls, 3);
  auto row = row_of(id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_TRUE(row.finished);
  EXPECT_EQ(row.last_error, "transient failure 3");
  auto other = row_of(unknown);
  EXPECT_EQ(other.status, "failed");
  EXPECT_NE(other.last_error.find("no handler"), std::string::npos);
}

TEST_F(runner_test, backoff_keeps_a_failed_job_out_of_the_way) {
  int calls = 0;
  jobs::registry kinds;
  kinds.add("test.later", [&calls](const jobs::job&) { return flaky(calls, 1); });
  auto id = *run(jobs::enqueue(*db_, spec("test.later")));
  auto s = settings("w");
  s.backoff_base = seconds(600);
  jobs::runner r(*db_, kinds, s);
  EXPECT_EQ(run(r.run_until_empty(milliseconds(0))), 1u);
  auto row = row_of(id);
  EXPECT_EQ(row.status, "queued");
  EXPECT_FALSE(row.due);
  EXPECT_EQ(row.attempts, 1);
}

// Says that it runs, then keeps running until the test has called stop() (bounded by 10 s), so
// stop() certainly arrives while the job is in progress.
awaitable<void> slow(std::promise<void>& started, const std::atomic<bool>& stop_called,
                     bool& saw_stop, bool& finished) {
  started.set_value();
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  while (!stop_called.load() && std::chrono::steady_clock::now() < deadline) {
    co_await pause(milliseconds(5));
  }
  saw_stop = stop_called.load();
  co_await pause(milliseconds(20));  // and is still busy for a moment after stop() returned
  finished = true;
}

awaitable<void> run_loop(jobs::runner& r, bool& returned) {
  co_await r.run();
  returned = true;
}

TEST_F(runner_test, stop_lets_the_running_job_finish) {
  std::promise<void> started;
  std::atomic<bool> stop_called{false};
  bool saw_stop = false;
  bool finished = false;
  bool returned = false;
  jobs::registry kinds;
  kinds.add("test.slow",
            [&](const jobs::job&) { return slow(started, stop_called, saw_stop, finished); });
  auto id = *run(jobs::enqueue(*db_, spec("test.slow")));
  jobs::runner r(*db_, kinds, settings("w"));
  asio::co_spawn(ioc_, run_loop(r, returned), asio::detached);
  // SIGTERM arrives from another thread while the job runs.
  bool job_was_running = false;
  std::thread stopper([&] {
    job_was_running = started.get_future().wait_for(seconds(10)) == std::future_status::ready;
    r.stop();
    stop_called = true;
  });
  ioc_.restart();
  ioc_.run();
  stopper.join();
  ASSERT_TRUE(job_was_running) << "the runner did not start the job within 10 s";
  EXPECT_TRUE(saw_stop) << "stop() came after the job had ended";
  EXPECT_TRUE(returned);
  EXPECT_TRUE(finished);
  EXPECT_EQ(row_of(id).status, "succeeded");
}

// Runs for 3 s; halfway, the reaper of another instance runs with a 1 s visibility timeout.
awaitable<void> long_job(int& runs, std::int64_t& reaped, pg::database& db) {
  ++runs;
  co_await pause(milliseconds(1500));
  reaped = co_await jobs::reap_stale(db, seconds(1));
  co_await pause(milliseconds(1500));
}

TEST_F(runner_test, a_job_running_longer_than_the_visibility_timeout_keeps_its_lock) {
  int runs = 0;
  std::int64_t reaped = -1;
  jobs::registry kinds;
  kinds.add("test.long",
            [&runs, &reaped, this](const jobs::job&) { return long_job(runs, reaped, *db_); });
  auto id = *run(jobs::enqueue(*db_, spec("test.long")));
  auto s = settings("w");
  s.visibility_timeout = seconds(1);  // renewed every third of a second
  jobs::runner r(*db_, kinds, s);
  int done = 0;
  asio::co_spawn(ioc_, drain(r, done), asio::detached);
  ioc_.restart();
  ioc_.run();
  ASSERT_EQ(done, 1);
  EXPECT_EQ(reaped, 0) << "the reaper took a job whose worker was alive";
  EXPECT_EQ(runs, 1);
  auto row = row_of(id);
  EXPECT_EQ(row.status, "succeeded");
  EXPECT_EQ(row.attempts, 1);
}

TEST_F(runner_test, stop_wakes_an_idle_runner) {
  bool returned = false;
  jobs::registry kinds;
  auto s = settings("w");
  s.poll_interval = seconds(30);
  // The runner says when it starts its 30 s wait: stop() comes exactly then, never before.
  std::promise<void> idle;
  bool told = false;
  s.on_idle = [&idle, &told] {
    if (!told) {
      told = true;
      idle.set_value();
    }
  };
  jobs::runner r(*db_, kinds, s);
  asio::co_spawn(ioc_, run_loop(r, returned), asio::detached);
  bool was_idle = false;
  std::chrono::steady_clock::time_point stopped_at;
  std::thread stopper([&] {
    was_idle = idle.get_future().wait_for(seconds(10)) == std::future_status::ready;
    stopped_at = std::chrono::steady_clock::now();
    r.stop();
  });
  ioc_.restart();
  ioc_.run();
  stopper.join();
  ASSERT_TRUE(was_idle) << "the runner never went idle";
  EXPECT_TRUE(returned);
  // Far less than the 30 s poll interval it was waiting out.
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, seconds(10));
}

TEST_F(runner_test, scheduler_keeps_one_pending_job_per_schedule) {
  const std::string kind = "test.tick_" + queue_.substr(3);
  jobs::scheduler sched(*db_, {{kind, seconds(3600)}}, queue_);
  run(sched.ensure(false));
  run(sched.ensure(false));
  static constexpr pg::statement pending{"", R"(
SELECT count(*), bool_and(run_at > now()),
       bool_and(extract(epoch FROM run_at)::bigint % 3600 = 0)
  FROM jobs WHERE queue = $1 AND status = 'queued')"};
  pg::params args{queue_};
  auto r = run(db_->query(pending, args));
  EXPECT_EQ(r[0].get<int>(0), 1);
  EXPECT_TRUE(r[0].get<bool>(1)) << "due at the next slot";
  EXPECT_TRUE(r[0].get<bool>(2)) << "slots are whole hours";

  run(sched.ensure(true));
  int calls = 0;
  jobs::registry kinds;
  kinds.add(kind, [&calls](const jobs::job&) { return flaky(calls, 0); });
  jobs::runner runner(*db_, kinds, settings("w"));
  EXPECT_EQ(run(runner.run_until_empty(milliseconds(0))), 1u) << "due now: runs once";
  EXPECT_EQ(calls, 1);
  run(sched.ensure(false));
  r = run(db_->query(pending, args));
  EXPECT_EQ(r[0].get<int>(0), 1) << "the next slot is pending again";
}

}  // namespace
}  // namespace ugoki::testing
