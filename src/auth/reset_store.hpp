// SQL for password reset tokens (table password_reset_tokens, 0002_users.sql). Tokens are kept
// only as SHA-256 hashes. Every function is one round trip and throws pg::unavailable when the
// database cannot be reached.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ugoki::pg {
class database;
}

namespace ugoki::auth::reset_store {

// The account whose password a redeemed token set.
struct reset_account {
  std::string id;
  std::string email;
};

// How many reset tokens the user was sent in the last 24 hours.
boost::asio::awaitable<std::int64_t> tokens_last_day(pg::database& db, std::string user_id);

// Stores a token (its SHA-256 as 64 hex characters) valid for `ttl`; returns the row id.
boost::asio::awaitable<std::string> insert_token(pg::database& db, std::string user_id,
                                                 std::string hash_hex, std::chrono::seconds ttl);
// Deletes a token row (its mail could not be sent).
boost::asio::awaitable<void> delete_token(pg::database& db, std::string id);

// The user of the token when it is unused, unexpired and its account live; nullopt otherwise.
// Checked before the expensive hashing of the new password, so a guessed token costs no
// Argon2id.
boost::asio::awaitable<std::optional<std::string>> usable_for(pg::database& db,
                                                              std::string hash_hex);

// In one statement: marks the token used, sets the account's password hash (and clears its
// failed-login count), and marks the user's other unused tokens used. Returns the account, or
// nullopt when the token was no longer usable (used by a concurrent request, expired, or its
// account deleted meanwhile).
boost::asio::awaitable<std::optional<reset_account>> redeem(pg::database& db, std::string hash_hex,
                                                            std::string password_hash);

}  // namespace ugoki::auth::reset_store
