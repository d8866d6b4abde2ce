// redis::reference_changes: tells every instance that reference data changed (an admin edit), so
// each refreshes its in-process snapshot at once instead of at its next poll.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ugoki::redis {

class client;

// Topics are module names ("content", "workouts", "fasting", "nutrition"). A module's admin
// service announces its topic after a committed write; the composition root registers, per
// topic, the snapshot refreshes of this process and feeds the subscriber's messages to
// received(). Delivery over Redis pub/sub is best effort: an instance that misses a message
// (Redis down, connection dropping) still sees the change at its snapshot's next version poll
// or TTL, which stays the guarantee (docs/admin.md, "Changes reach every instance").
class reference_changes {
 public:
  // `redis` must outlive this object. `prefix` namespaces the channel (tests share a Redis).
  explicit reference_changes(client& redis, std::string prefix = "ugoki:");
  reference_changes(const reference_changes&) = delete;
  reference_changes& operator=(const reference_changes&) = delete;

  // Runs `refresh` whenever `topic` changes, here or on another instance. Call before serving;
  // several refreshes may share a topic. `refresh` must be cheap and thread-safe (it marks a
  // snapshot stale; the next reader reloads it).
  void on(std::string topic, std::function<void()> refresh);

  // After a committed write: refreshes this instance's snapshots of `topic` now, then publishes
  // the topic for the others. Never throws: a failed publish is logged and left to the polls.
  boost::asio::awaitable<void> announce(std::string topic);

  // A message from the subscriber: runs the refreshes of the topic (unknown topics: nothing).
  void received(std::string_view topic) const;

  // The pub/sub channel to subscribe to.
  const std::string& channel() const { return channel_; }

 private:
  client& redis_;
  std::string channel_;
  std::multimap<std::string, std::function<void()>, std::less<>> refreshes_;
};

}  // namespace ugoki::redis
