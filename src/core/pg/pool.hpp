// One I/O thread's connection pool (a shard) and the lease a request holds (internal to core/pg).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include "core/pg/connection.hpp"
#include "core/pg/settings.hpp"

namespace ugoki::pg::detail {

class shard;

// Exclusive use of one connection. Destroying it gives the connection back; `dirty` says a
// transaction may still be open on it, so the shard rolls it back before anyone reuses it.
class lease {
 public:
  lease(shard& owner, std::unique_ptr<connection> conn) : owner_(&owner), conn_(std::move(conn)) {}
  lease(lease&& other) noexcept = default;
  lease& operator=(lease&&) = delete;
  ~lease();

  connection& conn() { return *conn_; }
  void set_dirty(bool dirty) { dirty_ = dirty; }

 private:
  shard* owner_;
  std::unique_ptr<connection> conn_;
  bool dirty_ = false;
};

// The connections of one I/O thread. Used only from that thread, so nothing here is locked;
// the counters are atomics only so a /metrics scrape on another thread can read them.
class shard {
 public:
  explicit shard(const settings& s) : settings_(s) {}
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;

  // Binds the shard to its thread's executor; call before the first acquire.
  void attach(boost::asio::any_io_executor ex) { ex_ = std::move(ex); }
  const boost::asio::any_io_executor& executor() const { return ex_; }

  // A connection for exclusive use: an idle one, a new one if below the limit, or the next one
  // released within the acquire timeout. Throws pg::unavailable on timeout, when connecting
  // fails, or at once while reconnect backoff says the server is down.
  boost::asio::awaitable<lease> acquire();

  // Called by ~lease: reuse, hand to a waiter, roll back first (dirty), or drop (broken).
  void release(std::unique_ptr<connection> conn, bool dirty);

  struct counters {
    std::atomic<std::size_t> open{0};
    std::atomic<std::size_t> idle{0};
    std::atomic<std::size_t> in_use{0};
    std::atomic<std::size_t> waiting{0};
  };
  const counters& stats() const { return stats_; }

 private:
  // A coroutine waiting for a connection; lives in that coroutine's frame.
  struct waiter {
    boost::asio::steady_timer timer;
    std::unique_ptr<connection> conn;  // set when a connection is handed over
  };
  struct queued;

  boost::asio::awaitable<std::unique_ptr<connection>> connect(
      std::chrono::steady_clock::time_point deadline);
  boost::asio::awaitable<void> roll_back_and_release(std::unique_ptr<connection> conn);
  void wake_all();
  void publish();

  const settings& settings_;
  boost::asio::any_io_executor ex_;
  std::vector<std::unique_ptr<connection>> idle_;
  std::deque<waiter*> waiters_;
  std::size_t open_ = 0;  // connected, connecting, or being rolled back
  // Reconnect backoff: after a failed connect, no new attempt before retry_at_.
  std::chrono::milliseconds backoff_{0};
  std::chrono::steady_clock::time_point retry_at_{};
  counters stats_;
};

}  // namespace ugoki::pg::detail
