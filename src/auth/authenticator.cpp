// The pipeline's authentication step, on top of auth::service.
#include "auth/authenticator.hpp"

#include "auth/errors.hpp"
#include "auth/service.hpp"
#include "core/crypto/jwt.hpp"

namespace ugoki::auth {

boost::asio::awaitable<result<http::principal>> authenticator::authenticate(
    http::request_context& ctx) {
  auto header = ctx.header("Authorization");
  if (header.empty()) {
    co_return errors::invalid_token("Authentication required");
  }
  auto token = bearer_token(header);
  if (!token) {
    co_return errors::token_invalid();
  }
  auto verified = co_await svc_.verify_access(*token);
  if (!verified) {
    co_return std::move(verified.error());
  }
  co_return http::principal{verified->sub, verified->email, verified->role, verified->jti};
}

}  // namespace ugoki::auth
