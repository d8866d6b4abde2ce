// redis::subscriber: the process's one pub/sub connection; re-subscribes after every reconnect.
// Publishing goes through client::command({"PUBLISH", channel, payload}).
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/redis/settings.hpp"

namespace ugoki::redis {

class subscriber {
 public:
  // `channel` is the channel the message was published to (also for pattern subscriptions).
  using handler = std::function<void(std::string_view channel, std::string_view payload)>;

  // Parses the URL; connects nothing yet. The connection lives on `ex` (one thread).
  // Throws std::invalid_argument for bad settings.
  subscriber(settings s, boost::asio::any_io_executor ex);
  // Stops the connection (as stop()). Destroy it before its io_context: stop() posts there. The
  // background task keeps only shared state alive, never this object.
  ~subscriber();
  subscriber(const subscriber&) = delete;
  subscriber& operator=(const subscriber&) = delete;

  // Sets the callback, invoked on the executor's thread for every message. Call before start().
  // Exceptions it throws are logged and swallowed.
  void on_message(handler h);
  // Sets the callback told when delivery becomes reliable (true: Redis confirmed every current
  // subscription on this connection, so from now on no message is missed) and when it stops
  // being so (false: the connection dropped; what is published until the next true is lost).
  // Invoked on the executor's thread. Call before start().
  void on_state(std::function<void(bool up)> h);
  // Subscribes to a channel (or, with psubscribe, a glob pattern) now if connected and again after
  // every reconnect. Any thread; idempotent. Messages published while disconnected are lost
  // (Redis pub/sub does not store them).
  void subscribe(std::string channel);
  void psubscribe(std::string pattern);
  // Drops a subscription. Any thread.
  void unsubscribe(std::string channel);
  void punsubscribe(std::string pattern);

  // Starts connecting in the background (reconnects with backoff 100 ms .. 5 s). Call once.
  void start();
  // Closes the connection and ends the background task. Any thread, while the executor runs.
  void stop();
  // Whether the connection is up with its subscriptions sent. Any thread.
  bool connected() const;

 private:
  class impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace ugoki::redis
