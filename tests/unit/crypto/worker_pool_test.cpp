// The header under test comes first: it must be self-contained.
#include "core/worker_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>

#include "core/crypto/password.hpp"

namespace ugoki {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Runs `coro` on `io` and remembers its exception, checking for a null one (Boost 1.81).
template <class Awaitable>
void spawn(asio::io_context& io, Awaitable coro, std::exception_ptr& error) {
  asio::co_spawn(io, std::move(coro), [&error](std::exception_ptr e) {
    if (e) {
      error = e;
    }
  });
}

// One caller: submits `count` jobs one after another and checks each resumes on the caller's
// own thread and that results come back in submission order.
asio::awaitable<void> caller(worker_pool& pool, int id, int count, std::atomic<int>& done) {
  auto io_thread = std::this_thread::get_id();
  for (int seq = 0; seq < count; ++seq) {
    int r = co_await pool.submit([id, seq, io_thread] {
      if (std::this_thread::get_id() == io_thread) {
        throw std::logic_error("ran on the I/O thread");
      }
      return id * 1000 + seq;
    });
    if (r != id * 1000 + seq || std::this_thread::get_id() != io_thread) {
      throw std::logic_error("wrong result or wrong resuming thread");
    }
  }
  done.fetch_add(1);
}

TEST(worker_pool, many_callers_on_two_io_threads) {
  worker_pool pool(2, 10'000);
  asio::io_context io1;
  asio::io_context io2;
  std::atomic<int> done{0};
  std::exception_ptr e1;
  std::exception_ptr e2;
  for (int i = 0; i < 50; ++i) {
    spawn(io1, caller(pool, i, 20, done), e1);
    spawn(io2, caller(pool, 100 + i, 20, done), e2);
  }
  std::thread t1([&] { io1.run(); });
  std::thread t2([&] { io2.run(); });
  t1.join();
  t2.join();
  if (e1) {
    std::rethrow_exception(e1);
  }
  if (e2) {
    std::rethrow_exception(e2);
  }
  EXPECT_EQ(done.load(), 100);
  // A worker counts itself idle just after posting its result, so read the stats once the
  // threads have finished.
  pool.shutdown();
  auto s = pool.stats();
  EXPECT_EQ(s.threads, 2u);
  EXPECT_EQ(s.queued, 0u);
  EXPECT_EQ(s.busy, 0u);
}

asio::awaitable<void> expect_exceptions(worker_pool& pool, int& caught) {
  try {
    co_await pool.submit([]() -> int { throw std::runtime_error("boom"); });
  } catch (const std::runtime_error& e) {
    caught += std::string(e.what()) == "boom";
  }
  try {
    co_await pool.submit([] { throw std::out_of_range("void boom"); });
  } catch (const std::out_of_range&) {
    ++caught;
  }
  // Move-only results and void results work too.
  auto p = co_await pool.submit([] { return std::make_unique<int>(7); });
  caught += *p == 7;
  co_await pool.submit([] {});
}

TEST(worker_pool, exceptions_reach_the_awaiter) {
  worker_pool pool(1, 8);
  asio::io_context io;
  int caught = 0;
  std::exception_ptr error;
  spawn(io, expect_exceptions(pool, caught), error);
  io.run();
  EXPECT_FALSE(error);
  EXPECT_EQ(caught, 3);
}

asio::awaitable<void> wait_until(std::function<bool()> ready) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < 1000 && !ready(); ++i) {
    timer.expires_after(2ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<void> fill_then_overflow(worker_pool& pool, std::shared_future<void> gate,
                                         std::promise<void>& open, std::exception_ptr& error,
                                         bool& refused) {
  auto ex = co_await asio::this_coro::executor;
  auto blocked = [&pool, gate]() { return pool.submit([gate] { gate.wait(); }); };
  auto start_blocked = [&] {
    asio::co_spawn(ex, blocked(), [&error](std::exception_ptr e) {
      if (e) {
        error = e;
      }
    });
  };
  // One task blocks the only thread; then two more fill the queue of two. Step by step, so
  // the third is not refused while the worker has yet to take the first.
  start_blocked();
  co_await wait_until([&pool] { return pool.stats().busy == 1; });
  start_blocked();
  start_blocked();
  co_await wait_until([&pool] { return pool.stats().queued == 2; });
  if (pool.stats().busy == 1 && pool.stats().queued == 2) {
    try {
      co_await pool.submit([] { return 1; });
    } catch (const worker_pool_busy& e) {
      const dependency_unavailable& base = e;
      refused = base.dependency() == "workers";
    }
  }
  open.set_value();
}

TEST(worker_pool, full_queue_refuses_with_busy) {
  worker_pool pool(1, 2);
  asio::io_context io;
  std::promise<void> open;
  bool refused = false;
  std::exception_ptr error;
  spawn(io, fill_then_overflow(pool, open.get_future().share(), open, error, refused), error);
  io.run();  // returns once the three blocked tasks have completed too
  EXPECT_FALSE(error);
  EXPECT_TRUE(refused);
  EXPECT_EQ(pool.stats().queued, 0u);
}

// One job that hashes and then does not end until the I/O thread releases it (or 10 s pass): if
// it ran on the I/O thread, no timer could fire and nothing could release it.
asio::awaitable<void> hash_until_released(worker_pool& pool, std::shared_future<void> release,
                                          std::atomic<bool>& released,
                                          std::atomic<bool>& finished) {
  // Named first: GCC 12 destroys a temporary with a destructor twice across a co_await.
  auto job = [release, &released] {
    crypto::hash_password("correct horse battery staple");
    released = release.wait_for(10s) == std::future_status::ready;
  };
  auto run = pool.submit(std::move(job));
  co_await std::move(run);
  finished = true;
}

asio::awaitable<void> tick_then_release(std::atomic<bool>& hashing_done, int& ticks_while_hashing,
                                        std::promise<void>& release) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int i = 0; i < 5; ++i) {
    timer.expires_after(5ms);
    co_await timer.async_wait(asio::use_awaitable);
    ticks_while_hashing += !hashing_done;
  }
  release.set_value();
}

TEST(worker_pool, io_thread_stays_responsive_while_workers_hash) {
  worker_pool pool(1, 8);
  asio::io_context io;
  std::promise<void> release;
  std::atomic<bool> released{false};
  std::atomic<bool> hashing_done{false};
  int ticks_while_hashing = 0;
  std::exception_ptr e1;
  std::exception_ptr e2;
  spawn(io, hash_until_released(pool, release.get_future().share(), released, hashing_done), e1);
  spawn(io, tick_then_release(hashing_done, ticks_while_hashing, release), e2);
  io.run();
  EXPECT_FALSE(e1);
  EXPECT_FALSE(e2);
  EXPECT_TRUE(hashing_done);
  // The job waited for the ticks: all five fired on the I/O thread while it was still running.
  EXPECT_TRUE(released);
  EXPECT_EQ(ticks_while_hashing, 5);
}

asio::awaitable<void> count_jobs(worker_pool& pool, std::atomic<int>& ran, int& refused) {
  try {
    co_await pool.submit([&ran] {
      std::this_thread::sleep_for(2ms);
      ran.fetch_add(1);
    });
  } catch (const worker_pool_busy&) {
    ++refused;
  }
}

TEST(worker_pool, shutdown_finishes_queued_work_then_refuses) {
  worker_pool pool(1, 100);
  asio::io_context io;
  std::atomic<int> ran{0};
  int refused = 0;
  std::exception_ptr error;
  for (int i = 0; i < 20; ++i) {
    spawn(io, count_jobs(pool, ran, refused), error);
  }
  io.poll();  // start every coroutine: all 20 jobs are now queued or running
  pool.shutdown();
  EXPECT_EQ(ran.load(), 20);
  spawn(io, count_jobs(pool, ran, refused), error);
  io.run();
  EXPECT_FALSE(error);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(ran.load(), 20);
}

}  // namespace
}  // namespace ugoki
