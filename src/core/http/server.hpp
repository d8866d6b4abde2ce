// The HTTP/1.1 server: per-core io_context + SO_REUSEPORT listener, keep-alive sessions with
// limits and timeouts, the request pipeline, graceful shutdown on SIGTERM/SIGINT.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/http/idempotency.hpp"
#include "core/http/rate_limit.hpp"
#include "core/http/request_context.hpp"

namespace ugoki::metrics {
class registry;
}

namespace ugoki::http {

class router;

struct server_settings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; listen() returns it
  std::size_t threads = 1;
  std::size_t header_limit = 8 * 1024;
  // The whole header must arrive within this, so a slow or half-sent request cannot hold a
  // connection forever (slowloris).
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  // A keep-alive connection with no request for this long is closed.
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{30'000};
  // How long SIGTERM waits for in-flight requests before closing them.
  std::chrono::milliseconds shutdown_grace{30'000};
  // Origins allowed to call the API from a browser, exactly as sent ("https://app.ugoki.com").
  std::vector<std::string> cors_origins;
  // Send Strict-Transport-Security (TLS terminated by us or by the load balancer in front).
  bool hsts = false;
  bool access_log = true;
  // Proxies (CIDR blocks) whose X-Forwarded-For we believe; empty means X-Forwarded-For is
  // ignored and the TCP peer is the client (the header is trivially spoofed otherwise).
  std::vector<std::string> trusted_proxies;
};

// The authentication step of the pipeline. Routes with an access level other than `anyone` call
// it; it returns the caller, or the 401 to answer. Runs on the I/O thread; throws only
// dependency_unavailable (503) and surprises.
class authenticator {
 public:
  virtual ~authenticator() = default;
  virtual boost::asio::awaitable<result<principal>> authenticate(request_context& ctx) = 0;
};

class server {
 public:
  server(server_settings settings, const router& routes, metrics::registry& metrics);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Optional; without one, every protected route answers 401.
  void set_authenticator(authenticator* auth);
  // Optional; without one no request is rate limited and no RateLimit-* header is sent. Routes
  // with rate_limited = false are never charged (see http::route).
  void set_rate_limiter(rate_limiter* limiter);
  // Optional; without one, Idempotency-Key is ignored. With one, routes with idempotent = true
  // honour the key for signed-in callers (see http::idempotency_store and http::route).
  void set_idempotency_store(idempotency_store* store);
  // Called on each I/O thread (index 0..threads-1) before it accepts: attach per-thread database
  // and Redis shards there.
  void on_thread_start(std::function<void(std::size_t, boost::asio::any_io_executor)> fn);
  // Binds one listener per thread. Returns the bound port. Throws std::system_error on failure.
  std::uint16_t listen();
  // Serves until stop() or SIGTERM/SIGINT, then drains: stops accepting, closes idle
  // connections, lets in-flight requests finish (up to shutdown_grace), and returns.
  void run();
  // Thread-safe; starts the drain.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace ugoki::http
