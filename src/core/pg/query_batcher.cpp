// Batching of single statements onto one pipelined round trip.
#include "core/pg/query_batcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <optional>

#include "core/async_event.hpp"
#include "core/pg/connection.hpp"
#include "core/pg/error.hpp"
#include "core/pg/pool.hpp"

namespace ugoki::pg::detail {

namespace asio = boost::asio;

// One query waiting for its batch. Lives in query()'s coroutine frame, which stays suspended on
// `done` until flush() has stored the outcome and set it.
struct query_batcher::waiter {
  call c;
  async_event done;
  std::optional<connection::outcome> outcome;
  std::exception_ptr broke;  // the batch as a whole failed (connection, server down, timeout)
};

query_batcher::query_batcher(shard& s, std::chrono::milliseconds timeout, std::size_t max_batch)
    : shard_(s), timeout_(timeout), max_batch_(std::max<std::size_t>(1, max_batch)) {}

asio::awaitable<result> query_batcher::query(const statement& stmt, const params& args) {
  auto ex = co_await asio::this_coro::executor;
  waiter w{{&stmt, &args}, async_event(ex), std::nullopt, nullptr};
  pending_.push_back(&w);
  if (!flush_scheduled_) {
    schedule_flush();
  }
  co_await w.done.wait();
  if (w.broke) {
    std::rethrow_exception(w.broke);
  }
  if (w.outcome->failure) {
    connection::throw_as_error_or_unavailable(*w.outcome->failure);
  }
  co_return std::move(w.outcome->value);
}

void query_batcher::schedule_flush() {
  flush_scheduled_ = true;
  asio::co_spawn(shard_.executor(), flush(this), asio::detached);
}

asio::awaitable<void> query_batcher::flush(query_batcher* self) {
  // co_spawn may run this inline up to its first suspension: yield once, so the queries of
  // every handler already queued in this turn join the batch.
  auto ex = co_await asio::this_coro::executor;
  co_await asio::post(ex, asio::use_awaitable);
  const std::size_t n = std::min(self->pending_.size(), self->max_batch_);
  std::vector<waiter*> batch(self->pending_.begin(), self->pending_.begin() + n);
  self->pending_.erase(self->pending_.begin(), self->pending_.begin() + n);
  // Queries arriving from now on start the next batch (on another connection, while this one
  // is out), and whatever did not fit goes at once.
  self->flush_scheduled_ = false;
  if (!self->pending_.empty()) {
    self->schedule_flush();
  }
  if (batch.empty()) {
    co_return;
  }
  std::vector<call> calls;
  calls.reserve(batch.size());
  for (waiter* w : batch) {
    calls.push_back(w->c);
  }
  try {
    lease l = co_await self->shard_.acquire();
    // Statements run one after another on the server: allow for a few slow ones before the
    // client-side guard (which drops the connection) fires.
    const auto timeout = self->timeout_ * static_cast<long>(std::min<std::size_t>(4, n));
    std::vector<connection::outcome> outcomes = co_await l.conn().run_each(calls, timeout);
    for (std::size_t i = 0; i < n; ++i) {
      batch[i]->outcome = std::move(outcomes[i]);
    }
  } catch (...) {
    for (waiter* w : batch) {
      w->broke = std::current_exception();
    }
  }
  for (waiter* w : batch) {
    w->done.set();
  }
}

}  // namespace ugoki::pg::detail
