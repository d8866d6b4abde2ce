// Route table of account deletion and data export (/api/v1/users/me DELETE, /export GET).
#pragma once

namespace ugoki::http {
class router;
}

namespace ugoki::user {

class account;
class exporter;

// Registers DELETE /api/v1/users/me and GET /api/v1/users/me/export. Both services must
// outlive the router.
void add_account_routes(http::router& router, account& accounts, exporter& exports);

}  // namespace ugoki::user
