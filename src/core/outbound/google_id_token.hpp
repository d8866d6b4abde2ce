// Google-signed OIDC ID tokens, as a Pub/Sub push subscription sends them (Authorization: Bearer)
// with Real-time developer notifications: RS256 under one of Google's published keys (a JWKS,
// fetched and cached), issued by accounts.google.com for our audience and the subscription's
// service account.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace ugoki {
class clock;
}

namespace ugoki::outbound {
class http_client;
}

namespace ugoki::outbound::google {

struct id_token_settings {
  std::string audience;               // the push subscription's audience (our webhook's URL)
  std::string service_account_email;  // the subscription's push authentication account
  std::string certs_url = "https://www.googleapis.com/oauth2/v3/certs";  // a stand-in in tests
  std::chrono::seconds leeway{60};
  std::chrono::seconds keys_max_age{3600};  // when the JWKS answer has no Cache-Control max-age
};

// Why a token was refused. `keys_unavailable` is ours (Google's keys could not be fetched): the
// webhook answers 503 so Pub/Sub retries; every other refusal is a 401 that changes nothing.
enum class id_token_refusal {
  malformed,    // not a compact JWS of JSON objects, or too long
  bad_header,   // alg other than RS256, crit, or no kid
  unknown_kid,  // no Google key has this kid, even after fetching the keys again
  bad_signature,
  expired,         // now >= exp + leeway
  not_yet_valid,   // iat later than now + leeway
  wrong_issuer,    // iss not accounts.google.com
  wrong_audience,  // aud not the configured audience
  wrong_account,   // email not the configured service account, or email_verified not true
  keys_unavailable,
};

std::string_view to_string(id_token_refusal r);

// Lets result<..., id_token_refusal>::value() throw: keys_unavailable as
// dependency_unavailable ("google-oidc"), the rest as std::runtime_error.
[[noreturn]] void throw_exception_from_error(id_token_refusal r, const boost::source_location& loc);

struct id_token_claims {
  std::string subject;  // sub: the service account's unique id
  std::string email;
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
};

// Thread-safe; `http` and `clock` must outlive it. Google's keys are fetched on first use, kept
// for the answer's Cache-Control max-age, and fetched again early when a token names a kid not
// yet seen (Google rotates keys), at most once every 30 s so unknown kids cannot make us flood.
class id_token_verifier {
 public:
  // Throws std::invalid_argument for an empty audience or account, or a certs_url that is not
  // http(s).
  id_token_verifier(id_token_settings settings, const http_client& http, const ugoki::clock& clock);
  ~id_token_verifier();
  id_token_verifier(const id_token_verifier&) = delete;
  id_token_verifier& operator=(const id_token_verifier&) = delete;

  // Verifies `token` (without "Bearer "). The algorithm is fixed to RS256, never chosen from the
  // token. Never throws for the token or for Google.
  boost::asio::awaitable<boost::system::result<id_token_claims, id_token_refusal>> verify(
      std::string token) const;

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace ugoki::outbound::google
