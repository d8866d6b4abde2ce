// SQL of the workout library: the reference snapshot (exercises, catalogue routines and their
// slots, the version stamp) and users' own routines. Every function throws pg::unavailable when
// the database is down and pg::error for a statement the server refuses (a bug: inputs are
// validated by the service first).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workouts/library_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::workouts::store {

// The version stamp of the reference data (migration 0021): one row, one round trip.
boost::asio::awaitable<std::int64_t> reference_version(pg::database& db);

// Every exercise (retired ones marked inactive) and every active catalogue routine with its
// slots, read in one round trip and one implicit transaction, with the version they are at.
// `terms` and the indexes are left for the caller to fill.
boost::asio::awaitable<catalogue> load_catalogue(pg::database& db);

// The user's own routines (all, or only `id`), oldest first, intervals in block then position
// order. Another user's routine is simply not there.
boost::asio::awaitable<std::vector<routine>> own_routines(pg::database& db, std::string user_id,
                                                          std::optional<std::string> id);

// One page of the user's own routines after q's position, oldest first, with their intervals:
// up to q.limit + 1 rows (the extra one says there is a next page).
boost::asio::awaitable<std::vector<routine>> own_routine_page(pg::database& db, std::string user_id,
                                                              const own_routine_query& q);

// Creates a routine with its intervals (positions 1..n in the given order) in one statement.
// nullopt when the user already owns `limit` routines.
boost::asio::awaitable<std::optional<routine>> create_own(pg::database& db, std::string user_id,
                                                          routine r, int limit);

// Applies `in` (absent members keep their value; intervals, when given, replace the list) to
// the user's routine `id` and reads it back, in one round trip and one implicit transaction.
// nullopt when the user has no such routine.
boost::asio::awaitable<std::optional<routine>> update_own(pg::database& db, std::string user_id,
                                                          std::string id, own_routine_input in);

// Deletes the user's routine `id` and its intervals; false when there is none.
boost::asio::awaitable<bool> delete_own(pg::database& db, std::string user_id, std::string id);

// The user's routines with their intervals as a JSON array (the data export's
// "workout_routines"); instants as PostgreSQL writes them in UTC.
boost::asio::awaitable<std::string> export_own(pg::database& db, std::string user_id);

}  // namespace ugoki::workouts::store
