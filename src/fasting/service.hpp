// The fasting module's rules. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <vector>

#include "fasting/types.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::fasting {

class service {
 public:
  service(pg::database& db, const clock& clock) : db_(db), clock_(clock) {}

  // Every active protocol, in display order. Throws pg::unavailable when the database is down.
  boost::asio::awaitable<std::vector<protocol>> protocols();

 private:
  pg::database& db_;
  [[maybe_unused]] const clock& clock_;
};

}  // namespace ugoki::fasting
