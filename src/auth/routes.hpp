// The auth module's route table (/api/v1/auth/*) and the JWKS document.
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::auth {

class service;

// Registers register, login, refresh, logout, logout-all, password, sessions and
// /.well-known/jwks.json. `svc` must outlive the router.
void add_auth_routes(http::router& router, service& svc);

}  // namespace ugoki::auth
