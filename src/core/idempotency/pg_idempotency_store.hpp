// http::idempotency_store on PostgreSQL's idempotency_keys table (migrations/0012_platform.sql),
// and the purge of expired keys that a periodic job runs.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "core/http/idempotency.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::idempotency {

struct settings {
  // How long a completed response is replayed (API_CONVENTIONS.md: 24 h).
  std::chrono::seconds retention{std::chrono::hours(24)};
  // A claim with no response after this long is presumed dead (its process crashed) and the
  // same request may take it over. Twice the longest a handler can take (see the .cpp).
  std::chrono::seconds stale_after{std::chrono::minutes(2)};
};

class pg_idempotency_store final : public http::idempotency_store {
 public:
  // Holds `db` by reference; it must outlive the store. Throws std::invalid_argument when a
  // duration in `s` is not positive.
  explicit pg_idempotency_store(pg::database& db, settings s = {});

  // One round trip: claims the key, or reads the row that holds it. Replaces an expired row,
  // and takes over a stale in-flight row of the same request. Throws pg::unavailable when
  // PostgreSQL is down; unknown_caller when the user no longer exists.
  boost::asio::awaitable<http::claim> begin(const http::idempotent_request& r) override;
  // Stores status, content type and body, if the claim `token` still holds the row.
  boost::asio::awaitable<void> complete(const http::idempotent_request& r, const std::string& token,
                                        const http::stored_response& response) override;
  // Deletes the row if the claim `token` still holds it (in flight).
  boost::asio::awaitable<void> abandon(const http::idempotent_request& r,
                                       const std::string& token) override;

 private:
  pg::database& db_;
  settings settings_;
};

// Deletes keys whose expires_at has passed, 1000 rows a statement so no lock is held long.
// Returns how many were deleted. Throws pg::unavailable when PostgreSQL is down.
boost::asio::awaitable<std::int64_t> purge_expired(pg::database& db);

}  // namespace ugoki::idempotency
