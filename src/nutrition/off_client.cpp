// The Open Food Facts client: one GET through core's outbound HTTP client (TLS verified, one
// deadline for connect and answer), OFF's answer read by dto::parse_off_answer.
#include "nutrition/off_client.hpp"

#include <stdexcept>

#include "core/outbound/http_client.hpp"
#include "nutrition/products_dto.hpp"

namespace ugoki::nutrition {

namespace asio = boost::asio;

namespace {

// OFF's product JSON is a few kilobytes; anything far bigger is not what we asked for.
constexpr std::size_t max_answer_bytes = 1 << 20;

outbound::client_settings transport_settings(const off_settings& s) {
  outbound::client_settings t;
  t.connect_timeout = s.timeout;
  t.total_timeout = s.timeout;
  t.max_response_bytes = max_answer_bytes;
  return t;
}

}  // namespace

struct off_client::impl {
  explicit impl(const off_settings& s) : http(transport_settings(s)) {}
  outbound::http_client http;
  std::string base;  // the base URL without a trailing slash
};

off_client::off_client(off_settings s)
    : settings_(std::move(s)), impl_(std::make_unique<impl>(settings_)) {
  if (!outbound::is_http_url(settings_.base_url)) {
    throw std::invalid_argument("UGOKI_OFF_BASE_URL must be an http:// or https:// URL");
  }
  impl_->base = settings_.base_url;
  while (!impl_->base.empty() && impl_->base.back() == '/') {
    impl_->base.pop_back();
  }
}

off_client::~off_client() = default;

asio::awaitable<off_result> off_client::fetch(std::string code) {
  outbound::request req{
      .method = "GET",
      .url = impl_->base + "/api/v2/product/" + code + ".json?fields=" + off_fields,
      .headers = {{"User-Agent", settings_.user_agent}, {"Accept", "application/json"}},
  };
  auto answer = co_await impl_->http.send(std::move(req));
  if (!answer) {
    off_result out;
    out.what = off_result::outcome::unavailable;
    out.detail =
        answer.error().kind == outbound::failure_kind::timeout
            ? std::string("timeout")
            : std::string(outbound::to_string(answer.error().kind)) + ": " + answer.error().detail;
    co_return out;
  }
  co_return dto::parse_off_answer(answer->status, answer->body, code);
}

}  // namespace ugoki::nutrition
