// A snapshot of reference data kept in memory with a TTL, which keeps serving the last good
// value while a refresh runs or the database is down. No HTTP here: services use it too.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

namespace ugoki {

// Holds one immutable snapshot of T, reloaded by `load` when older than `ttl`. While a reload is
// running (or failing), readers keep getting the previous snapshot, so a slow or down database
// does not stall reference reads once they have been loaded once. Thread-safe.
template <class T>
class snapshot_cache {
 public:
  using loader = std::function<boost::asio::awaitable<T>()>;

  snapshot_cache(loader load, std::chrono::steady_clock::duration ttl)
      : load_(std::move(load)), ttl_(ttl) {}

  // The current snapshot. Throws what `load` throws only when there is no snapshot at all yet.
  boost::asio::awaitable<std::shared_ptr<const T>> get() {
    auto now = std::chrono::steady_clock::now();
    std::shared_ptr<const T> current;
    bool refresh = false;
    std::uint64_t generation = 0;
    {
      std::lock_guard lock(mutex_);
      current = value_;
      generation = generation_;
      if (!current || (now >= expires_ && !refreshing_)) {
        refresh = true;
        refreshing_ = current != nullptr;  // the first loads may run concurrently; harmless
      }
    }
    if (!refresh) {
      co_return current;
    }
    std::exception_ptr failure;
    try {
      T loaded = co_await load_();
      auto fresh = std::make_shared<const T>(std::move(loaded));
      std::lock_guard lock(mutex_);
      value_ = fresh;
      // A load that began before an invalidate() may have read the old data: serve it to this
      // caller, but leave the snapshot expired so the next get() loads again.
      expires_ = generation == generation_ ? std::chrono::steady_clock::now() + ttl_
                                           : std::chrono::steady_clock::time_point{};
      refreshing_ = false;
      co_return fresh;
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      refreshing_ = false;
    }
    if (!current) {
      std::rethrow_exception(failure);
    }
    co_return current;  // stale but good: better than an error for reference data
  }

  // Makes the next get() reload (the data changed: an admin write). Until that load succeeds,
  // readers keep the current snapshot, as after a TTL expiry. Cheap; callable from any thread.
  void invalidate() {
    std::lock_guard lock(mutex_);
    expires_ = std::chrono::steady_clock::time_point{};
    ++generation_;
  }

 private:
  loader load_;
  std::chrono::steady_clock::duration ttl_;
  std::mutex mutex_;
  std::shared_ptr<const T> value_;
  std::chrono::steady_clock::time_point expires_{};
  bool refreshing_ = false;
  std::uint64_t generation_ = 0;  // invalidate() calls so far
};

}  // namespace ugoki
