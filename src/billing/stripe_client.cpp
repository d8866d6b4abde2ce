// Stripe API calls: form encoding, Bearer key, Idempotency-Key, error mapping.
#include "billing/stripe_client.hpp"

#include <stdexcept>

#include "billing/errors.hpp"
#include "billing/stripe_dto.hpp"
#include "core/log.hpp"
#include "core/outbound/http_client.hpp"

namespace ugoki::billing {

namespace {

void append_encoded(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789ABCDEF";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
}

outbound::client_settings transport_of(const stripe_api_settings& s) {
  outbound::client_settings t;
  t.connect_timeout = std::min(s.timeout, std::chrono::milliseconds(5000));
  t.total_timeout = s.timeout;
  t.max_response_bytes = 256 * 1024;  // Stripe objects are a few kilobytes
  return t;
}

}  // namespace

std::string form_encode(const form_fields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) {
      out += '&';
    }
    append_encoded(out, name);
    out += '=';
    append_encoded(out, value);
  }
  return out;
}

struct stripe_client::impl {
  explicit impl(const stripe_api_settings& s) : http(transport_of(s)) {}
  outbound::http_client http;
  std::string base;
};

stripe_client::stripe_client(stripe_api_settings s)
    : settings_(std::move(s)), impl_(std::make_unique<impl>(settings_)) {
  if (!outbound::is_http_url(settings_.base_url)) {
    throw std::invalid_argument("UGOKI_STRIPE_API_BASE must be an http:// or https:// URL");
  }
  impl_->base = settings_.base_url;
  while (!impl_->base.empty() && impl_->base.back() == '/') {
    impl_->base.pop_back();
  }
}

stripe_client::~stripe_client() = default;

boost::asio::awaitable<result<stripe_object>> stripe_client::create(std::string_view path,
                                                                    form_fields fields,
                                                                    std::string idempotency_key) {
  if (!configured()) {
    co_return errors::not_configured();
  }
  outbound::request req{
      .method = "POST",
      .url = impl_->base + "/v1/" + std::string(path),
      .headers = {{"Authorization", "Bearer " + settings_.secret_key},
                  {"Content-Type", "application/x-www-form-urlencoded"},
                  {"Accept", "application/json"}},
      .body = form_encode(fields),
  };
  if (!idempotency_key.empty()) {
    req.headers.emplace_back("Idempotency-Key", std::move(idempotency_key));
  }
  auto answer = co_await impl_->http.send(std::move(req));
  if (!answer) {
    log::warn("stripe unreachable", log::fields()
                                        .add("path", std::string(path))
                                        .add("kind", outbound::to_string(answer.error().kind)));
    co_return errors::provider_failed();
  }
  auto parsed = stripe::parse_api_object(answer->status, answer->body);
  if (!parsed.ok) {
    // Stripe's error type and code say what was wrong; its message may echo input, so not it.
    log::warn("stripe refused", log::fields()
                                    .add("path", std::string(path))
                                    .add("status", static_cast<std::int64_t>(answer->status))
                                    .add("type", parsed.error_type)
                                    .add("code", parsed.error_code));
    co_return errors::provider_failed();
  }
  co_return stripe_object{std::move(parsed.id), std::move(parsed.url)};
}

}  // namespace ugoki::billing
