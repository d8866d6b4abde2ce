// The outbound HTTP client against a scripted TCP peer on 127.0.0.1: what goes on the wire,
// what comes back, and each way of failing (timeout, size limit, refused, TLS to a plain peer).
// The header under test comes first: it must be self-contained.
#include "core/outbound/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <functional>

#include "core/dependency_error.hpp"

namespace ugoki::outbound {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using send_result = boost::system::result<response, failure>;

// A peer that reads one request (headers, then Content-Length bytes) and writes what `answer`
// returns for it, or never answers when it returns nullopt.
class scripted_peer {
 public:
  using script = std::function<std::optional<std::string>(const std::string& request)>;

  // `greet_first`: writes the answer on accept, before reading anything (what a plain HTTP
  // peer's bytes look like to a TLS handshake).
  scripted_peer(asio::io_context& ioc, script answer, bool greet_first = false)
      : acceptor_(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        answer_(std::move(answer)),
        greet_first_(greet_first) {
    asio::co_spawn(
        ioc, [this] { return serve(); }, asio::detached);
  }
  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
           std::string(path);
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  const std::string& received() const { return received_; }

 private:
  asio::awaitable<void> serve() {
    try {
      held_.emplace(co_await acceptor_.async_accept(asio::use_awaitable));
      if (greet_first_) {
        co_await asio::async_write(*held_, asio::buffer(*answer_("")), asio::use_awaitable);
        co_return;
      }
      std::string data;
      std::size_t end = co_await asio::async_read_until(*held_, asio::dynamic_buffer(data),
                                                        "\r\n\r\n", asio::use_awaitable);
      std::size_t length = 0;
      if (auto at = data.find("Content-Length: "); at != std::string::npos && at < end) {
        length = std::stoul(data.substr(at + 16));
      }
      while (data.size() < end + length) {
        char chunk[4096];
        std::size_t n = co_await held_->async_read_some(asio::buffer(chunk), asio::use_awaitable);
        data.append(chunk, n);
      }
      received_ = data;
      if (auto text = answer_(data)) {
        co_await asio::async_write(*held_, asio::buffer(*text), asio::use_awaitable);
        held_->close();
      }
    } catch (const std::exception&) {
      // The client gave up first (a TLS hello, a timeout): nothing to answer.
    }
  }

  tcp::acceptor acceptor_;
  script answer_;
  bool greet_first_ = false;
  std::optional<tcp::socket> held_;  // kept open when the script never answers
  std::string received_;
};

// Runs one send() to completion on `ioc` and stops the peer's loop after it.
send_result send_one(asio::io_context& ioc, const http_client& client, request r) {
  std::optional<send_result> out;
  asio::co_spawn(
      ioc,
      [&client, &out, r = std::move(r)]() mutable -> asio::awaitable<void> {
        out.emplace(co_await client.send(std::move(r)));
      },
      [&ioc](std::exception_ptr) { ioc.stop(); });
  ioc.run();
  return std::move(*out);
}

std::string canned(std::string status_line, std::string body, std::string extra = {}) {
  return "HTTP/1.1 " + status_line + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         extra + "\r\n" + body;
}

TEST(outbound_http_client, sends_the_request_and_reads_status_headers_and_body) {
  asio::io_context ioc;
  scripted_peer peer(ioc, [](const std::string&) {
    return canned("201 Created", "{\"ok\":true}", "X-Request-Id: r-1\r\nContent-Type: a/b\r\n");
  });
  http_client client;
  auto got = send_one(ioc, client,
                      {.method = "POST",
                       .url = peer.url("/v1/token?x=1&y=%20z"),
                       .headers = {{"Authorization", "Bearer t"}, {"Content-Type", "text/plain"}},
                       .body = "hello"});
  ASSERT_TRUE(got.has_value()) << got.error().detail;
  EXPECT_EQ(got->status, 201);
  EXPECT_EQ(got->body, "{\"ok\":true}");
  EXPECT_EQ(got->header("x-request-id"), "r-1");
  EXPECT_EQ(got->header("CONTENT-TYPE"), "a/b");
  EXPECT_EQ(got->header("absent"), std::nullopt);

  const std::string& wire = peer.received();
  EXPECT_TRUE(wire.starts_with("POST /v1/token?x=1&y=%20z HTTP/1.1\r\n")) << wire;
  EXPECT_NE(wire.find("Host: 127.0.0.1:" + std::to_string(peer.port()) + "\r\n"),
            std::string::npos);
  EXPECT_NE(wire.find("Authorization: Bearer t\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Content-Length: 5\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\nhello"));
}

TEST(outbound_http_client, an_error_status_is_a_response_not_a_failure) {
  asio::io_context ioc;
  scripted_peer peer(ioc, [](const std::string&) {
    return canned("503 Service Unavailable", "busy", "Retry-After: 7\r\n");
  });
  http_client client;
  auto got = send_one(ioc, client, {.url = peer.url("/")});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, 503);
  EXPECT_EQ(got->header("retry-after"), "7");
  EXPECT_TRUE(peer.received().starts_with("GET / HTTP/1.1\r\n"));
}

TEST(outbound_http_client, a_body_over_the_limit_is_too_large) {
  asio::io_context ioc;
  scripted_peer peer(ioc,
                     [](const std::string&) { return canned("200 OK", std::string(2000, 'x')); });
  http_client client({.max_response_bytes = 1000});
  auto got = send_one(ioc, client, {.url = peer.url("/big")});
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind, failure_kind::too_large);
}

TEST(outbound_http_client, a_silent_peer_ends_at_the_total_deadline) {
  asio::io_context ioc;
  scripted_peer peer(ioc, [](const std::string&) { return std::nullopt; });
  http_client client({.connect_timeout = std::chrono::milliseconds(2000),
                      .total_timeout = std::chrono::milliseconds(300)});
  auto t0 = std::chrono::steady_clock::now();
  auto got = send_one(ioc, client, {.url = peer.url("/slow")});
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind, failure_kind::timeout);
  EXPECT_GE(took, std::chrono::milliseconds(250));
  EXPECT_LT(took, std::chrono::milliseconds(2000)) << "the total deadline, not the connect one";
}

TEST(outbound_http_client, a_refused_connection_is_a_connect_failure_and_value_throws_503s) {
  asio::io_context ioc;
  std::uint16_t closed_port = 0;
  {
    tcp::acceptor a(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    closed_port = a.local_endpoint().port();
  }
  http_client client;
  auto got = send_one(ioc, client, {.url = "http://127.0.0.1:" + std::to_string(closed_port)});
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind, failure_kind::connect);
  EXPECT_THROW(got.value(), dependency_unavailable);
}

TEST(outbound_http_client, tls_to_a_plain_http_peer_fails_the_handshake) {
  asio::io_context ioc;
  scripted_peer peer(
      ioc, [](const std::string&) { return canned("200 OK", "plain"); }, /*greet_first=*/true);
  http_client client({.total_timeout = std::chrono::milliseconds(2000)});
  auto got =
      send_one(ioc, client, {.url = "https://127.0.0.1:" + std::to_string(peer.port()) + "/"});
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().kind, failure_kind::tls)
      << to_string(got.error().kind) << ": " << got.error().detail;
}

TEST(outbound_http_client, refuses_bad_urls_methods_and_headers_before_connecting) {
  asio::io_context ioc;
  http_client client;
  for (std::string url : {"ftp://example.com/", "/relative", "http://", "https://u:p@host/"}) {
    auto got = send_one(ioc, client, {.url = url});
    ioc.restart();
    ASSERT_FALSE(got.has_value()) << url;
    EXPECT_EQ(got.error().kind, failure_kind::bad_request) << url;
  }
  auto bad_method = send_one(ioc, client, {.method = "FETCH", .url = "http://127.0.0.1:1/"});
  ioc.restart();
  EXPECT_EQ(bad_method.error().kind, failure_kind::bad_request);
  auto injected =
      send_one(ioc, client, {.url = "http://127.0.0.1:1/", .headers = {{"X-A", "b\r\nX-Evil: 1"}}});
  EXPECT_EQ(injected.error().kind, failure_kind::bad_request);
}

TEST(outbound_http_client, is_http_url_accepts_only_absolute_http_urls_with_a_host) {
  EXPECT_TRUE(is_http_url("https://oauth2.googleapis.com/token"));
  EXPECT_TRUE(is_http_url("http://127.0.0.1:8080"));
  EXPECT_TRUE(is_http_url("http://[::1]:8080/x"));
  EXPECT_FALSE(is_http_url("oauth2.googleapis.com/token"));
  EXPECT_FALSE(is_http_url("file:///etc/passwd"));
  EXPECT_FALSE(is_http_url(""));
}

}  // namespace
}  // namespace ugoki::outbound
