// The process-local cache of live sessions and its invalidation rules.
#include "auth/session_cache.hpp"

namespace ugoki::auth {

session_cache::session_cache(std::chrono::milliseconds ttl, std::size_t capacity)
    : ttl_(ttl), capacity_(capacity) {}

std::size_t session_cache::thread_slot() {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t mine = next.fetch_add(1, std::memory_order_relaxed) % slot_count;
  return mine;
}

void session_cache::count(bool hit) const {
  slot& s = counts_[thread_slot()];
  (hit ? s.hits : s.misses).fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t session_cache::hits() const {
  std::uint64_t n = 0;
  for (const slot& s : counts_) {
    n += s.hits.load(std::memory_order_relaxed);
  }
  return n;
}

std::uint64_t session_cache::misses() const {
  std::uint64_t n = 0;
  for (const slot& s : counts_) {
    n += s.misses.load(std::memory_order_relaxed);
  }
  return n;
}

std::optional<std::string> session_cache::known_plan(std::string_view sid, time_point now,
                                                     std::string_view user_id) const {
  if (!enabled() || !feed_up_.load(std::memory_order_acquire)) {
    count(false);
    return std::nullopt;
  }
  bool hit = false;
  std::optional<std::string> plan;
  {
    std::shared_lock lock(mutex_);
    // Heterogeneous lookup would need C++20 transparent hashing on the map; a key copy of 36
    // bytes fits the small-string buffer and costs nothing next to the lock.
    auto it = seen_alive_.find(std::string(sid));
    hit = it != seen_alive_.end() && now - it->second.at < ttl_ &&
          (user_id.empty() || it->second.user_id == user_id);
    if (hit) {
      plan = it->second.plan;
    }
  }
  count(hit);
  return plan;
}

void session_cache::remember_alive(std::string sid, std::uint64_t generation_before, time_point now,
                                   std::string user_id, std::string plan) {
  if (!enabled() || !feed_up_.load(std::memory_order_acquire)) {
    return;
  }
  std::unique_lock lock(mutex_);
  // Checked under the lock that forget() bumps the generation under: either forget() ran
  // first (we see the new generation and store nothing) or it runs after and erases this entry.
  if (generation_.load(std::memory_order_acquire) != generation_before) {
    return;
  }
  if (seen_alive_.size() >= capacity_) {
    seen_alive_.clear();
  }
  seen_alive_.insert_or_assign(std::move(sid), seen{now, std::move(user_id), std::move(plan)});
}

void session_cache::forget(std::string_view sid) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  seen_alive_.erase(std::string(sid));
}

void session_cache::set_feed_up(bool up) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  seen_alive_.clear();
  feed_up_.store(up, std::memory_order_release);
}

}  // namespace ugoki::auth
