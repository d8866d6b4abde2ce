// The worker pool's threads and queue: one mutex, one condition variable, FIFO order.
#include "core/worker_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace ugoki {

worker_pool::worker_pool(std::size_t threads, std::size_t max_queued, int nice)
    : max_queued_(max_queued), nice_(nice) {
  std::size_t n = std::max<std::size_t>(threads, 1);
  threads_.reserve(n);
  try {
    for (std::size_t i = 0; i < n; ++i) {
      threads_.emplace_back([this] { worker_loop(); });
    }
  } catch (...) {
    shutdown();  // join the threads that did start before reporting the failure
    throw;
  }
}

worker_pool::~worker_pool() {
  shutdown();
}

bool worker_pool::try_enqueue(std::unique_ptr<task>& t) {
  {
    std::lock_guard lock(mutex_);
    // The bound counts waiting tasks only: a task being run no longer occupies the queue.
    if (stopping_ || queue_.size() >= max_queued_) {
      return false;
    }
    queue_.push_back(std::move(t));
  }
  wake_.notify_one();
  return true;
}

void worker_pool::worker_loop() {
  if (nice_ != 0) {
    // Linux applies a thread id's nice value to that thread alone. Failure (a sandbox that
    // forbids it) only costs latency under load, so it is not an error.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice_);
  }
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      return;  // stopping, and everything accepted has been run
    }
    std::unique_ptr<task> t = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    t->run();   // noexcept: results and exceptions travel to the awaiter
    t.reset();  // destroy the task (and its captures) outside the lock
    lock.lock();
    --busy_;
  }
}

worker_pool::stats_snapshot worker_pool::stats() const {
  std::lock_guard lock(mutex_);
  return stats_snapshot{queue_.size(), busy_, threads_.size()};
}

void worker_pool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) {
      t.join();
    }
  }
}

}  // namespace ugoki
