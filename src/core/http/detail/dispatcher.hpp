// The request pipeline after parsing: request id, CORS, security headers, routing, rate limit,
// content type, authentication, handler, envelope, metrics and access log. Internal to core/http.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/http/api_error.hpp"
#include "core/http/client_ip.hpp"
#include "core/http/detail/raw_request.hpp"
#include "core/http/idempotency.hpp"
#include "core/http/router.hpp"
#include "core/http/server.hpp"

namespace ugoki::http::detail {

using beast_response = boost::beast::http::response<boost::beast::http::string_body>;

class dispatcher {
 public:
  dispatcher(const server_settings& settings, const router& routes, metrics::registry& metrics)
      : settings_(settings),
        routes_(routes),
        metrics_(metrics),
        client_ips_(settings.trusted_proxies),
        denied_(std::max<std::size_t>(1, settings.threads)) {}

  void set_authenticator(authenticator* auth) { auth_ = auth; }
  void set_rate_limiter(rate_limiter* limiter) { limiter_ = limiter; }
  void set_idempotency_store(idempotency_store* store) { idempotency_ = store; }

  // Runs one parsed request through the pipeline on I/O thread `thread`. Never throws.
  boost::asio::awaitable<beast_response> handle(raw_request& raw, std::string client_ip,
                                                std::size_t thread);

  // A response for a request that failed before it could be dispatched (header too large, body
  // too large, malformed HTTP); counted under the "unmatched" route.
  beast_response early_error(const api_error& error, std::string_view client_request_id,
                             unsigned http_version, std::size_t thread);

 private:
  beast_response render(response r, const std::string& request_id, unsigned version, bool head,
                        std::string_view origin) const;
  beast_response render_error(const api_error& e, const std::string& request_id, unsigned version,
                              std::string_view origin) const;
  void add_common_headers(beast_response& res, const std::string& request_id,
                          std::string_view origin) const;
  bool origin_allowed(std::string_view origin) const;
  // The client address: the TCP peer, or X-Forwarded-For behind a trusted proxy.
  std::string client_address(const raw_request& raw, std::string peer) const;
  // Takes a token for `subject` into `decision`; raises 429 RATE_001 when none is left.
  boost::asio::awaitable<void> charge(rate_subject subject, std::optional<rate_decision>& decision,
                                      std::size_t thread);

  // Safe requests (GET, HEAD) run their handler while the limiter decides, so the limiter's
  // round trip to Redis overlaps the handler's to PostgreSQL instead of preceding it; the answer
  // waits for the decision and becomes 429 when it is a denial. A subject denied in the last
  // Retry-After seconds (on this thread) waits for the decision first, so a client over its
  // limit does not get handlers run: at most its in-flight requests when the denial came.
  struct pending_charge;
  bool runs_ahead(const route& r, verb method, const rate_subject& subject,
                  std::size_t thread) const;
  std::shared_ptr<pending_charge> start_charge(const boost::asio::any_io_executor& ex,
                                               rate_subject subject);
  // Waits for a started charge; the decision goes into `decision` (nullopt when the limiter
  // failed open). Throws dependency_unavailable when it failed closed.
  boost::asio::awaitable<void> settle(pending_charge& pending,
                                      std::optional<rate_decision>& decision, std::size_t thread);
  void remember_denial(const rate_subject& subject, const rate_decision& d, std::size_t thread);
  // Runs route `r` under the request's Idempotency-Key (sent `key_headers` times): validates the
  // key (400), claims it (409 IDEMP_002 in flight, 422 IDEMP_001 mismatch, a replay of the stored
  // response), else runs the handler and stores a response under 500 or forgets the claim. Raises
  // what the dispatcher renders; a handler's own 4xx is rendered here and also put in `failure`.
  // Defined in core/http/idempotency.cpp.
  boost::asio::awaitable<beast_response> idempotent_call(const route& r, request_context& ctx,
                                                         std::size_t key_headers,
                                                         const std::string& request_id,
                                                         unsigned version, std::string_view origin,
                                                         std::optional<api_error>& failure);
  // abandon() that logs instead of throwing: the caller is already answering an error.
  boost::asio::awaitable<void> forget_claim(const idempotent_request& req,
                                            const std::string& token);

  const server_settings& settings_;
  const router& routes_;
  metrics::registry& metrics_;
  authenticator* auth_ = nullptr;
  rate_limiter* limiter_ = nullptr;
  idempotency_store* idempotency_ = nullptr;
  client_ip_resolver client_ips_;
  // Per I/O thread: subject ids and client IPs denied recently -> when the denial lapses.
  using denial_memo = std::unordered_map<std::string, std::chrono::steady_clock::time_point>;
  std::vector<denial_memo> denied_;
};

// "abc-123" if the client's X-Request-Id is sane (1-128 of [A-Za-z0-9._:-]), else a new UUID v4.
std::string make_request_id(std::string_view client_value);

}  // namespace ugoki::http::detail
