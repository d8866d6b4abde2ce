// The Open Food Facts client's transport: Beast over TCP, or TLS with the system's trust store,
// peer verification and SNI. A beast::tcp_stream deadline bounds connect, handshake, write and
// read together, so a silent upstream costs at most the timeout, never a hung request.
#include "nutrition/off_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <stdexcept>

#include "nutrition/products_dto.hpp"

namespace ugoki::nutrition {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

// OFF's product JSON is a few kilobytes; anything far bigger is not what we asked for.
constexpr std::size_t max_answer_bytes = 1 << 20;

struct endpoint {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path_prefix;  // the base URL's path without a trailing slash
};

endpoint parse_base(const std::string& url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u || (u->scheme() != "http" && u->scheme() != "https") || u->host().empty()) {
    throw std::invalid_argument("UGOKI_OFF_BASE_URL must be an http:// or https:// URL");
  }
  endpoint e;
  e.tls = u->scheme() == "https";
  e.host = u->host();
  e.port = u->has_port() ? std::string(u->port()) : (e.tls ? "443" : "80");
  e.path_prefix = u->path();
  while (!e.path_prefix.empty() && e.path_prefix.back() == '/') {
    e.path_prefix.pop_back();
  }
  return e;
}

template <class Stream>
asio::awaitable<bhttp::response<bhttp::string_body>> get_answer(
    Stream& stream, const bhttp::request<bhttp::empty_body>& req) {
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_answer_bytes);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return parser.release();
}

}  // namespace

struct off_client::impl {
  endpoint where;
  asio::ssl::context tls{asio::ssl::context::tls_client};
};

off_client::off_client(off_settings s) : settings_(std::move(s)), impl_(std::make_unique<impl>()) {
  impl_->where = parse_base(settings_.base_url);
  if (impl_->where.tls) {
    impl_->tls.set_default_verify_paths();
    impl_->tls.set_verify_mode(asio::ssl::verify_peer);
  }
}

off_client::~off_client() = default;

asio::awaitable<off_result> off_client::fetch(std::string code) {
  const endpoint& e = impl_->where;
  off_result out;
  try {
    auto ex = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(ex);
    beast::tcp_stream tcp(ex);
    tcp.expires_after(settings_.timeout);
    auto addresses = co_await resolver.async_resolve(e.host, e.port, asio::use_awaitable);
    co_await tcp.async_connect(addresses, asio::use_awaitable);

    bhttp::request<bhttp::empty_body> req{
        bhttp::verb::get, e.path_prefix + "/api/v2/product/" + code + ".json?fields=" + off_fields,
        11};
    req.set(bhttp::field::host, e.host);
    req.set(bhttp::field::user_agent, settings_.user_agent);
    req.set(bhttp::field::accept, "application/json");
    req.set(bhttp::field::connection, "close");

    bhttp::response<bhttp::string_body> res;
    if (e.tls) {
      beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), impl_->tls);
      if (!SSL_set_tlsext_host_name(stream.native_handle(), e.host.c_str())) {
        throw std::runtime_error("cannot set SNI");
      }
      stream.set_verify_callback(asio::ssl::host_name_verification(e.host));
      co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
      res = co_await get_answer(stream, req);
    } else {
      res = co_await get_answer(tcp, req);
      beast::error_code ignored;
      tcp.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    }
    out = dto::parse_off_answer(res.result_int(), res.body(), code);
  } catch (const boost::system::system_error& err) {
    out.what = off_result::outcome::unavailable;
    out.detail = err.code() == beast::error::timeout ? "timeout" : err.code().message();
  } catch (const std::exception& err) {
    out.what = off_result::outcome::unavailable;
    out.detail = err.what();
  }
  co_return out;
}

}  // namespace ugoki::nutrition
