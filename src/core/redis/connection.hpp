// One pipelined Redis connection owned by one I/O thread: a FIFO of pending replies, one writer
// at a time, background reconnect with backoff. Internal to core/redis; services use client.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/redis/reply.hpp"
#include "core/redis/resp.hpp"
#include "core/redis/settings.hpp"
#include "core/redis/transport.hpp"

namespace ugoki::redis {

class connection : public std::enable_shared_from_this<connection> {
 public:
  // `connected` is the client's gauge: incremented while this connection is up.
  connection(boost::asio::any_io_executor ex, settings s, endpoint ep,
             std::shared_ptr<boost::asio::ssl::context> tls,
             std::shared_ptr<std::atomic<std::size_t>> connected);

  // Starts the connect/reconnect loop on the executor. Call once.
  void start();
  // Closes the socket, fails what is pending and ends the loop. Call on the executor's thread.
  void stop();

  // Sends `bytes` (RESP of `count` commands) and returns their `count` replies in order.
  // `name` (the command name only, never arguments) labels log lines.
  // Throws redis::unavailable when not connected, on a broken connection or after the command
  // timeout. Must be awaited on the executor's thread.
  boost::asio::awaitable<std::vector<reply>> execute(std::string bytes, std::size_t count,
                                                     std::string_view name);

  // The executor of the owning I/O thread (for posting stop()).
  const boost::asio::any_io_executor& executor() const { return ex_; }

 private:
  struct pending {
    pending(boost::asio::any_io_executor ex, std::size_t n) : timer(std::move(ex)), expected(n) {}
    boost::asio::steady_timer timer;  // the deadline, and the wake-up signal when cancelled
    std::size_t expected;
    std::vector<reply> replies;
    std::string failure;     // set when the connection broke under it
    bool done = false;       // replies complete or failure set
    bool abandoned = false;  // the waiter gave up; replies are read and discarded
  };
  enum class state { idle, connecting, up, down, stopped };

  static boost::asio::awaitable<void> run(std::shared_ptr<connection> self);
  static boost::asio::awaitable<void> write_loop(std::shared_ptr<connection> self,
                                                 std::shared_ptr<transport> t);
  boost::asio::awaitable<void> read_loop(std::shared_ptr<transport> t);
  void kick_writer();
  void deliver(reply r);
  void fail_all(const std::string& why);
  void on_timeout(std::string_view name);

  boost::asio::any_io_executor ex_;
  settings settings_;
  endpoint endpoint_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<std::atomic<std::size_t>> connected_;
  std::shared_ptr<transport> transport_;
  std::unique_ptr<resp_reader> reader_;
  boost::asio::steady_timer backoff_timer_;
  std::deque<std::shared_ptr<pending>> fifo_;
  std::string out_;  // formatted commands not yet handed to the writer
  bool writing_ = false;
  // After a failure, commands fail fast until a connect succeeds; only the very first connect
  // lets them wait (start-up races the first connect).
  bool fail_fast_ = false;
  state state_ = state::idle;
};

}  // namespace ugoki::redis
