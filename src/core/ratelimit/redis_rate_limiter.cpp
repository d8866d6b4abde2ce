// The Redis token-bucket limiter: batches the requests of one event-loop turn into one script
// call and applies the failure mode.
#include "core/ratelimit/redis_rate_limiter.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "core/async_event.hpp"
#include "core/dependency_error.hpp"
#include "core/log.hpp"

namespace ugoki::ratelimit {

namespace asio = boost::asio;

namespace {

// A Redis outage fails every request; one log line per thread per interval says enough.
bool should_log_failure() {
  thread_local std::chrono::steady_clock::time_point last{};
  auto now = std::chrono::steady_clock::now();
  if (last != std::chrono::steady_clock::time_point{} && now - last < std::chrono::seconds(10)) {
    return false;
  }
  last = now;
  return true;
}

}  // namespace

// One request waiting for its decision. Lives in take()'s coroutine frame, which stays
// suspended on `done` until flush() has filled in the outcome and set it.
struct redis_rate_limiter::waiter {
  http::rate_subject subject;
  async_event done;
  std::optional<http::rate_decision> decision;
  std::string failure;  // set when Redis could not decide
};

// The requests of one thread collected since the last flush. Only that thread touches it.
struct redis_rate_limiter::batch {
  std::vector<waiter*> waiting;
  bool flush_scheduled = false;
  bool in_flight = false;  // a script call is out: newcomers wait and go together after it
};

redis_rate_limiter::redis_rate_limiter(redis::client& redis, settings s)
    : redis_(redis), settings_(std::move(s)), script_(redis::make_script(bucket_script_source())) {
  validate(settings_);
}

redis_rate_limiter::batch& redis_rate_limiter::thread_batch() {
  // Per thread and per limiter (tests build several); entries are tiny and live as long as the
  // thread.
  thread_local std::map<const redis_rate_limiter*, batch> batches;
  return batches[this];
}

boost::asio::awaitable<std::optional<http::rate_decision>> redis_rate_limiter::take(
    http::rate_subject subject) {
  auto ex = co_await asio::this_coro::executor;
  waiter w{std::move(subject), async_event(ex), std::nullopt, {}};
  batch& b = thread_batch();
  b.waiting.push_back(&w);
  if (!b.flush_scheduled && !b.in_flight) {
    b.flush_scheduled = true;
    asio::co_spawn(ex, flush(this, &b), asio::detached);
  }
  co_await w.done.wait();
  if (w.decision) {
    co_return w.decision;
  }
  const bool open = settings_.on_failure == failure_mode::open;
  if (should_log_failure()) {
    log::warn("rate limiter unavailable",
              log::fields().add("mode", open ? "open" : "closed").add("detail", w.failure));
  }
  if (!open) {
    throw dependency_unavailable("redis", "rate limiter: " + w.failure);
  }
  co_return std::nullopt;
}

asio::awaitable<void> redis_rate_limiter::flush(redis_rate_limiter* self, batch* b) {
  // co_spawn may start this coroutine inline; yielding once puts the send behind every handler
  // already queued, so the requests that arrived in the same epoll wake-up join the batch.
  auto ex = co_await asio::this_coro::executor;
  co_await asio::post(ex, asio::use_awaitable);
  std::vector<waiter*> waiting;
  waiting.swap(b->waiting);
  b->flush_scheduled = false;
  b->in_flight = true;
  for (std::size_t from = 0; from < waiting.size(); from += max_batch) {
    const std::size_t to = std::min(waiting.size(), from + max_batch);
    std::vector<http::rate_subject> subjects;
    subjects.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) {
      subjects.push_back(waiting[i]->subject);
    }
    script_call call = make_batch_call(self->settings_, subjects);
    std::string failure;
    try {
      // Build the awaitable first: GCC 12 mishandles temporaries alive across a co_await.
      auto op = self->redis_.eval(self->script_, std::move(call.keys), std::move(call.args));
      redis::reply r = co_await std::move(op);
      if (!r.is_error()) {
        auto decisions = to_decisions(r, subjects.size());
        for (std::size_t i = from; i < to; ++i) {
          waiting[i]->decision = decisions[i - from];
        }
      } else {
        // OOM, READONLY (a replica after failover), BUSY: Redis is there but cannot serve us.
        failure = r.str().substr(0, 120);
      }
    } catch (const dependency_unavailable& e) {
      failure = e.what();
    } catch (const std::exception& e) {
      failure = e.what();  // a malformed reply: treat like an outage, never a crash
    }
    for (std::size_t i = from; i < to; ++i) {
      if (!waiting[i]->decision) {
        waiting[i]->failure = failure;
      }
      waiting[i]->done.set();
    }
  }
  b->in_flight = false;
  if (!b->waiting.empty() && !b->flush_scheduled) {
    b->flush_scheduled = true;
    asio::co_spawn(ex, flush(self, b), asio::detached);
  }
}

}  // namespace ugoki::ratelimit
