// Google service-account OAuth (RFC 7523 JWT bearer grant), for the Play Developer API and FCM
// HTTP v1: an RS256 assertion signed with the key file's private key, exchanged at token_uri for
// an access token that is cached until shortly before it expires.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ugoki {
class clock;
}

namespace ugoki::outbound {
class http_client;
}

namespace ugoki::outbound::google {

// What a service-account JSON key holds that the grant needs.
struct service_account {
  std::string client_email;
  std::string private_key_pem;  // RSA, PKCS#8 PEM as Google issues it
  std::string private_key_id;   // the assertion's kid; may be empty
  std::string token_uri = "https://oauth2.googleapis.com/token";
};

// Reads a service-account key file's JSON ({"type":"service_account","client_email":...,
// "private_key":...,"private_key_id":...,"token_uri":...}). Throws std::invalid_argument naming
// the missing or wrong member (never quoting the key).
service_account parse_service_account(std::string_view json_text);
// parse_service_account of the file at `path`; std::runtime_error when it cannot be read.
service_account load_service_account(const std::filesystem::path& path);

// Why no token came back.
struct token_error {
  enum class kind {
    configuration,  // Google refused the grant (400/401/403: bad key, clock, scope, account
                    // disabled) or token_uri is wrong: retrying will not help, an operator must
    unavailable,    // timeout, connection, 429 or 5xx, an answer that is not a token: retry later
  };
  kind what = kind::unavailable;
  std::string detail;                               // for logs: "HTTP 400 invalid_grant", "timeout"
  std::optional<std::chrono::seconds> retry_after;  // from a 429/503's Retry-After, when given
};

// Lets result<std::string, token_error>::value() throw: `unavailable` as
// ugoki::dependency_unavailable ("google-oauth", a 503 with Retry-After), `configuration` as
// std::runtime_error (a 500: the server is misconfigured, the client is not at fault).
[[noreturn]] void throw_exception_from_error(const token_error& e,
                                             const boost::source_location& loc);

struct token_settings {
  // Space-separated scopes: "https://www.googleapis.com/auth/androidpublisher",
  // "https://www.googleapis.com/auth/firebase.messaging".
  std::string scope;
  // Replaces the key's token_uri when set (a local stand-in in tests); also the assertion's aud.
  std::string token_uri;
  std::chrono::seconds assertion_lifetime{3600};  // exp - iat; Google allows at most one hour
  std::chrono::seconds refresh_before{300};       // renew a cached token this long before expiry
};

// The signed assertion (RFC 7523 2.1): header {"alg":"RS256","typ":"JWT"[,"kid"]}, claims
// {"iss": client_email, "scope", "aud", "iat": now, "exp": now + lifetime}. Pure, for tests and
// for token_source. Throws std::invalid_argument for a key that is not RSA PEM.
std::string make_assertion(const service_account& account, std::string_view scope,
                           std::string_view audience, std::chrono::system_clock::time_point now,
                           std::chrono::seconds lifetime);

// The access tokens of one service account and scope. Thread-safe: access_token() may run on any
// I/O thread, from an executor that runs one handler at a time (an I/O thread's io_context, a
// strand): a waiter is woken by a timer cancel posted to its executor. `http` and `clock` must
// outlive it (and any exchange still running).
class token_source {
 public:
  // Throws std::invalid_argument for an unusable key, an empty scope, a token URI that is not
  // http(s), or an assertion lifetime outside (0 s, 1 h].
  token_source(service_account account, token_settings settings, const http_client& http,
               const ugoki::clock& clock);
  ~token_source();
  token_source(const token_source&) = delete;
  token_source& operator=(const token_source&) = delete;

  // A valid access token: the cached one while more than refresh_before of its life is left,
  // else a fresh exchange. At most one exchange runs at a time; callers that arrive meanwhile
  // wait for it and share its outcome (a failure is not retried by each of them). The exchange
  // runs detached on the first caller's executor, so a caller that goes away cannot strand the
  // others. Never throws for Google or the network.
  boost::asio::awaitable<boost::system::result<std::string, token_error>> access_token();

  // Forgets the cached token, so the next call exchanges again (an API answered 401 with it).
  void invalidate();

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace ugoki::outbound::google
