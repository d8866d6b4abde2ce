// redis::client: the facade services hold by reference. One pipelined connection per I/O thread,
// found through a thread_local shard, so nothing is locked on the request path.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/redis/errors.hpp"
#include "core/redis/reply.hpp"
#include "core/redis/settings.hpp"

namespace ugoki::redis {

class connection;

// A Lua script and its SHA-1, for EVALSHA. Build once (e.g. a service member) with make_script.
struct script {
  std::string source;
  std::string sha1;  // lowercase hex
};

// Computes the script's SHA-1 (OpenSSL), as Redis does for SCRIPT LOAD.
script make_script(std::string source);

class client {
 public:
  // Parses the URL and prepares `threads` shards; connects nothing yet.
  // Throws std::invalid_argument for bad settings (see validate) or threads == 0.
  client(settings s, std::size_t threads);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Binds shard `index` to the calling thread and starts its connection on `ex` (the executor of
  // the io_context this thread runs; single-threaded). Call once per I/O thread, on that thread,
  // before it serves. Throws std::out_of_range for a bad index, std::logic_error if attached twice.
  void attach_thread(std::size_t index, boost::asio::any_io_executor ex);

  // Runs one command on this thread's connection and returns its reply; an error reply is
  // returned (see reply::throw_if_error), not thrown. Commands from concurrent coroutines are
  // pipelined in order. Throws redis::unavailable (not connected, connection broken, timed out)
  // and std::logic_error on a thread without attach_thread. Arguments are binary-safe and copied
  // before the first suspension.
  //
  // GCC 12 trap: a braced list inside a co_await expression does not compile ("array used as
  // initializer"), so `co_await c.command({"GET", k})` fails. Write `co_await c.command("GET", k)`
  // (the variadic overload), or build the awaitable or the vector first:
  // `auto get = c.command({"GET", k}); reply r = co_await std::move(get);`. The same holds for
  // braced vectors passed to pipeline() and eval().
  boost::asio::awaitable<reply> command(std::initializer_list<std::string_view> args);
  boost::asio::awaitable<reply> command(const std::vector<std::string>& args);
  template <class... Args>
  requires(sizeof...(Args) > 0 &&
           (std::convertible_to<const Args&, std::string_view> &&
            ...)) boost::asio::awaitable<reply> command(const Args&... args) {
    return command({std::string_view(args)...});
  }

  // Writes all commands at once and returns one reply per command, in order. Same failures as
  // command(); an empty list returns an empty vector without touching the network.
  boost::asio::awaitable<std::vector<reply>> pipeline(std::vector<std::vector<std::string>> cmds);

  // EVALSHA; on NOSCRIPT loads the script (SCRIPT LOAD) and retries once. Returns the script's
  // reply (error replies returned, not thrown). Same failures as command().
  boost::asio::awaitable<reply> eval(const script& s, std::vector<std::string> keys,
                                     std::vector<std::string> args);

  // Readiness: PING on this thread's connection. Throws redis::unavailable unless PONG comes back.
  boost::asio::awaitable<void> ping();

  // How many shards are connected right now. Any thread; relaxed (for metrics and readiness).
  std::size_t connected_count() const;

  // Closes every shard's connection and ends its reconnect loop, so the io_contexts can run out
  // of work. Call from any thread while the io_contexts still run (it posts to each shard). After
  // stop(), commands throw redis::unavailable.
  void stop();

 private:
  boost::asio::awaitable<std::vector<reply>> execute(std::string bytes, std::size_t count,
                                                     std::string name);
  boost::asio::awaitable<reply> execute_one(std::string bytes, std::string name);
  connection& local() const;

  settings settings_;
  endpoint endpoint_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<std::atomic<std::size_t>> connected_;
  std::vector<std::shared_ptr<connection>> shards_;
  std::uint64_t id_;  // keys the thread_local shard table; unique for the process lifetime
};

}  // namespace ugoki::redis
