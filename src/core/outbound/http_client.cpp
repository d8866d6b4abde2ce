// The outbound client's transport: Beast over TCP, or TLS with the system's trust store, peer
// verification, host name check and SNI. The resolve, connect and handshake share the connect
// deadline; a beast::tcp_stream expiry then bounds the exchange by the total deadline, so a
// silent provider costs at most the timeout, never a hung request.
#include "core/outbound/http_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <stdexcept>

#include "core/dependency_error.hpp"
#include "core/text.hpp"

namespace ugoki::outbound {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using steady = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t max_header_bytes = 64 * 1024;

struct target {
  bool tls = false;
  bool ip_literal = false;  // no SNI for an address (RFC 6066 section 3)
  std::string host;         // for the Host header: "example.com", "[::1]"
  std::string address;      // for the resolver: "example.com", "::1"
  std::string port;
  std::string path_and_query;
};

std::optional<target> parse_target(std::string_view url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u || (u->scheme() != "http" && u->scheme() != "https") || u->host().empty() ||
      u->has_userinfo() || u->has_fragment()) {
    return std::nullopt;
  }
  target t;
  t.tls = u->scheme() == "https";
  t.ip_literal = u->host_type() != boost::urls::host_type::name;
  t.host = u->encoded_host_and_port();
  t.address = u->host_address();
  t.port = u->has_port() ? std::string(u->port()) : (t.tls ? "443" : "80");
  t.path_and_query = u->encoded_path().empty() ? "/" : std::string(u->encoded_path());
  if (u->has_query()) {
    t.path_and_query += "?" + std::string(u->encoded_query());
  }
  return t;
}

// Header names are tokens; values may not break the line (no CR, LF or NUL).
bool valid_header(const std::pair<std::string, std::string>& h) {
  auto token_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  };
  return !h.first.empty() && std::all_of(h.first.begin(), h.first.end(), token_char) &&
         h.second.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

// Where the exchange was when it failed: the same error code means different things per phase.
enum class phase { resolve, connect, handshake, exchange };

failure classify(phase at, const boost::system::error_code& ec, bool deadline_passed) {
  if (deadline_passed || ec == beast::error::timeout) {
    return {failure_kind::timeout, at == phase::exchange ? "timeout" : "connect timeout"};
  }
  switch (at) {
    case phase::resolve:
      return {failure_kind::resolve, ec.message()};
    case phase::connect:
      return {failure_kind::connect, ec.message()};
    case phase::handshake:
      return {failure_kind::tls, ec.message()};
    case phase::exchange:
      break;
  }
  if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit ||
      ec == bhttp::error::buffer_overflow) {
    return {failure_kind::too_large, ec.message()};
  }
  return {failure_kind::protocol, ec.message()};
}

template <class Stream>
asio::awaitable<bhttp::response<bhttp::string_body>> exchange(
    Stream& stream, const bhttp::request<bhttp::string_body>& req, std::size_t body_limit) {
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(max_header_bytes);
  parser.body_limit(body_limit);
  parser.skip(req.method() == bhttp::verb::head);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return parser.release();
}

// The resolver runs getaddrinfo on a background thread that cannot be interrupted; a timer
// cancels the wait instead. Shared so a timer handler that runs after the coroutine has moved
// on (its completion already queued) touches live objects.
struct resolve_guard {
  explicit resolve_guard(const asio::any_io_executor& ex) : resolver(ex), timer(ex) {}
  asio::ip::tcp::resolver resolver;
  asio::steady_timer timer;
  bool fired = false;
};

}  // namespace

std::string_view to_string(failure_kind k) {
  switch (k) {
    case failure_kind::bad_request:
      return "bad_request";
    case failure_kind::resolve:
      return "resolve";
    case failure_kind::connect:
      return "connect";
    case failure_kind::tls:
      return "tls";
    case failure_kind::timeout:
      return "timeout";
    case failure_kind::too_large:
      return "too_large";
    case failure_kind::protocol:
      return "protocol";
  }
  return "unknown";
}

void throw_exception_from_error(const failure& f, const boost::source_location&) {
  throw dependency_unavailable("outbound", std::string(to_string(f.kind)) + ": " + f.detail);
}

bool is_http_url(std::string_view url) {
  return parse_target(url).has_value();
}

std::optional<std::string_view> response::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (text::iequals_ascii(n, name)) {
      return std::string_view(v);
    }
  }
  return std::nullopt;
}

struct http_client::impl {
  asio::ssl::context tls{asio::ssl::context::tls_client};
};

http_client::http_client(client_settings s)
    : settings_(std::move(s)), impl_(std::make_unique<impl>()) {
  impl_->tls.set_default_verify_paths();
  if (!settings_.extra_ca_file.empty()) {
    impl_->tls.load_verify_file(settings_.extra_ca_file);  // throws system_error: a runtime_error
  }
  impl_->tls.set_verify_mode(asio::ssl::verify_peer);
}

http_client::~http_client() = default;

asio::awaitable<boost::system::result<response, failure>> http_client::send(request r) const {
  auto where = parse_target(r.url);
  bhttp::verb verb = bhttp::string_to_verb(r.method);
  if (!where || verb == bhttp::verb::unknown ||
      !std::all_of(r.headers.begin(), r.headers.end(), valid_header)) {
    co_return failure{failure_kind::bad_request,
                      !where ? "not an http(s) URL with a host" : "bad method or header"};
  }
  const target& t = *where;
  bhttp::request<bhttp::string_body> req{verb, t.path_and_query, 11};
  req.set(bhttp::field::host, t.host);
  for (auto& [name, value] : r.headers) {
    req.insert(name, value);
  }
  req.set(bhttp::field::connection, "close");
  req.body() = std::move(r.body);
  req.prepare_payload();

  const auto start = steady::now();
  const auto deadline = start + settings_.total_timeout;
  const auto connect_deadline = std::min(deadline, start + settings_.connect_timeout);
  phase at = phase::resolve;
  auto ex = co_await asio::this_coro::executor;
  auto guard = std::make_shared<resolve_guard>(ex);
  try {
    guard->timer.expires_at(connect_deadline);
    guard->timer.async_wait([g = guard](boost::system::error_code ec) {
      if (!ec) {
        g->fired = true;
        g->resolver.cancel();
      }
    });
    auto addresses = co_await guard->resolver.async_resolve(t.address, t.port, asio::use_awaitable);
    guard->timer.cancel();

    at = phase::connect;
    beast::tcp_stream tcp(ex);
    tcp.expires_at(connect_deadline);
    co_await tcp.async_connect(addresses, asio::use_awaitable);

    bhttp::response<bhttp::string_body> res;
    if (t.tls) {
      at = phase::handshake;
      beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), impl_->tls);
      if (!t.ip_literal && !SSL_set_tlsext_host_name(stream.native_handle(), t.address.c_str())) {
        co_return failure{failure_kind::tls, "cannot set SNI"};
      }
      stream.set_verify_callback(asio::ssl::host_name_verification(t.address));
      co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
      at = phase::exchange;
      beast::get_lowest_layer(stream).expires_at(deadline);
      res = co_await exchange(stream, req, settings_.max_response_bytes);
      // No close_notify round trip: Connection: close and the full body already read.
    } else {
      at = phase::exchange;
      tcp.expires_at(deadline);
      res = co_await exchange(tcp, req, settings_.max_response_bytes);
      beast::error_code ignored;
      tcp.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    }
    response out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res.base()) {
      out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(res.body());
    co_return out;
  } catch (const boost::system::system_error& err) {
    guard->timer.cancel();
    co_return classify(at, err.code(), at == phase::resolve && guard->fired);
  } catch (const std::exception& err) {
    guard->timer.cancel();
    co_return failure{failure_kind::protocol, err.what()};
  }
}

}  // namespace ugoki::outbound
