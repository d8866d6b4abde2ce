// The two ways a PostgreSQL call fails: the server rejected the statement, or no server answered.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "core/dependency_error.hpp"

namespace ugoki::pg {

// The server answered a statement with an error (constraint violation, syntax error, ...), or a
// value could not be read as the requested type. The connection stays usable. Messages carry the
// server's text and the statement name, never parameter values.
class error : public std::runtime_error {
 public:
  error(std::string sqlstate, const std::string& message, std::string constraint = {})
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}

  // Five-character SQLSTATE ("23505"); empty for client-side errors (bad column, bad type).
  const std::string& sqlstate() const { return sqlstate_; }
  // The violated constraint's name when the server reports one, else empty.
  const std::string& constraint() const { return constraint_; }

  bool is_unique_violation() const { return sqlstate_ == "23505"; }
  bool is_exclusion_violation() const { return sqlstate_ == "23P01"; }
  bool is_foreign_key_violation() const { return sqlstate_ == "23503"; }
  bool is_check_violation() const { return sqlstate_ == "23514"; }
  bool is_not_null_violation() const { return sqlstate_ == "23502"; }
  // 40001 or 40P01: the transaction lost a race and may be retried as a whole.
  bool is_serialization_failure() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// PostgreSQL cannot serve right now: no connection within the acquire timeout, the server is down
// (reconnecting with backoff), the connection broke mid-query, or a statement timed out. The HTTP
// layer answers 503 SVC_001; retrying later may succeed.
class unavailable : public ugoki::dependency_unavailable {
 public:
  explicit unavailable(const std::string& what) : dependency_unavailable("postgres", what) {}
};

}  // namespace ugoki::pg
