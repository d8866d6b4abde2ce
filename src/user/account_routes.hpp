// Route table of account deletion and data export (/api/v1/users/me DELETE, /export GET).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>

#include "core/error.hpp"

namespace ugoki::http {
class router;
}

namespace ugoki::user {

class exporter;

// Deletes the caller's account: (user_id, password, request_id) -> 204 or its refusal (401
// AUTH_001 wrong password, 401 AUTH_002 account gone). The password, the sessions and the
// account row are the auth module's, so the composition root passes auth::deletion's
// delete_account in (app/bridges.cpp) and this module needs no link to auth.
using account_deleter = std::function<boost::asio::awaitable<result<void>>(
    std::string user_id, std::string password, std::string request_id)>;

// Registers DELETE /api/v1/users/me and GET /api/v1/users/me/export. `exports` must outlive the
// router.
void add_account_routes(http::router& router, account_deleter delete_account, exporter& exports);

}  // namespace ugoki::user
