// The database facade: thread binding, query/pipeline/transaction over the calling thread's shard.
#include "core/pg/database.hpp"

#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "core/pg/connection.hpp"
#include "core/pg/pool.hpp"
#include "core/pg/query_batcher.hpp"

namespace ugoki::pg {

namespace asio = boost::asio;

namespace {

constexpr statement begin_stmt{"", "BEGIN"};
constexpr statement commit_stmt{"", "COMMIT"};
constexpr statement rollback_stmt{"", "ROLLBACK"};
constexpr statement ping_stmt{"ugoki_ping", "SELECT 1"};
constexpr std::chrono::milliseconds ping_timeout{1000};

// Which shard each database uses on this thread. A thread may serve several databases (primary
// and replicas), so this is a short list keyed by database id, not a single pointer.
struct binding {
  std::uint64_t id;
  detail::shard* shard;
  detail::query_batcher* batcher;
};
thread_local std::vector<binding> bindings;
std::atomic<std::uint64_t> next_id{1};

// The client-side deadline of a statement: a little beyond the server's statement_timeout, so in
// the normal case the server cancels first and the connection survives; the client guard only
// fires when the server does not answer at all.
std::chrono::milliseconds client_timeout(std::chrono::milliseconds server) {
  return server + std::min(server / 2, std::chrono::milliseconds{1000});
}

std::vector<detail::call> to_calls(std::span<const command> commands) {
  std::vector<detail::call> calls;
  calls.reserve(commands.size() + 1);
  for (const command& c : commands) {
    calls.push_back({c.stmt, &c.args});
  }
  return calls;
}

}  // namespace

database::database(settings s, std::size_t threads)
    : settings_(std::move(s)), id_(next_id.fetch_add(1, std::memory_order_relaxed)) {
  if (threads == 0 || settings_.connections_per_thread == 0) {
    throw std::invalid_argument("pg::database needs at least one thread and one connection");
  }
  for (std::size_t i = 0; i < threads; ++i) {
    shards_.push_back(std::make_unique<detail::shard>(settings_));
    batchers_.push_back(std::make_unique<detail::query_batcher>(
        *shards_.back(), client_timeout(settings_.statement_timeout)));
  }
}

database::~database() = default;

void database::attach_thread(std::size_t index, asio::any_io_executor ex) {
  detail::shard& s = *shards_.at(index);
  s.attach(std::move(ex));
  std::erase_if(bindings, [this](const binding& b) { return b.id == id_; });
  bindings.push_back({id_, &s, batchers_.at(index).get()});
}

detail::shard& database::current() const {
  for (const binding& b : bindings) {
    if (b.id == id_) {
      return *b.shard;
    }
  }
  throw std::logic_error("pg::database used on a thread that was not attached");
}

detail::query_batcher& database::current_batcher() const {
  for (const binding& b : bindings) {
    if (b.id == id_) {
      return *b.batcher;
    }
  }
  throw std::logic_error("pg::database used on a thread that was not attached");
}

asio::awaitable<result> database::query(const statement& stmt, const params& args) {
  co_return co_await current_batcher().query(stmt, args);
}

asio::awaitable<std::vector<result>> database::pipeline(std::span<const command> commands) {
  const std::vector<detail::call> calls = to_calls(commands);
  detail::lease l = co_await current().acquire();
  co_return co_await l.conn().run(calls, client_timeout(settings_.statement_timeout));
}

asio::awaitable<transaction> database::begin() {
  detail::lease l = co_await current().acquire();
  co_return transaction(std::make_unique<detail::lease>(std::move(l)),
                        client_timeout(settings_.statement_timeout));
}

asio::awaitable<void> database::ping() {
  detail::lease l = co_await current().acquire();
  const params none;
  const detail::call c{&ping_stmt, &none};
  co_await l.conn().run(std::span(&c, 1), std::min(ping_timeout, settings_.statement_timeout));
}

pool_stats database::stats() const {
  pool_stats total;
  for (const auto& s : shards_) {
    const auto& c = s->stats();
    total.open += c.open.load(std::memory_order_relaxed);
    total.idle += c.idle.load(std::memory_order_relaxed);
    total.in_use += c.in_use.load(std::memory_order_relaxed);
    total.waiting += c.waiting.load(std::memory_order_relaxed);
  }
  return total;
}

transaction::transaction(std::unique_ptr<detail::lease> l, std::chrono::milliseconds timeout)
    : lease_(std::move(l)), timeout_(timeout) {}

transaction::transaction(transaction&& other) noexcept = default;

transaction::~transaction() = default;  // ~lease rolls back if begun_ left it dirty

asio::awaitable<std::vector<result>> transaction::run(std::vector<detail::call> calls) {
  if (!lease_) {
    throw std::logic_error("pg::transaction used after commit or rollback");
  }
  const params none;
  const bool send_begin = !begun_;
  if (send_begin) {
    calls.insert(calls.begin(), detail::call{&begin_stmt, &none});
    begun_ = true;
    // From here until COMMIT or ROLLBACK is answered, the connection may be inside a
    // transaction: if we are abandoned, the pool must roll it back.
    lease_->set_dirty(true);
  }
  std::vector<result> out = co_await lease_->conn().run(calls, timeout_);
  if (send_begin) {
    out.erase(out.begin());
  }
  co_return out;
}

asio::awaitable<result> transaction::query(const statement& stmt, const params& args) {
  // Not a braced list: GCC 12 rejects initializer lists in coroutines ("array used as
  // initializer").
  std::vector<detail::call> calls(1, detail::call{&stmt, &args});
  std::vector<result> out = co_await run(std::move(calls));
  co_return std::move(out.front());
}

asio::awaitable<std::vector<result>> transaction::pipeline(std::span<const command> commands) {
  co_return co_await run(to_calls(commands));
}

asio::awaitable<void> transaction::finish(bool commit) {
  if (!lease_) {
    throw std::logic_error("pg::transaction used after commit or rollback");
  }
  if (!begun_) {
    lease_.reset();  // nothing was sent: nothing to end
    co_return;
  }
  const params none;
  const detail::call c{commit ? &commit_stmt : &rollback_stmt, &none};
  std::vector<result> out;
  try {
    out = co_await lease_->conn().run(std::span(&c, 1), timeout_);
  } catch (const error&) {
    // The server answered, so the transaction is over either way and the connection is clean.
    lease_->set_dirty(false);
    lease_.reset();
    throw;
  }
  lease_->set_dirty(false);
  lease_.reset();
  // COMMIT of a transaction that already failed "succeeds" with the tag ROLLBACK.
  if (commit && out.front().command_tag() == "ROLLBACK") {
    throw error("25P02", "COMMIT: the transaction had failed and was rolled back (25P02)");
  }
}

asio::awaitable<void> transaction::commit() {
  co_await finish(true);
}

asio::awaitable<void> transaction::rollback() {
  co_await finish(false);
}

}  // namespace ugoki::pg
