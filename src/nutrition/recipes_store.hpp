// SQL of the recipe snapshot. Throws pg::unavailable when the database is down and pg::error for
// a statement the server refuses (a bug).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "nutrition/recipes_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition::store {

// Every recipe (retired ones with active false) and its ingredients in one round trip, ordered
// by name (byte order) then id; terms and lookups are left to recipe_search::index_book.
boost::asio::awaitable<recipe_book> load_recipes(pg::database& db);

}  // namespace ugoki::nutrition::store
