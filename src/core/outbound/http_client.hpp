// One outbound HTTP(S) exchange (a provider's API, a token endpoint, a local stand-in in tests):
// request in, status + headers + body out, TLS verified against the system's trust store, a
// connect and a total deadline, a response size limit. Beast stays in http_client.cpp; this
// header is lean so services that call providers do not compile Beast.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ugoki::outbound {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct request {
  std::string method = "GET";  // any standard verb, upper case: GET, POST, PUT, DELETE, ...
  std::string url;             // absolute http:// or https:// URL, path and query included
  header_list headers;         // sent as given; Host, Content-Length and Connection are ours
  std::string body;            // sent with Content-Length when not empty (or the verb needs one)
};

struct response {
  int status = 0;
  header_list headers;  // as received, in order
  std::string body;

  // The first header named `name` (ASCII case-insensitive); nullopt when absent.
  std::optional<std::string_view> header(std::string_view name) const;
};

// Why no response came back. A response with any status (4xx, 5xx included) is not a failure:
// what a status means is the caller's business.
enum class failure_kind {
  bad_request,  // the URL is not http(s) with a host, or the method or a header is invalid
  resolve,      // the host name did not resolve
  connect,      // no connection (refused, unreachable)
  tls,          // the handshake failed: certificate not trusted, wrong host name, protocol
  timeout,      // the connect or the total deadline passed
  too_large,    // the response's headers or body exceeded the limits
  protocol,     // the peer closed early or answered something that is not HTTP/1.1
};

struct failure {
  failure_kind kind = failure_kind::protocol;
  std::string detail;  // for logs: "timeout", "connection refused", "certificate verify failed"
};

// A stable lowercase name for `k` ("timeout"), for logs and metric labels.
std::string_view to_string(failure_kind k);

// Lets result<response, failure>::value() throw: a failure is a dependency that cannot serve
// (ugoki::dependency_unavailable, labelled "outbound"), which the dispatcher answers with 503.
[[noreturn]] void throw_exception_from_error(const failure& f, const boost::source_location& loc);

// True for an absolute http:// or https:// URL with a host (what settings should be checked with
// at startup, so a typo fails fast).
bool is_http_url(std::string_view url);

struct client_settings {
  std::chrono::milliseconds connect_timeout{3000};  // resolve + connect + TLS handshake
  std::chrono::milliseconds total_timeout{10000};   // the whole exchange, connect included
  std::size_t max_response_bytes = 1 << 20;         // body limit; headers are limited to 64 KiB
  // PEM file of extra trust anchors, added to the system store (a test's own CA). Empty: only
  // the system store. Verification itself is never switched off.
  std::string extra_ca_file;
};

// Shareable across threads after construction (the TLS context is only read); each send() runs
// on the calling coroutine's executor with its own connection (Connection: close, no pooling).
class http_client {
 public:
  // Throws std::runtime_error when the TLS context or extra_ca_file cannot be loaded.
  explicit http_client(client_settings s = {});
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // Sends `r` and reads the whole response. Never throws for the network or the peer: every
  // way of not getting a complete response is a `failure`. Plain http:// is allowed (local
  // stand-ins, sidecars); https:// always verifies the peer's chain and host name (SNI set).
  boost::asio::awaitable<boost::system::result<response, failure>> send(request r) const;

  const client_settings& settings() const { return settings_; }

 private:
  struct impl;
  client_settings settings_;
  std::unique_ptr<impl> impl_;
};

}  // namespace ugoki::outbound
