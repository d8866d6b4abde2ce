// The pipelined per-thread Redis connection: FIFO matching, single writer, reconnect loop.
#include "core/redis/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <cstdint>
#include <exception>

#include "core/log.hpp"
#include "core/redis/errors.hpp"

namespace ugoki::redis {
namespace asio = boost::asio;
using asio::use_awaitable;

namespace {

void log_unexpected(std::exception_ptr e) {
  if (!e) {
    return;
  }
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    log::error("redis task ended unexpectedly", log::fields().add("detail", ex.what()));
  }
}

}  // namespace

connection::connection(asio::any_io_executor ex, settings s, endpoint ep,
                       std::shared_ptr<asio::ssl::context> tls,
                       std::shared_ptr<std::atomic<std::size_t>> connected)
    : ex_(ex),
      settings_(std::move(s)),
      endpoint_(std::move(ep)),
      tls_(std::move(tls)),
      connected_(std::move(connected)),
      backoff_timer_(ex) {}

void connection::start() {
  asio::co_spawn(ex_, run(shared_from_this()), log_unexpected);
}

void connection::stop() {
  state_ = state::stopped;
  backoff_timer_.cancel();
  if (transport_) {
    transport_->close();
  }
  fail_all("redis client stopped");
}

asio::awaitable<std::vector<reply>> connection::execute(std::string bytes, std::size_t count,
                                                        std::string_view name) {
  bool can_queue = state_ == state::up || (state_ == state::connecting && !fail_fast_) ||
                   (state_ == state::idle);
  if (!can_queue) {
    throw unavailable("redis not connected");
  }
  auto p = std::make_shared<pending>(ex_, count);
  p->timer.expires_after(settings_.command_timeout);
  fifo_.push_back(p);
  out_ += bytes;
  kick_writer();
  // Keep `self` alive across the wait: the reader touches this object when it wakes us.
  auto self = shared_from_this();
  auto [ec] = co_await p->timer.async_wait(asio::as_tuple(use_awaitable));
  if (p->done) {
    if (!p->failure.empty()) {
      throw unavailable(p->failure);
    }
    co_return std::move(p->replies);
  }
  p->abandoned = true;
  if (ec) {
    // Cancelled by the caller (e.g. a request deadline): the connection is fine.
    throw boost::system::system_error(ec);
  }
  on_timeout(name);
  throw unavailable("redis command timed out");
}

void connection::on_timeout(std::string_view name) {
  log::warn("redis command timed out",
            log::fields()
                .add("command", name)
                .add("timeout_ms", std::int64_t{settings_.command_timeout.count()}));
  // No reply within the timeout means the server or the path to it is stuck; every later command
  // in the FIFO waits behind this one, so drop the connection and let the loop reconnect.
  if (state_ == state::up && transport_) {
    transport_->close();
  }
}

void connection::kick_writer() {
  if (writing_ || out_.empty() || state_ != state::up) {
    return;
  }
  writing_ = true;
  asio::co_spawn(ex_, write_loop(shared_from_this(), transport_), log_unexpected);
}

asio::awaitable<void> connection::write_loop(std::shared_ptr<connection> self,
                                             std::shared_ptr<transport> t) {
  try {
    // Everything queued while a write was in flight goes out in the next single write.
    while (!self->out_.empty() && self->transport_ == t && t->is_open()) {
      std::string chunk;
      chunk.swap(self->out_);
      co_await t->write(asio::buffer(chunk));
    }
  } catch (const std::exception&) {
    // The reader sees the same failure and fails the FIFO; closing makes sure it does.
    t->close();
  }
  self->writing_ = false;
  // A reconnect may have queued commands while this writer was stuck on the old socket.
  if (self->transport_ != t) {
    self->kick_writer();
  }
}

asio::awaitable<void> connection::read_loop(std::shared_ptr<transport> t) {
  std::array<char, 16384> buf;
  for (;;) {
    std::size_t n = co_await t->read_some(asio::buffer(buf));
    reader_->feed(buf.data(), n);
    while (auto r = reader_->next()) {
      deliver(std::move(*r));
    }
  }
}

void connection::deliver(reply r) {
  if (fifo_.empty()) {
    throw unavailable("redis protocol error: a reply nobody asked for");
  }
  auto& p = fifo_.front();
  p->replies.push_back(std::move(r));
  if (p->replies.size() < p->expected) {
    return;
  }
  auto done = std::move(p);
  fifo_.pop_front();
  if (!done->abandoned) {
    done->done = true;
    done->timer.cancel();
  }
}

void connection::fail_all(const std::string& why) {
  for (auto& p : fifo_) {
    if (!p->abandoned && !p->done) {
      p->failure = why;
      p->done = true;
      p->timer.cancel();
    }
  }
  fifo_.clear();
  out_.clear();
}

asio::awaitable<void> connection::run(std::shared_ptr<connection> self) {
  backoff delays;
  std::string target = self->endpoint_.host + ":" + std::to_string(self->endpoint_.port);
  while (self->state_ != state::stopped) {
    self->state_ = state::connecting;
    auto t = std::make_shared<transport>(self->ex_, self->tls_);
    self->transport_ = t;
    self->reader_ = std::make_unique<resp_reader>();
    std::string failure;
    try {
      co_await establish(t, *self->reader_, self->endpoint_, true, self->settings_.connect_timeout);
    } catch (const std::exception& e) {
      failure = describe(e);
    }
    if (self->state_ == state::stopped) {
      break;
    }
    if (failure.empty()) {
      self->state_ = state::up;
      self->fail_fast_ = false;
      delays.reset();
      self->connected_->fetch_add(1, std::memory_order_relaxed);
      log::info("redis connected", log::fields().add("target", target));
      self->kick_writer();
      try {
        co_await self->read_loop(t);
      } catch (const std::exception& e) {
        failure = describe(e);
      }
      self->connected_->fetch_sub(1, std::memory_order_relaxed);
      if (self->state_ == state::stopped) {
        break;
      }
      log::warn("redis connection lost",
                log::fields().add("target", target).add("detail", failure));
    } else {
      log::warn("redis connect failed", log::fields().add("target", target).add("detail", failure));
    }
    t->close();
    self->state_ = state::down;
    self->fail_fast_ = true;
    self->fail_all("redis connection lost");
    self->backoff_timer_.expires_after(delays.next());
    co_await self->backoff_timer_.async_wait(asio::as_tuple(use_awaitable));
  }
}

}  // namespace ugoki::redis
