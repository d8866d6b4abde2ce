// The pipeline's authentication step: Bearer access token -> verified claims -> principal.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/http/server.hpp"

namespace ugoki::auth {

class service;

// Verifies `Authorization: Bearer <jwt>` through auth::service::verify_access (RS256, kid, iss,
// aud, exp, nbf, live session). Returns 401 AUTH_002 (with WWW-Authenticate: Bearer) for a
// missing, malformed, expired or revoked token; lets redis::unavailable through in closed mode
// (503 SVC_001). The principal's token_id is the jti, which carries the session id.
class authenticator final : public http::authenticator {
 public:
  explicit authenticator(service& svc) : svc_(svc) {}
  boost::asio::awaitable<result<http::principal>> authenticate(http::request_context& ctx) override;

 private:
  service& svc_;
};

}  // namespace ugoki::auth
