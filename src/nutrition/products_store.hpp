// SQL for food_products: barcode and id look-ups (the public row, or the caller's own
// submission), Open Food Facts upserts, users' submissions, imports and the export. A pending
// product is only ever read with its submitter's user_id.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "nutrition/products_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition::products_store {

// The product of `code` that `user_id` may see: the public one, else their own submission
// unless it was rejected.
// nullopt when neither exists. One indexed read; throws pg::unavailable when the database is
// down.
boost::asio::awaitable<std::optional<product>> find_by_code(pg::database& db, std::string code,
                                                            std::string user_id);

// The product `id` when it is public or the caller's own submission, else nullopt.
boost::asio::awaitable<std::optional<product>> find_by_id(pg::database& db, std::string id,
                                                          std::string user_id);

// Stores (or refreshes) the public row of p.code from Open Food Facts, flags included, and
// returns it with its id. Throws pg::unavailable.
boost::asio::awaitable<product> upsert_public(pg::database& db, const product& p);

// Inserts the caller's pending submission. nullopt when a public product of that code exists
// or the caller already submitted one (the unique index decides a race), unless an admin
// rejected that one: the new submission then replaces it, pending again, with the same id.
boost::asio::awaitable<std::optional<product>> insert_submission(pg::database& db,
                                                                 std::string user_id,
                                                                 const product& p);

// The caller's submissions (pending, rejected, and approved ones now public), newest first.
boost::asio::awaitable<std::vector<product>> list_submissions(pg::database& db,
                                                              std::string user_id);

// Upserts a batch of public products by code (the import): one INSERT ... ON CONFLICT over a
// jsonb record set, so a batch is one statement and one round trip. Codes must be distinct
// within the batch. Returns the rows written. A user's submission is never touched, nor a public
// product an admin has written (its fix would be undone by the next export; 0033).
boost::asio::awaitable<std::size_t> upsert_batch(pg::database& db,
                                                 const std::vector<product>& batch);

// The caller's submissions for the data export: a JSON array of every column but submitted_by,
// instants as jsonb writes them in UTC (+00:00). One round trip.
boost::asio::awaitable<std::string> export_submissions(pg::database& db, std::string user_id);

}  // namespace ugoki::nutrition::products_store
