// Single statements of unrelated requests on one I/O thread share a round trip: the queries
// asked for in the same turn of the event loop go out together on one connection, each followed
// by its own sync (so each is its own implicit transaction and fails alone), and the server
// runs them back to back. Under load this turns one wake-up, one send and one receive per query
// on both sides into one per batch, which is most of what a small query costs.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <vector>

#include "core/pg/params.hpp"
#include "core/pg/result.hpp"

namespace ugoki::pg::detail {

class shard;

class query_batcher {
 public:
  // `s` must outlive the batcher; both belong to one I/O thread.
  query_batcher(shard& s, std::chrono::milliseconds timeout, std::size_t max_batch = 32);
  query_batcher(const query_batcher&) = delete;
  query_batcher& operator=(const query_batcher&) = delete;

  // Runs `stmt` with `args` (both must stay alive until it returns) in the next batch. Throws
  // pg::error when the server rejects it, pg::unavailable when the connection or server fails.
  boost::asio::awaitable<result> query(const statement& stmt, const params& args);

 private:
  struct waiter;
  static boost::asio::awaitable<void> flush(query_batcher* self);
  void schedule_flush();

  shard& shard_;
  std::chrono::milliseconds timeout_;
  std::size_t max_batch_;
  std::vector<waiter*> pending_;
  bool flush_scheduled_ = false;
};

}  // namespace ugoki::pg::detail
