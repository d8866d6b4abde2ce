// SQL of the auth module's parts of the data export (GET /users/me/export): the account, linked
// social identities, MFA status and security events, each as JSON text built by PostgreSQL.
// Secrets (password hash, token hashes, the TOTP secret) are never selected. Every function is
// one round trip and throws pg::unavailable when the database cannot be reached.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace ugoki::pg {
class database;
}

namespace ugoki::auth::export_store {

// The account (id, email, email_verified, role, status, timestamps, has_password); nullopt when
// it does not exist or is deleted.
boost::asio::awaitable<std::optional<std::string>> account(pg::database& db, std::string user_id);
// The linked social identities, oldest first (an array).
boost::asio::awaitable<std::string> oauth_identities(pg::database& db, std::string user_id);
// {enabled_at, created_at} of the second factor, or null.
boost::asio::awaitable<std::string> mfa(pg::database& db, std::string user_id);
// The audit events of the account (action, outcome, created_at), oldest first (an array).
boost::asio::awaitable<std::string> security_events(pg::database& db, std::string user_id);

}  // namespace ugoki::auth::export_store
