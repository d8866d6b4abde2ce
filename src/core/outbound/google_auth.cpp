// The JWT bearer grant against Google's token endpoint, with a cache and a single flight: the
// first caller that finds no fresh token spawns the exchange; everyone (that caller included)
// parks on a timer of their own executor until the exchange posts its outcome to them.
#include "core/outbound/google_auth.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto/jws.hpp"
#include "core/dependency_error.hpp"
#include "core/json.hpp"
#include "core/outbound/http_client.hpp"
#include "core/text.hpp"

namespace ugoki::outbound::google {

namespace asio = boost::asio;
namespace json = boost::json;
using token_result = boost::system::result<std::string, token_error>;

namespace {

std::int64_t epoch_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string required_member(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) {
    throw std::invalid_argument("service-account key: \"" + std::string(name) +
                                "\" is missing or not a string");
  }
  return std::string(v->get_string());
}

// A Retry-After in seconds (the HTTP-date form is rare from Google and read as absent).
std::optional<std::chrono::seconds> retry_after(const response& r) {
  auto v = r.header("retry-after");
  std::int64_t s = 0;
  if (!v || std::from_chars(v->data(), v->data() + v->size(), s).ec != std::errc{} || s < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(s);
}

// Google's OAuth error code ("invalid_grant", "unauthorized_client"), never its description,
// which may quote the account.
std::string oauth_error_code(std::string_view body) {
  auto v = ugoki::json::parse_strict(body);
  if (v && v->is_object()) {
    if (const json::value* e = v->as_object().if_contains("error"); e && e->is_string()) {
      return std::string(
          e->get_string().subview(0, std::min<std::size_t>(64, e->get_string().size())));
    }
  }
  return "no OAuth error code";
}

struct fresh_token {
  std::string value;
  std::chrono::seconds expires_in{0};
};

// What the token endpoint's answer means (RFC 6749 5.1 and 5.2).
boost::system::result<fresh_token, token_error> read_answer(const response& r) {
  std::string status = "HTTP " + std::to_string(r.status);
  if (r.status == 200) {
    auto v = ugoki::json::parse_strict(r.body);
    const json::object* o = v ? v->if_object() : nullptr;
    const json::value* token = o ? o->if_contains("access_token") : nullptr;
    const json::value* type = o ? o->if_contains("token_type") : nullptr;
    const json::value* expires = o ? o->if_contains("expires_in") : nullptr;
    if (token && token->is_string() && !token->get_string().empty() && type && type->is_string() &&
        text::iequals_ascii(type->get_string(), "Bearer") && expires && expires->is_int64() &&
        expires->as_int64() > 0) {
      return fresh_token{std::string(token->get_string()),
                         std::chrono::seconds(expires->as_int64())};
    }
    return token_error{token_error::kind::unavailable, "HTTP 200 without a bearer token", {}};
  }
  if (r.status == 429 || r.status >= 500) {
    return token_error{token_error::kind::unavailable, status, retry_after(r)};
  }
  // 400 invalid_grant (key revoked, clock skew, bad assertion), 401 invalid_client, 403, a 404
  // from a wrong token_uri: none gets better by retrying.
  return token_error{token_error::kind::configuration,
                     status + (r.status == 400 || r.status == 401 ? " " + oauth_error_code(r.body)
                                                                  : std::string()),
                     {}};
}

}  // namespace

service_account parse_service_account(std::string_view json_text) {
  auto v = ugoki::json::parse_strict(json_text);
  if (!v || !v->is_object()) {
    throw std::invalid_argument("service-account key: not a JSON object");
  }
  const json::object& o = v->as_object();
  if (const json::value* type = o.if_contains("type");
      type != nullptr && !(type->is_string() && type->get_string() == "service_account")) {
    throw std::invalid_argument("service-account key: \"type\" is not \"service_account\"");
  }
  service_account a;
  a.client_email = required_member(o, "client_email");
  a.private_key_pem = required_member(o, "private_key");
  if (o.contains("private_key_id")) {
    a.private_key_id = required_member(o, "private_key_id");
  }
  if (o.contains("token_uri")) {
    a.token_uri = required_member(o, "token_uri");
  }
  crypto::jws::load_rsa_private_key(a.private_key_pem);  // fail at startup, not at first use
  return a;
}

service_account load_service_account(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read the service-account key " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_service_account(text.str());
}

void throw_exception_from_error(const token_error& e, const boost::source_location&) {
  if (e.what == token_error::kind::unavailable) {
    throw dependency_unavailable("google-oauth", "google oauth: " + e.detail);
  }
  throw std::runtime_error("google oauth refused the service account: " + e.detail);
}

std::string make_assertion(const service_account& account, std::string_view scope,
                           std::string_view audience, std::chrono::system_clock::time_point now,
                           std::chrono::seconds lifetime) {
  auto key = crypto::jws::load_rsa_private_key(account.private_key_pem);
  json::object header{{"alg", "RS256"}, {"typ", "JWT"}};
  if (!account.private_key_id.empty()) {
    header["kid"] = account.private_key_id;
  }
  std::int64_t iat = epoch_seconds(now);
  json::object claims{{"iss", account.client_email},
                      {"scope", scope},
                      {"aud", audience},
                      {"iat", iat},
                      {"exp", iat + lifetime.count()}};
  return crypto::jws::sign_rs256(*key, json::serialize(header), json::serialize(claims));
}

// Shared with the detached exchange, so it outlives a token_source destroyed mid-exchange.
struct token_source::state {
  state(service_account a, token_settings s, const http_client& h, const ugoki::clock& c)
      : account(std::move(a)), settings(std::move(s)), http(h), clock(c) {}

  // One parked caller: its timer is cancelled (on its own executor) to wake it.
  struct waiter {
    explicit waiter(const asio::any_io_executor& ex)
        : timer(ex, asio::steady_timer::time_point::max()) {}
    asio::steady_timer timer;
    std::optional<token_result> outcome;
  };

  const service_account account;
  const token_settings settings;
  const http_client& http;
  const ugoki::clock& clock;

  std::mutex mutex;  // guards everything below
  std::string token;
  std::chrono::system_clock::time_point renew_at{};
  bool in_flight = false;
  std::vector<std::shared_ptr<waiter>> waiters;

  asio::awaitable<token_result> exchange() {
    try {
      auto now = clock.now();
      std::string assertion = make_assertion(account, settings.scope, settings.token_uri, now,
                                             settings.assertion_lifetime);
      request req{
          .method = "POST",
          .url = settings.token_uri,
          .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Accept", "application/json"}},
          // The assertion is base64url and dots: nothing to percent-encode.
          .body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" +
                  assertion,
      };
      auto answer = co_await http.send(std::move(req));
      if (!answer) {
        co_return token_error{
            token_error::kind::unavailable,
            std::string(to_string(answer.error().kind)) + ": " + answer.error().detail,
            {}};
      }
      auto fresh = read_answer(*answer);
      if (!fresh) {
        co_return fresh.error();
      }
      // Renew early, but never so early that a short-lived token is renewed at once.
      auto margin = std::min<std::chrono::seconds>(settings.refresh_before, fresh->expires_in / 2);
      std::lock_guard lock(mutex);
      token = fresh->value;
      renew_at = now + fresh->expires_in - margin;
      co_return token;
    } catch (const std::exception& e) {
      co_return token_error{token_error::kind::unavailable, e.what(), {}};
    }
  }

  // The detached exchange: its outcome goes to every waiter, then the next caller may start one.
  static asio::awaitable<void> run(std::shared_ptr<state> self) {
    token_result outcome = co_await self->exchange();
    std::vector<std::shared_ptr<waiter>> woken;
    {
      std::lock_guard lock(self->mutex);
      self->in_flight = false;
      woken.swap(self->waiters);
      for (auto& w : woken) {
        w->outcome = outcome;
      }
    }
    for (auto& w : woken) {
      // The timer belongs to the waiter's executor: cancel it there.
      asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
    }
  }
};

token_source::token_source(service_account account, token_settings settings,
                           const http_client& http, const ugoki::clock& clock) {
  if (settings.token_uri.empty()) {
    settings.token_uri = account.token_uri;
  }
  if (settings.scope.empty()) {
    throw std::invalid_argument("google oauth: the scope is empty");
  }
  if (!is_http_url(settings.token_uri)) {
    throw std::invalid_argument("google oauth: the token URI is not an http(s) URL");
  }
  if (settings.assertion_lifetime <= std::chrono::seconds(0) ||
      settings.assertion_lifetime > std::chrono::hours(1)) {
    throw std::invalid_argument("google oauth: the assertion lifetime must be within 1 hour");
  }
  crypto::jws::load_rsa_private_key(account.private_key_pem);
  state_ = std::make_shared<state>(std::move(account), std::move(settings), http, clock);
}

token_source::~token_source() = default;

void token_source::invalidate() {
  std::lock_guard lock(state_->mutex);
  state_->token.clear();
}

asio::awaitable<token_result> token_source::access_token() {
  auto ex = co_await asio::this_coro::executor;
  std::shared_ptr<state::waiter> me;
  std::optional<std::string> cached;
  bool start = false;
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->token.empty() && state_->clock.now() < state_->renew_at) {
      cached = state_->token;
    } else {
      me = std::make_shared<state::waiter>(ex);
      state_->waiters.push_back(me);
      start = !std::exchange(state_->in_flight, true);
    }
  }
  if (cached) {
    co_return std::move(*cached);
  }
  if (start) {
    asio::co_spawn(ex, state::run(state_), asio::detached);
  }
  // The exchange sets the outcome under the mutex, then posts the timer's cancel to this
  // executor: either the outcome is here already, or the cancel comes after the wait starts.
  bool ready = false;
  {
    std::lock_guard lock(state_->mutex);
    ready = me->outcome.has_value();
  }
  if (!ready) {
    boost::system::error_code woken;
    co_await me->timer.async_wait(asio::redirect_error(asio::use_awaitable, woken));
  }
  std::lock_guard lock(state_->mutex);
  if (!me->outcome) {
    // Cancelled by something other than the exchange (the caller's own cancellation).
    co_return token_error{token_error::kind::unavailable, "cancelled while waiting", {}};
  }
  co_return std::move(*me->outcome);
}

}  // namespace ugoki::outbound::google
