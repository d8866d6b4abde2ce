// The two failure kinds of core/redis: an error reply the caller asked to throw, and Redis being
// unreachable (not connected, connection broken, command timed out).
#pragma once

#include <stdexcept>
#include <string>

#include "core/dependency_error.hpp"

namespace ugoki::redis {

// Redis answered with an error reply (WRONGTYPE, NOSCRIPT, ...) and the caller asked to throw
// (reply::throw_if_error). The message is the server's error text, which never echoes arguments.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Redis cannot serve right now: not connected, the connection broke with the command in flight, or
// the command timed out. The dispatcher maps it to 503 SVC_001; the client reconnects by itself.
class unavailable : public ugoki::dependency_unavailable {
 public:
  explicit unavailable(const std::string& what) : dependency_unavailable("redis", what) {}
};

}  // namespace ugoki::redis
