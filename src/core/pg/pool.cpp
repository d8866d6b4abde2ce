// Per-thread pool: idle stack, waiter FIFO, lazy connects with exponential backoff, dirty rollback.
#include "core/pg/pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <spdlog/spdlog.h>
#include <algorithm>

#include "core/pg/error.hpp"

namespace ugoki::pg::detail {

namespace asio = boost::asio;
using std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds first_backoff{100};
constexpr std::chrono::milliseconds max_backoff{5000};
constexpr statement rollback_stmt{"", "ROLLBACK"};

}  // namespace

// Keeps a waiter in the FIFO exactly as long as its coroutine waits.
struct shard::queued {
  std::deque<waiter*>& fifo;
  waiter* w;
  queued(std::deque<waiter*>& f, waiter* self) : fifo(f), w(self) { fifo.push_back(w); }
  queued(const queued&) = delete;
  queued& operator=(const queued&) = delete;
  ~queued() {
    if (auto it = std::find(fifo.begin(), fifo.end(), w); it != fifo.end()) {
      fifo.erase(it);
    }
  }
};

namespace {}  // namespace

lease::~lease() {
  if (conn_) {
    owner_->release(std::move(conn_), dirty_);
  }
}

void shard::publish() {
  stats_.open.store(open_, std::memory_order_relaxed);
  stats_.idle.store(idle_.size(), std::memory_order_relaxed);
  stats_.in_use.store(open_ - idle_.size(), std::memory_order_relaxed);
  stats_.waiting.store(waiters_.size(), std::memory_order_relaxed);
}

void shard::wake_all() {
  // Woken waiters find no connection in their slot and loop: they retry, or fail fast.
  for (waiter* w : waiters_) {
    w->timer.cancel();
  }
  waiters_.clear();
}

asio::awaitable<lease> shard::acquire() {
  const auto deadline = steady_clock::now() + settings_.acquire_timeout;
  for (;;) {
    // Most recently used first: it is the likeliest to be warm, and the rest can age out.
    while (!idle_.empty()) {
      std::unique_ptr<connection> c = std::move(idle_.back());
      idle_.pop_back();
      if (c->healthy_when_idle()) {
        publish();
        co_return lease(*this, std::move(c));
      }
      --open_;
      publish();
      spdlog::info("postgres: dropping an idle connection the server closed");
    }
    if (open_ < settings_.connections_per_thread) {
      if (steady_clock::now() < retry_at_) {
        // The last connect failed moments ago: answer now instead of queueing on a dead server.
        throw unavailable("postgres: server unreachable, reconnecting with backoff");
      }
      co_return lease(*this, co_await connect(deadline));
    }
    if (steady_clock::now() >= deadline) {
      throw unavailable("postgres: no connection free within the acquire timeout");
    }
    waiter w{asio::steady_timer(ex_, deadline), nullptr};
    {
      // On timeout (or if this frame is destroyed at shutdown) we are still queued; on a
      // hand-over or wake-up release() already removed us.
      queued q{waiters_, &w};
      publish();
      co_await w.timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    publish();
    if (w.conn) {
      co_return lease(*this, std::move(w.conn));
    }
  }
}

asio::awaitable<std::unique_ptr<connection>> shard::connect(steady_clock::time_point deadline) {
  ++open_;  // reserve the slot while connecting so concurrent acquires do not overshoot
  publish();
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now());
  const auto timeout = std::clamp(left, std::chrono::milliseconds{1}, settings_.connect_timeout);
  std::unique_ptr<connection> c;
  try {
    c = co_await connection::open(ex_, settings_, timeout);
  } catch (...) {
    --open_;
    backoff_ = std::min(backoff_ == backoff_.zero() ? first_backoff : backoff_ * 2, max_backoff);
    retry_at_ = steady_clock::now() + backoff_;
    spdlog::warn("postgres: connect failed; next attempt in {} ms", backoff_.count());
    wake_all();  // everyone queued behind this attempt fails fast too
    publish();
    throw;
  }
  if (backoff_ != backoff_.zero()) {
    spdlog::info("postgres: reconnected");
  }
  backoff_ = backoff_.zero();
  co_return c;
}

void shard::release(std::unique_ptr<connection> conn, bool dirty) {
  if (conn->broken()) {
    // Dropping frees a slot: wake one waiter so it can open a fresh connection.
    conn.reset();
    --open_;
    if (!waiters_.empty()) {
      waiters_.front()->timer.cancel();
      waiters_.pop_front();
    }
  } else if (dirty) {
    // An abandoned transaction may hold locks: roll back now rather than when next acquired.
    // The spawned coroutine owns the connection; the shard outlives it (see database.hpp).
    asio::co_spawn(ex_, roll_back_and_release(std::move(conn)), [](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("postgres: rollback task failed: {}", ex.what());
        }
      }
    });
  } else if (!waiters_.empty()) {
    waiter* w = waiters_.front();
    waiters_.pop_front();
    w->conn = std::move(conn);
    w->timer.cancel();
  } else {
    idle_.push_back(std::move(conn));
  }
  publish();
}

asio::awaitable<void> shard::roll_back_and_release(std::unique_ptr<connection> conn) {
  const params none;
  const call c{&rollback_stmt, &none};
  try {
    co_await conn->run(std::span(&c, 1), settings_.statement_timeout);
  } catch (const std::exception& e) {
    // A failed ROLLBACK leaves the connection suspect; run() marked it broken if I/O failed.
    if (!conn->broken()) {
      spdlog::warn("postgres: ROLLBACK of an abandoned transaction failed: {}", e.what());
      conn->mark_broken();
    }
  }
  release(std::move(conn), false);
}

}  // namespace ugoki::pg::detail
