// The request pipeline after parsing, as named stages (docs/architecture.md): preflight, resolve,
// admit (rate limit), authenticate, check (media types, cookie origin), invoke (with
// Idempotency-Key), finish (headers, metrics, access log). Internal to core/http.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/http/admission.hpp"
#include "core/http/client_ip.hpp"
#include "core/http/detail/raw_request.hpp"
#include "core/http/envelope.hpp"
#include "core/http/idempotency.hpp"
#include "core/http/router.hpp"
#include "core/http/server.hpp"

namespace ugoki::http::detail {

class dispatcher {
 public:
  dispatcher(const server_settings& settings, const router& routes, metrics::registry& metrics)
      : settings_(settings),
        routes_(routes),
        metrics_(metrics),
        envelope_(settings.cors_origins, settings.hsts),
        client_ips_(settings.trusted_proxies),
        admission_(settings.threads) {}

  void set_authenticator(authenticator* auth) { auth_ = auth; }
  void set_rate_limiter(rate_limiter* limiter) { admission_.set_limiter(limiter); }
  void set_idempotency_store(idempotency_store* store) { idempotency_ = store; }

  // Runs one parsed request through the pipeline on I/O thread `thread`. Never throws.
  boost::asio::awaitable<beast_response> handle(raw_request& raw, std::string client_ip,
                                                std::size_t thread);

  // A response for a request that failed before it could be dispatched (header too large, body
  // too large, malformed HTTP); counted under the "unmatched" route.
  beast_response early_error(const api_error& error, std::string_view client_request_id,
                             unsigned http_version, std::size_t thread);

 private:
  // One request's state as it moves through the stages.
  struct exchange;

  // CORS preflight (OPTIONS with Access-Control-Request-Method): allowed origins get the grant,
  // others a bare 204 the browser rejects.
  beast_response preflight(exchange& x) const;
  // resolve -> admit -> authenticate -> check -> invoke; the first refusal ends it.
  boost::asio::awaitable<result<beast_response>> run_stages(exchange& x);
  // Unknown paths and public routes are charged to the client IP before anything else runs, so
  // scanning for routes is not free. 404 RES_001, 405 RES_002 after that.
  boost::asio::awaitable<result<void>> resolve(exchange& x);
  // Protected routes: the bearer token (401), the charge at the caller's tier (a refused token
  // pays as anonymous, so spraying tokens is limited too), and the role (403 AUTH_003).
  boost::asio::awaitable<result<void>> authenticate(exchange& x);
  // After authentication, so every refusal of a protected route is charged: 415 REQ_002 for a
  // body of the wrong type, 406 REQ_005 when Accept admits nothing the route produces,
  // 403 AUTH_007 for a cookie sent from a page of another site.
  result<void> check(const exchange& x) const;
  // The handler, under the request's Idempotency-Key when the route honours one.
  boost::asio::awaitable<result<beast_response>> invoke(exchange& x);
  // Runs the route's handler under its Idempotency-Key: validates the key (400), claims it
  // (409 IDEMP_002 in flight, 422 IDEMP_001 mismatch, or a replay of the stored response), runs
  // the handler and stores its answer, unless it was a 400 (the request was refused as invalid:
  // a corrected retry with the same key must run) or a 5xx/exception (the claim is forgotten).
  // Defined in core/http/idempotency.cpp.
  boost::asio::awaitable<result<beast_response>> idempotent_call(exchange& x);
  // abandon() that logs instead of throwing: the caller is already answering.
  boost::asio::awaitable<void> forget_claim(const idempotent_request& req,
                                            const std::string& token);
  // The handler's answer rendered; its refusal, if any, is recorded for the access log.
  beast_response render_handled(exchange& x, response r);
  // Rate-limit headers, keep-alive, metrics and the access-log line.
  beast_response finish(exchange& x, beast_response out);

  // The client address: the TCP peer, or X-Forwarded-For behind a trusted proxy.
  std::string client_address(const raw_request& raw, std::string peer) const;

  const server_settings& settings_;
  const router& routes_;
  metrics::registry& metrics_;
  envelope envelope_;
  authenticator* auth_ = nullptr;
  idempotency_store* idempotency_ = nullptr;
  client_ip_resolver client_ips_;
  admission admission_;
};

// One request's state as it moves through the stages.
struct dispatcher::exchange {
  exchange(const raw_request& raw, std::string id, std::string client_ip, std::size_t t)
      : ctx(raw, id, std::move(client_ip)), request_id(std::move(id)), thread(t) {}

  request_context ctx;
  std::string request_id;
  std::size_t thread;
  std::string_view origin;
  unsigned version = 11;
  bool keep_alive = true;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  const route* target = nullptr;  // set by resolve()
  std::size_t route_index = 0;    // the metrics label: the route's, or "unmatched"
  std::string route_label = "unmatched";
  charge_ticket charge;
  std::optional<api_error> failure;  // what the client was told, for the access log
};

}  // namespace ugoki::http::detail
