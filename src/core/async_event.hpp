// A one-shot signal between coroutines on one executor: one waits, another sets it. Used where a
// request parks until a batched round trip (PostgreSQL, the rate limiter's Redis script) is back.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ugoki {

// Not thread-safe: set() and wait() run on the executor's thread (our I/O threads each own one).
// Built on a timer that never expires, whose cancel() is the wake-up; a waiter that arrives after
// set() returns at once.
class async_event {
 public:
  explicit async_event(const boost::asio::any_io_executor& ex)
      : timer_(ex, boost::asio::steady_timer::time_point::max()) {}
  async_event(const async_event&) = delete;
  async_event& operator=(const async_event&) = delete;

  // Wakes the waiter, now or whenever it starts waiting. Setting twice is harmless.
  void set() {
    set_ = true;
    timer_.cancel();
  }
  bool is_set() const { return set_; }

  // Completes once set() has been called (at once if it was), or when the awaiting coroutine is
  // cancelled: is_set() tells which. Never throws.
  boost::asio::awaitable<void> wait();

 private:
  boost::asio::steady_timer timer_;
  bool set_ = false;
};

}  // namespace ugoki
