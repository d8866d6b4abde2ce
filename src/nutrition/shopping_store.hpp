// SQL of the shopping list (shopping_list_items, and the week's plan it is generated from).
// Every function names the user: another user's items are not there. Throws pg::unavailable
// when the database is down and pg::error for a statement the server refuses (a bug: inputs are
// validated by the service first).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "nutrition/meal_plans_types.hpp"
#include "nutrition/shopping_list.hpp"
#include "nutrition/units.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::nutrition::store {

// The user's plan covering `day`, locked for the transaction (so two regenerations of one week
// run one after the other), with its items; nullopt when no plan covers the day.
struct week_plan {
  std::string id;
  date week_start{};
  std::vector<shopping::planned> items;
};
boost::asio::awaitable<std::optional<week_plan>> lock_week_plan(pg::transaction& tx,
                                                                std::string user_id, date day);

// Regenerates the plan's generated rows in place from `lines` (docs/nutrition.md "Shopping
// list"): upserts by item_key, unchecking a checked row whose quantity or unit changes; deletes
// the plan's unchecked rows whose key is not among `lines` (checked ones stay). Then reads the
// plan's rows and the user's rows without a plan, in the same round trip.
boost::asio::awaitable<std::vector<shopping_item>> sync_and_read(pg::transaction& tx,
                                                                 std::string user_id,
                                                                 std::string plan_id,
                                                                 std::vector<units::line> lines);

// Every item of the user (generated for any plan, and manual).
boost::asio::awaitable<std::vector<shopping_item>> list_items(pg::database& db,
                                                              std::string user_id);

// Adds a manual item unless the user already has `max_manual` items without a plan (nullopt).
boost::asio::awaitable<std::optional<shopping_item>> add_item(pg::database& db, std::string user_id,
                                                              shopping_input in, int max_manual);

// The user's item `id`, locked for the transaction; nullopt when the user has none.
boost::asio::awaitable<std::optional<shopping_item>> lock_item(pg::transaction& tx,
                                                               std::string user_id, std::string id);
// Applies a validated patch to the (locked) item and returns it as stored.
boost::asio::awaitable<shopping_item> update_item(pg::transaction& tx, std::string user_id,
                                                  std::string id, shopping_patch p);

// Deletes the user's item; false if none.
boost::asio::awaitable<bool> delete_item(pg::database& db, std::string user_id, std::string id);

// Deletes the user's checked items (generated and manual); how many.
boost::asio::awaitable<std::int64_t> clear_checked(pg::database& db, std::string user_id);

// The data export's "shopping_list": the user's items as a JSON array.
boost::asio::awaitable<std::string> export_items(pg::database& db, std::string user_id);

}  // namespace ugoki::nutrition::store
