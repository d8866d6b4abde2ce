// Asio socket plumbing for Redis: TCP or TLS, connect deadline, AUTH/SELECT handshake, backoff.
#include "core/redis/transport.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/redis/errors.hpp"

namespace ugoki::redis {
namespace asio = boost::asio;
using asio::use_awaitable;

std::shared_ptr<asio::ssl::context> make_tls_context(const settings& s, const endpoint& ep) {
  if (!ep.tls) {
    return nullptr;
  }
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  if (s.tls_ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
  } else {
    ctx->load_verify_file(s.tls_ca_file, ec);
  }
  if (ec) {
    throw std::invalid_argument("invalid Redis TLS settings: cannot load CA certificates: " +
                                ec.message());
  }
  ctx->set_verify_mode(asio::ssl::verify_peer);
  ctx->set_verify_callback(asio::ssl::host_name_verification(ep.host));
  return ctx;
}

transport::transport(asio::any_io_executor ex, std::shared_ptr<asio::ssl::context> tls)
    : resolver_(ex), tls_ctx_(std::move(tls)) {
  if (tls_ctx_) {
    tls_.emplace(ex, *tls_ctx_);
  } else {
    tcp_.emplace(ex);
  }
}

asio::awaitable<void> transport::connect(const endpoint& ep) {
  auto results = co_await resolver_.async_resolve(ep.host, std::to_string(ep.port), use_awaitable);
  if (closed_) {
    throw boost::system::system_error(asio::error::operation_aborted);
  }
  asio::ip::tcp::socket& sock = tls_ ? tls_->next_layer() : *tcp_;
  co_await asio::async_connect(sock, results, use_awaitable);
  // A range connect moves on to the next address after close() aborted one, reopening the
  // socket: re-check so a timed-out attempt never carries on.
  if (closed_) {
    throw boost::system::system_error(asio::error::operation_aborted);
  }
  sock.set_option(asio::ip::tcp::no_delay(true));
  sock.set_option(asio::socket_base::keep_alive(true));
  // Notice a silently dead peer within about a minute instead of Linux's default two hours; the
  // subscriber's idle connection depends on it.
  int idle = 30;
  int interval = 10;
  int count = 3;
  ::setsockopt(sock.native_handle(), IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  ::setsockopt(sock.native_handle(), IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  ::setsockopt(sock.native_handle(), IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
  if (tls_) {
    // SNI: a TLS proxy or a managed Redis in front may route by it.
    if (SSL_set_tlsext_host_name(tls_->native_handle(), ep.host.c_str()) != 1) {
      throw boost::system::system_error(asio::error::invalid_argument);
    }
    co_await tls_->async_handshake(asio::ssl::stream_base::client, use_awaitable);
  }
}

asio::awaitable<std::size_t> transport::read_some(asio::mutable_buffer buf) {
  if (tls_) {
    co_return co_await tls_->async_read_some(buf, use_awaitable);
  }
  co_return co_await tcp_->async_read_some(buf, use_awaitable);
}

asio::awaitable<void> transport::write(asio::const_buffer buf) {
  if (tls_) {
    co_await asio::async_write(*tls_, buf, use_awaitable);
  } else {
    co_await asio::async_write(*tcp_, buf, use_awaitable);
  }
}

void transport::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  boost::system::error_code ignored;
  resolver_.cancel();
  // No TLS close_notify: the peer is Redis, which does not care, and a clean shutdown could block.
  asio::ip::tcp::socket& sock = tls_ ? tls_->next_layer() : *tcp_;
  sock.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  sock.close(ignored);
}

namespace {

// Sends one command and reads its reply during the handshake, before the pipelined reader runs.
asio::awaitable<reply> round_trip(transport& t, resp_reader& reader,
                                  std::vector<std::string_view> args) {
  std::string bytes = format_command(std::span<const std::string_view>(args));
  co_await t.write(asio::buffer(bytes));
  std::array<char, 4096> buf;
  for (;;) {
    if (auto r = reader.next()) {
      co_return std::move(*r);
    }
    std::size_t n = co_await t.read_some(asio::buffer(buf));
    reader.feed(buf.data(), n);
  }
}

asio::awaitable<void> handshake(transport& t, resp_reader& reader, const endpoint& ep,
                                bool select_db) {
  if (!ep.password.empty()) {
    std::vector<std::string_view> args{"AUTH"};
    if (!ep.username.empty()) {
      args.push_back(ep.username);
    }
    args.push_back(ep.password);
    reply r = co_await round_trip(t, reader, std::move(args));
    if (r.is_error()) {
      // The server's text (WRONGPASS ...) does not contain the password.
      throw unavailable("redis AUTH failed: " + r.str());
    }
  }
  if (select_db && ep.db != 0) {
    std::string db = std::to_string(ep.db);
    std::vector<std::string_view> args{"SELECT", db};
    reply r = co_await round_trip(t, reader, std::move(args));
    if (r.is_error()) {
      throw unavailable("redis SELECT failed: " + r.str());
    }
  }
}

}  // namespace

asio::awaitable<void> establish(std::shared_ptr<transport> t, resp_reader& reader,
                                const endpoint& ep, bool select_db,
                                std::chrono::milliseconds timeout) {
  // Watchdog: closing the transport aborts whichever step is pending. It holds a weak_ptr so a
  // late firing never touches a transport that is gone.
  auto fired = std::make_shared<bool>(false);
  asio::steady_timer watchdog(co_await asio::this_coro::executor);
  watchdog.expires_after(timeout);
  watchdog.async_wait([weak = std::weak_ptr<transport>(t), fired](boost::system::error_code ec) {
    if (!ec) {
      *fired = true;
      if (auto strong = weak.lock()) {
        strong->close();
      }
    }
  });
  std::string failure;
  try {
    co_await t->connect(ep);
    co_await handshake(*t, reader, ep, select_db);
  } catch (const unavailable&) {
    watchdog.cancel();
    throw;
  } catch (const std::exception& e) {
    failure = describe(e);
  }
  watchdog.cancel();
  if (*fired) {
    throw unavailable("redis connect timed out");
  }
  if (!failure.empty()) {
    throw unavailable("redis connect failed: " + failure);
  }
}

std::string describe(const std::exception& e) {
  if (const auto* se = dynamic_cast<const boost::system::system_error*>(&e)) {
    return se->code().message();
  }
  return e.what();
}

std::chrono::milliseconds backoff::next() {
  std::chrono::milliseconds d = next_;
  next_ = std::min(next_ * 2, cap);
  return d;
}

}  // namespace ugoki::redis
