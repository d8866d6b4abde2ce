// SQL of meal plans and their items. Every function names the user: another user's plan is not
// there. Throws pg::unavailable when the database is down and pg::error for a statement the
// server refuses (a bug: inputs are validated by the service first) unless stated.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "nutrition/meal_plans_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::nutrition::store {

// The page of the user's plans (newest week first) with their items, in one round trip.
boost::asio::awaitable<plan_page> list_plans(pg::database& db, std::string user_id,
                                             plan_list_query q);

// One plan with its items; nullopt when the user has none with that id.
boost::asio::awaitable<std::optional<meal_plan>> find_plan(pg::database& db, std::string user_id,
                                                           std::string id);

// Creates the plan and its items in one statement and reads it back. nullopt when another plan
// of the user overlaps the week (the exclusion constraint of migration 0025).
boost::asio::awaitable<std::optional<meal_plan>> create_plan(pg::database& db, std::string user_id,
                                                             plan_input in);

// Locks the user's plan `id` for the transaction and returns its item ids; nullopt when none.
boost::asio::awaitable<std::optional<std::set<std::string>>> lock_plan(pg::transaction& tx,
                                                                       std::string user_id,
                                                                       std::string id);
// Applies a validated patch (ids known to belong to the plan) and reads the plan back.
boost::asio::awaitable<meal_plan> apply_patch(pg::transaction& tx, std::string user_id,
                                              std::string id, plan_patch p);

// Deletes the plan and its items (its generated shopping items stay, unlinked); false if none.
boost::asio::awaitable<bool> delete_plan(pg::database& db, std::string user_id, std::string id);

// The ids among `ids` of products that exist (found) in food_products.
boost::asio::awaitable<std::set<std::string>> known_products(pg::database& db,
                                                             std::vector<std::string> ids);

// The data export's "meal_plans": the user's plans with their items as a JSON array.
boost::asio::awaitable<std::string> export_plans(pg::database& db, std::string user_id);

}  // namespace ugoki::nutrition::store
