// A snapshot of reference data kept in memory and reloaded only when its version stamp changes,
// which keeps serving the last good value while a check runs or the database is down. No HTTP
// here: services use it. The TTL variant is snapshot_cache.hpp.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

namespace ugoki {

// Holds one immutable snapshot of T, which has a member `std::int64_t version`: the stamp it was
// loaded at. A read re-reads the stamp (`read_version`) at most once per `poll` and reloads the
// whole snapshot (`load`) only when the stamp differs from the snapshot's. One reader checks at a
// time while the others keep serving the snapshot they have; a failing check or reload keeps the
// last good snapshot and is tried again a poll interval later. Thread-safe.
template <class T>
class versioned_snapshot {
 public:
  using version_reader = std::function<boost::asio::awaitable<std::int64_t>()>;
  using loader = std::function<boost::asio::awaitable<T>()>;

  versioned_snapshot(version_reader read_version, loader load,
                     std::chrono::steady_clock::duration poll)
      : read_version_(std::move(read_version)), load_(std::move(load)), poll_(poll) {}

  // The current snapshot. Throws what `load` throws only when there is no snapshot at all yet;
  // afterwards a failing refresh keeps the last good one.
  boost::asio::awaitable<std::shared_ptr<const T>> get() {
    const auto now = std::chrono::steady_clock::now();
    std::shared_ptr<const T> current;
    {
      std::lock_guard lock(mutex_);
      current = current_;
      bool due = !current || now >= next_check_ || changed_;
      // One reader checks the version; the others keep serving the snapshot they have. Before
      // the first load every reader loads (harmless: they store equal snapshots).
      if (!due || (current && checking_)) {
        co_return current;
      }
      checking_ = current != nullptr;
      changed_ = false;
    }
    std::exception_ptr failure;
    try {
      auto fresh = co_await refresh(current);
      std::lock_guard lock(mutex_);
      current_ = fresh;
      next_check_ = std::chrono::steady_clock::now() + poll_;
      checking_ = false;
      co_return fresh;
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      checking_ = false;
      // Do not ask a failing database on every request: try again after a poll interval.
      next_check_ = std::chrono::steady_clock::now() + poll_;
    }
    if (!current) {
      std::rethrow_exception(failure);
    }
    co_return current;  // stale but good: better than an error for reference data
  }

  // The data changed (this instance wrote it): the next read checks the stamp at once instead
  // of up to `poll` later. Thread-safe.
  void changed() {
    std::lock_guard lock(mutex_);
    changed_ = true;
  }

 private:
  // `current` again when its stamp is still the database's, else a fresh load.
  boost::asio::awaitable<std::shared_ptr<const T>> refresh(std::shared_ptr<const T> current) {
    if (current) {
      const std::int64_t version = co_await read_version_();
      if (version == current->version) {
        co_return current;
      }
    }
    co_return std::make_shared<const T>(co_await load_());
  }

  version_reader read_version_;
  loader load_;
  std::chrono::steady_clock::duration poll_;
  std::mutex mutex_;
  std::shared_ptr<const T> current_;
  std::chrono::steady_clock::time_point next_check_{};
  bool checking_ = false;
  bool changed_ = false;
};

}  // namespace ugoki
