// SQL for the fasting module's tables. Every function is one round trip.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <vector>

#include "fasting/types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::fasting::store {

// Active protocols in display order. Throws pg::unavailable when the database cannot be reached.
boost::asio::awaitable<std::vector<protocol>> list_protocols(pg::database& db);

}  // namespace ugoki::fasting::store
