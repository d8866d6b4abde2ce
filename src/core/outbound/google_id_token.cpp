// Google OIDC ID token verification: the JWKS at certs_url through the outbound client, cached
// under a mutex; the token checked with crypto::jws (RS256) and its claims here.
#include "core/outbound/google_id_token.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/base64.hpp"
#include "core/clock.hpp"
#include "core/crypto/jws.hpp"
#include "core/dependency_error.hpp"
#include "core/json.hpp"
#include "core/outbound/http_client.hpp"

namespace ugoki::outbound::google {

namespace asio = boost::asio;
namespace json = boost::json;
using id_result = boost::system::result<id_token_claims, id_token_refusal>;
using key_map = std::map<std::string, std::shared_ptr<EVP_PKEY>, std::less<>>;

namespace {

// Google's ID tokens are about 1 KB.
constexpr std::size_t max_id_token_size = 8192;
// A token with an unknown kid fetches the keys again at most this often.
constexpr std::chrono::seconds refetch_interval{30};

std::optional<json::object> decode_json_object(std::string_view part) {
  auto bytes = base64::decode_url(part);
  if (!bytes) {
    return std::nullopt;
  }
  auto v = ugoki::json::parse_strict(*bytes);
  if (!v || !v->is_object()) {
    return std::nullopt;
  }
  return std::move(v->as_object());
}

const json::string* string_member(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v != nullptr ? v->if_string() : nullptr;
}

std::optional<std::int64_t> int_member(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v != nullptr && v->is_int64()) {
    return v->as_int64();
  }
  return std::nullopt;
}

// Cache-Control's max-age, when present.
std::optional<std::chrono::seconds> max_age(const response& r) {
  auto cc = r.header("cache-control");
  if (!cc) {
    return std::nullopt;
  }
  auto at = cc->find("max-age=");
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t s = 0;
  auto digits = cc->substr(at + 8);
  if (std::from_chars(digits.data(), digits.data() + digits.size(), s).ec != std::errc{} || s < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(s);
}

// The RS256 keys of a JWKS document; other key types are skipped. nullopt when it is no JWKS.
std::optional<key_map> parse_jwks(std::string_view body) {
  auto v = ugoki::json::parse_strict(body);
  const json::object* doc = v ? v->if_object() : nullptr;
  const json::value* keys = doc ? doc->if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) {
    return std::nullopt;
  }
  key_map out;
  for (const json::value& k : keys->as_array()) {
    const json::object* o = k.if_object();
    if (o == nullptr) {
      continue;
    }
    const json::string* kty = string_member(*o, "kty");
    const json::string* kid = string_member(*o, "kid");
    const json::string* n = string_member(*o, "n");
    const json::string* e = string_member(*o, "e");
    const json::string* alg = string_member(*o, "alg");
    if (kty == nullptr || *kty != "RSA" || kid == nullptr || n == nullptr || e == nullptr ||
        (alg != nullptr && *alg != "RS256")) {
      continue;
    }
    try {
      out.emplace(std::string(*kid), crypto::jws::rsa_public_key_from_jwk(*n, *e));
    } catch (const std::invalid_argument&) {
      // One unusable key does not spoil the others.
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(id_token_refusal r) {
  switch (r) {
    case id_token_refusal::malformed:
      return "malformed";
    case id_token_refusal::bad_header:
      return "bad_header";
    case id_token_refusal::unknown_kid:
      return "unknown_kid";
    case id_token_refusal::bad_signature:
      return "bad_signature";
    case id_token_refusal::expired:
      return "expired";
    case id_token_refusal::not_yet_valid:
      return "not_yet_valid";
    case id_token_refusal::wrong_issuer:
      return "wrong_issuer";
    case id_token_refusal::wrong_audience:
      return "wrong_audience";
    case id_token_refusal::wrong_account:
      return "wrong_account";
    case id_token_refusal::keys_unavailable:
      return "keys_unavailable";
  }
  return "unknown";
}

void throw_exception_from_error(id_token_refusal r, const boost::source_location&) {
  if (r == id_token_refusal::keys_unavailable) {
    throw dependency_unavailable("google-oidc", "google oidc: the keys cannot be fetched");
  }
  throw std::runtime_error("google oidc: " + std::string(to_string(r)));
}

struct id_token_verifier::state {
  state(id_token_settings s, const http_client& h, const ugoki::clock& c)
      : settings(std::move(s)), http(h), clock(c) {}
  const id_token_settings settings;
  const http_client& http;
  const ugoki::clock& clock;

  std::mutex mutex;  // guards the three below
  key_map keys;
  std::chrono::system_clock::time_point keys_expire{};
  std::chrono::system_clock::time_point last_fetch{};

  // The key named `kid`, or null. `fetch_now` is set when the caller should fetch the keys:
  // they are stale or lack `kid`, and no fetch was claimed in the last refetch_interval (the
  // claim is taken here, so concurrent callers do not all fetch); with no keys at all, always.
  std::shared_ptr<EVP_PKEY> find(std::string_view kid, bool& fetch_now) {
    std::lock_guard lock(mutex);
    auto now = clock.now();
    auto it = keys.find(kid);
    bool wanted = now >= keys_expire || it == keys.end();
    fetch_now = keys.empty() || (wanted && now - last_fetch >= refetch_interval);
    if (fetch_now) {
      last_fetch = now;
    }
    return it == keys.end() ? nullptr : it->second;
  }

  // Fetches the JWKS; false when Google's keys could not be had.
  asio::awaitable<bool> fetch() {
    request req;  // built apart: gcc 12 rejects braced string literals inside a co_await
    req.url = settings.certs_url;
    req.headers.emplace_back("Accept", "application/json");
    auto answer = co_await http.send(std::move(req));
    if (!answer || answer->status != 200) {
      co_return false;
    }
    auto parsed = parse_jwks(answer->body);
    if (!parsed || parsed->empty()) {
      co_return false;
    }
    std::lock_guard lock(mutex);
    keys = std::move(*parsed);
    keys_expire = clock.now() + max_age(*answer).value_or(settings.keys_max_age);
    co_return true;
  }
};

id_token_verifier::id_token_verifier(id_token_settings settings, const http_client& http,
                                     const ugoki::clock& clock) {
  if (settings.audience.empty() || settings.service_account_email.empty()) {
    throw std::invalid_argument("google oidc: the audience and the service account are required");
  }
  if (!is_http_url(settings.certs_url)) {
    throw std::invalid_argument("google oidc: the certs URL is not an http(s) URL");
  }
  state_ = std::make_shared<state>(std::move(settings), http, clock);
}

id_token_verifier::~id_token_verifier() = default;

asio::awaitable<id_result> id_token_verifier::verify(std::string token) const {
  auto self = state_;  // the coroutine keeps the state alive
  if (token.size() > max_id_token_size) {
    co_return id_token_refusal::malformed;
  }
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) {
    co_return id_token_refusal::malformed;
  }
  std::string_view view(token);
  auto header = decode_json_object(view.substr(0, dot1));
  auto payload = decode_json_object(view.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64::decode_url(view.substr(dot2 + 1));
  if (!header || !payload || !signature) {
    co_return id_token_refusal::malformed;
  }
  const json::string* alg = string_member(*header, "alg");
  const json::string* kid = string_member(*header, "kid");
  if (alg == nullptr || *alg != "RS256" || kid == nullptr || header->contains("crit")) {
    co_return id_token_refusal::bad_header;
  }

  // Stale keys still serve while Google's endpoint is down; only a kid we never had fails.
  bool fetch_now = false;
  bool fetch_failed = false;
  auto key = self->find(*kid, fetch_now);
  if (fetch_now) {
    fetch_failed = !co_await self->fetch();
    bool ignored = false;
    key = self->find(*kid, ignored);
  }
  if (key == nullptr) {
    co_return fetch_failed ? id_token_refusal::keys_unavailable : id_token_refusal::unknown_kid;
  }
  if (!crypto::jws::verify_rs256(*key, view.substr(0, dot2), *signature)) {
    co_return id_token_refusal::bad_signature;
  }

  const id_token_settings& s = self->settings;
  const json::string* iss = string_member(*payload, "iss");
  const json::string* aud = string_member(*payload, "aud");
  const json::string* email = string_member(*payload, "email");
  const json::string* sub = string_member(*payload, "sub");
  const json::value* verified = payload->if_contains("email_verified");
  auto iat = int_member(*payload, "iat");
  auto exp = int_member(*payload, "exp");
  if (iss == nullptr || (*iss != "https://accounts.google.com" && *iss != "accounts.google.com")) {
    co_return id_token_refusal::wrong_issuer;
  }
  if (aud == nullptr || *aud != s.audience) {
    co_return id_token_refusal::wrong_audience;
  }
  if (email == nullptr || *email != s.service_account_email || verified == nullptr ||
      !(verified->is_bool() && verified->get_bool())) {
    co_return id_token_refusal::wrong_account;
  }
  if (!iat || !exp || sub == nullptr) {
    co_return id_token_refusal::malformed;
  }
  std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(self->clock.now().time_since_epoch())
          .count();
  if (now - s.leeway.count() >= *exp) {
    co_return id_token_refusal::expired;
  }
  if (*iat > now + s.leeway.count()) {
    co_return id_token_refusal::not_yet_valid;
  }
  co_return id_token_claims{std::string(*sub), std::string(*email), *iat, *exp};
}

}  // namespace ugoki::outbound::google
