// Which sign-in sessions this process has recently seen alive in Redis, so an authenticated
// request needs no Redis round trip of its own.
//
// Why it is safe: a session ends only through the token store's Lua scripts, and each of them
// PUBLISHes the ended session ids on the revocation channel in the same atomic step. Every
// instance subscribes to that channel and forgets those ids; the instance that ended a session
// also forgets it directly, before it answers, so its own next request already sees it. The cache
// is only trusted while the subscription is confirmed (a message published while the subscriber
// is away is lost, so it starts empty on every reconnect), and each entry is trusted for `ttl` at
// most, which bounds the damage of a connection that died without anyone noticing yet.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ugoki::auth {

class session_cache {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  // ttl 0 disables the cache (every check goes to Redis). `capacity` bounds memory: when full,
  // the cache is emptied and refills from Redis.
  explicit session_cache(std::chrono::milliseconds ttl, std::size_t capacity = 200'000);

  // True when `sid` was seen alive less than ttl ago, nothing revoked it since, and the
  // revocation feed is up; when `user_id` is given, also that the session is that user's (an
  // access token's subject must own its session). Any thread.
  bool known_alive(std::string_view sid, time_point now, std::string_view user_id = {}) const {
    return known_plan(sid, now, user_id).has_value();
  }
  // As known_alive(), with the session's subscription plan when it is known alive: "" when its
  // family has no plan set (the access token's role stands), else "free" or "premium" (set by
  // billing after the token was signed: token_store::set_plan). nullopt: not known alive.
  std::optional<std::string> known_plan(std::string_view sid, time_point now,
                                        std::string_view user_id = {}) const;

  // A token for remember_alive(): take it BEFORE asking Redis, so an answer that raced with a
  // revocation is not stored.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Records that Redis said `sid` is alive and belongs to `user_id`, unless anything was revoked
  // (or the feed changed) since `generation_before` was read. Any thread.
  void remember_alive(std::string sid, std::uint64_t generation_before, time_point now,
                      std::string user_id = {}, std::string plan = {});

  // Forgets a session that has ended. Any thread.
  void forget(std::string_view sid);

  // The revocation feed came up (subscription confirmed: start empty, then trust) or went down
  // (stop trusting). Any thread.
  void set_feed_up(bool up);

  bool enabled() const { return ttl_.count() > 0; }

  // known_alive() calls answered true (hits) and false (misses: the caller asks Redis), since
  // construction. Any thread; sums per-thread counters, so it is for scrapes, not hot paths.
  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  // Per-thread counters, one cache line each, so counting adds no shared write to the request
  // path. Threads beyond `slot_count` share slots (still exact: the adds are atomic).
  struct alignas(64) slot {
    std::atomic<std::uint64_t> hits{0};
    std::atomic<std::uint64_t> misses{0};
  };
  static constexpr std::size_t slot_count = 16;
  static std::size_t thread_slot();
  void count(bool hit) const;

  std::chrono::milliseconds ttl_;
  std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  struct seen {
    time_point at;
    std::string user_id;  // the session's owner, as Redis said
    std::string plan;     // the family's plan field, as Redis said ("" when unset)
  };
  std::unordered_map<std::string, seen> seen_alive_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<bool> feed_up_{false};
  mutable std::array<slot, slot_count> counts_;
};

}  // namespace ugoki::auth
