// The PostgreSQL facade every service holds by reference: per-thread pools, queries, pipelines,
// transactions. Nothing on the request path is shared between I/O threads or locked.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/pg/error.hpp"
#include "core/pg/params.hpp"
#include "core/pg/result.hpp"
#include "core/pg/settings.hpp"

namespace ugoki::pg {

namespace detail {
class shard;
class lease;
class query_batcher;
struct call;
}  // namespace detail

// One statement of a pipeline. `stmt` must outlive the call (it is a constexpr in a store.cpp).
struct command {
  const statement* stmt;
  params args;
};

struct pool_stats {
  std::size_t open = 0;     // connections open or opening
  std::size_t idle = 0;     // open and free
  std::size_t in_use = 0;   // leased, connecting, or rolling back
  std::size_t waiting = 0;  // requests queued for a connection
};

// A transaction holding one connection exclusively until commit(), rollback() or destruction.
// BEGIN is sent together with the first statement, so it costs no extra round trip. Destroyed
// without commit (an exception, an early co_return), it is rolled back before the connection is
// reused. Use it only on the I/O thread that began it.
class transaction {
 public:
  transaction(transaction&& other) noexcept;
  transaction& operator=(transaction&&) = delete;
  ~transaction();

  // As database::query, inside this transaction. After a pg::error the server has aborted the
  // transaction: every later statement fails until it is rolled back (destroy it or rollback()).
  boost::asio::awaitable<result> query(const statement& stmt, const params& args = {});
  // As database::pipeline, inside this transaction: one round trip for all commands.
  boost::asio::awaitable<std::vector<result>> pipeline(std::span<const command> commands);
  // COMMIT. Throws pg::error if the server refuses (deferred constraint, serialization failure)
  // or if the transaction had already failed (SQLSTATE 25P02: the server rolled it back).
  // Throws pg::unavailable if the connection broke: the outcome is then unknown.
  boost::asio::awaitable<void> commit();
  // ROLLBACK now and free the connection. Throws pg::unavailable only if the connection broke.
  boost::asio::awaitable<void> rollback();

 private:
  friend class database;
  transaction(std::unique_ptr<detail::lease> l, std::chrono::milliseconds timeout);
  boost::asio::awaitable<std::vector<result>> run(std::vector<detail::call> calls);
  boost::asio::awaitable<void> finish(bool commit);

  std::unique_ptr<detail::lease> lease_;
  std::chrono::milliseconds timeout_;
  bool begun_ = false;  // BEGIN has been sent
};

class database {
 public:
  // Creates `threads` empty shards; no connection is opened until first use. Throws
  // std::invalid_argument for zero threads or zero connections per thread. Destroy the database
  // before the io_contexts attached to it.
  database(settings s, std::size_t threads);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  // Binds shard `index` to the calling thread and its executor. Call once on each I/O thread
  // before it serves. Throws std::out_of_range for a bad index.
  void attach_thread(std::size_t index, boost::asio::any_io_executor ex);

  // The calls below run on an attached thread only (std::logic_error otherwise).

  // Runs one statement (prepared on first use on each connection) as its own implicit
  // transaction. Statements asked for on one thread in the same event-loop turn share a round
  // trip (detail::query_batcher), each with its own sync, so one failing leaves the others
  // alone; a long statement delays the few batched behind it, so reports belong in pipeline()
  // or a transaction. Throws pg::error when the server rejects it, pg::unavailable when no
  // connection is had within the acquire timeout, the connection breaks, or the statement
  // times out.
  boost::asio::awaitable<result> query(const statement& stmt, const params& args = {});
  // Sends all commands in ONE round trip ending at one sync point, so they also form one
  // implicit transaction: if any fails, none takes effect, and the first error is thrown as in
  // query(). Returns one result per command, in order.
  boost::asio::awaitable<std::vector<result>> pipeline(std::span<const command> commands);
  // Leases a connection for a transaction. Throws pg::unavailable as in query().
  boost::asio::awaitable<transaction> begin();
  // Runs co_await f(tx, args...) in a transaction and commits if it returns normally; rolls back
  // if it throws. Returns what f returns. Errors as in query() and transaction::commit().
  template <class F, class... Args>
  auto in_transaction(F f, Args... args) -> std::invoke_result_t<F&, transaction&, Args&...>;
  // Readiness probe: SELECT 1 with a short timeout. Throws pg::unavailable when down.
  boost::asio::awaitable<void> ping();

  // Connection counts summed over all shards; callable from any thread (relaxed reads).
  pool_stats stats() const;
  const settings& config() const { return settings_; }

 private:
  detail::shard& current() const;
  detail::query_batcher& current_batcher() const;

  settings settings_;
  std::vector<std::unique_ptr<detail::shard>> shards_;
  std::vector<std::unique_ptr<detail::query_batcher>> batchers_;  // one per shard
  std::uint64_t id_;  // tells this database's thread bindings from a destroyed one's
};

template <class F, class... Args>
auto database::in_transaction(F f, Args... args)
    -> std::invoke_result_t<F&, transaction&, Args&...> {
  using value = typename std::invoke_result_t<F&, transaction&, Args&...>::value_type;
  transaction tx = co_await begin();
  if constexpr (std::is_void_v<value>) {
    co_await f(tx, args...);
    co_await tx.commit();
  } else {
    value v = co_await f(tx, args...);
    co_await tx.commit();
    co_return v;
  }
}

}  // namespace ugoki::pg
