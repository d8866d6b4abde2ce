// A bounded pool of threads for CPU-heavy work (Argon2id, large imports) that I/O coroutines
// await without blocking their io_context: the caller resumes on its own executor.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/dependency_error.hpp"

namespace ugoki {

// The queue is full (or the pool is shutting down): the HTTP layer answers 503 SVC_001 with
// Retry-After, so a login flood degrades into fast refusals instead of unbounded latency.
class worker_pool_busy : public dependency_unavailable {
 public:
  explicit worker_pool_busy(const std::string& what) : dependency_unavailable("workers", what) {}
};

class worker_pool {
 public:
  struct stats_snapshot {
    std::size_t queued = 0;   // accepted, waiting for a thread
    std::size_t busy = 0;     // running now
    std::size_t threads = 0;  // pool size
  };

  // Starts `threads` (at least 1) threads; at most `max_queued` tasks wait beyond those
  // running. `nice` (0..19) lowers the workers' scheduling priority, so when they share cores
  // with I/O threads, hashing yields to request handling instead of delaying every response.
  // Throws std::system_error if a thread cannot start.
  worker_pool(std::size_t threads, std::size_t max_queued, int nice = 0);
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;
  // shutdown(), then joins.
  ~worker_pool();

  // Runs `f()` on a worker thread and resumes the awaiting coroutine on its own executor
  // with f's result; an exception thrown by f is rethrown to the awaiter. Throws
  // worker_pool_busy (to the awaiter) when the queue is full or the pool is shutting down.
  // `f` must be callable once, and own what it uses or only reference the caller's frame.
  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> submit(F f);

  stats_snapshot stats() const;

  // Stops accepting work, lets the queued tasks finish, and joins the threads. Idempotent.
  // Must not be called from a worker thread.
  void shutdown();

 private:
  struct task {
    virtual ~task() = default;
    virtual void run() noexcept = 0;
  };
  template <class F, class Handler>
  struct task_impl;

  // False when the queue is full or the pool is stopping; `t` is then left untouched.
  bool try_enqueue(std::unique_ptr<task>& t);
  void worker_loop();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<task>> queue_;
  std::size_t max_queued_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  int nice_ = 0;
  std::vector<std::thread> threads_;
};

// A queued call of `f` that completes `handler` on the handler's own executor.
template <class F, class Handler>
struct worker_pool::task_impl final : worker_pool::task {
  using result_type = std::invoke_result_t<F&>;
  using stored = std::conditional_t<std::is_void_v<result_type>, std::monostate, result_type>;
  // Tracked work keeps the caller's io_context::run() from returning while its coroutine
  // waits on us, which would otherwise look like "no more work" to Asio.
  using work_executor = std::decay_t<decltype(boost::asio::prefer(
      boost::asio::get_associated_executor(std::declval<Handler&>()),
      boost::asio::execution::outstanding_work.tracked))>;

  task_impl(F fn, Handler h)
      : f(std::move(fn)),
        handler(std::move(h)),
        work(boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                 boost::asio::execution::outstanding_work.tracked)) {}

  void run() noexcept override {
    std::exception_ptr error;
    std::optional<stored> value;
    try {
      if constexpr (std::is_void_v<result_type>) {
        f();
        value.emplace();
      } else {
        value.emplace(f());
      }
    } catch (...) {
      error = std::current_exception();
    }
    // Post, never dispatch: the awaiter must resume on its own thread, not on ours.
    boost::asio::post(work, [h = std::move(handler), error, v = std::move(value)]() mutable {
      std::move(h)(error, std::move(v));
    });
  }

  F f;
  Handler handler;
  work_executor work;
};

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> worker_pool::submit(F f) {
  using result_type = std::invoke_result_t<F&>;
  using stored = std::conditional_t<std::is_void_v<result_type>, std::monostate, result_type>;
  // The exception_ptr first argument makes use_awaitable rethrow it in the awaiting coroutine.
  auto initiation = [this](auto handler, F fn) {
    using handler_type = decltype(handler);
    auto ex = boost::asio::get_associated_executor(handler);
    std::unique_ptr<task> t =
        std::make_unique<task_impl<F, handler_type>>(std::move(fn), std::move(handler));
    if (!try_enqueue(t)) {
      // Complete with the error through the same path, so the awaiter sees an exception.
      auto* impl = static_cast<task_impl<F, handler_type>*>(t.get());
      boost::asio::post(ex, [h = std::move(impl->handler)]() mutable {
        auto busy = worker_pool_busy("worker pool is full or shutting down");
        std::move(h)(std::make_exception_ptr(busy), std::optional<stored>());
      });
    }
  };
  [[maybe_unused]] std::optional<stored> result =
      co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                           void(std::exception_ptr, std::optional<stored>)>(
          initiation, boost::asio::use_awaitable, std::move(f));
  if constexpr (!std::is_void_v<result_type>) {
    co_return std::move(*result);
  }
}

}  // namespace ugoki
