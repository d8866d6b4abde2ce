// One Redis socket (TCP, or TLS for rediss://) driven by Asio coroutines, plus the connect step
// (resolve, connect, TLS handshake, AUTH, SELECT) under one deadline. Internal to core/redis.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/redis/resp.hpp"
#include "core/redis/settings.hpp"

namespace ugoki::redis {

// The TLS context for rediss:// (peer and host name verified, CAs from settings.tls_ca_file or
// the system store); nullptr for redis://. Throws std::invalid_argument if the CA file is bad.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const settings& s, const endpoint& ep);

// One connection attempt's socket. Not reusable after close(): a reconnect builds a new one (an
// ssl::stream cannot be restarted). Use from its executor's thread only.
class transport {
 public:
  // `tls` non-null selects TLS. The context must outlive the transport (shared ownership).
  transport(boost::asio::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls);

  // Resolves, connects (TCP_NODELAY, keepalive) and, for TLS, handshakes with SNI.
  // Throws boost::system::system_error on failure (including close() from elsewhere).
  boost::asio::awaitable<void> connect(const endpoint& ep);
  // Reads what is available (at least one byte). Throws system_error on EOF or failure.
  boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buf);
  // Writes all of `buf`. Throws system_error on failure.
  boost::asio::awaitable<void> write(boost::asio::const_buffer buf);
  // Cancels every pending operation and closes the socket; idempotent, never throws.
  void close();
  // False once close() ran (the socket may still fail earlier on its own).
  bool is_open() const { return !closed_; }

 private:
  boost::asio::ip::tcp::resolver resolver_;
  std::shared_ptr<boost::asio::ssl::context> tls_ctx_;
  std::optional<boost::asio::ip::tcp::socket> tcp_;
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> tls_;
  bool closed_ = false;
};

// Connects `t` and authenticates: AUTH when the endpoint has a password, SELECT when
// `select_db` and the endpoint's db is not 0. Everything must finish within `timeout`, else the
// socket is closed. Throws redis::unavailable naming the failed step (never the password).
boost::asio::awaitable<void> establish(std::shared_ptr<transport> t, resp_reader& reader,
                                       const endpoint& ep, bool select_db,
                                       std::chrono::milliseconds timeout);

// A short text for logs: an Asio error's message without Boost's source location.
std::string describe(const std::exception& e);

// Reconnect delays: 100 ms, doubling, capped at 5 s; reset after a successful connect.
class backoff {
 public:
  std::chrono::milliseconds next();
  void reset() { next_ = first; }

  static constexpr std::chrono::milliseconds first{100};
  static constexpr std::chrono::milliseconds cap{5000};

 private:
  std::chrono::milliseconds next_ = first;
};

}  // namespace ugoki::redis
