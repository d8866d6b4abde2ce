// The auth module's route table (/api/v1/auth/*) and the JWKS document.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::auth {

class service;
class password_reset;

// Registers register, login, refresh, logout, logout-all, password, sessions and
// /.well-known/jwks.json. `svc` must outlive the router.
void add_auth_routes(http::router& router, service& svc);
// Registers POST /api/v1/auth/password-reset and .../password-reset/confirm. `resets` must
// outlive the router.
void add_password_reset_routes(http::router& router, password_reset& resets);

}  // namespace ugoki::auth
