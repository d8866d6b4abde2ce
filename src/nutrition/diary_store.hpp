// SQL for meal_logs and meal_log_items (and the recipes' per-serving values the diary copies).
// Every statement names the caller's user_id, so another user's meal reads as missing.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nutrition/diary_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition::diary_store {

struct recipe_serving {
  std::string name;
  item_values per_serving;  // salt from sodium (x 2.5 / 1000)
};

// The active recipes among `ids`, by id. One round trip.
boost::asio::awaitable<std::map<std::string, recipe_serving>> recipes(pg::database& db,
                                                                      std::vector<std::string> ids);

// Inserts the meal `id` with its items (totals summed in SQL, local_date in the user's zone
// from user_zones, else UTC) and reads it back: one pipeline, one transaction.
boost::asio::awaitable<meal> insert_meal(pg::database& db, std::string user_id, std::string id,
                                         instant eaten_at, std::string slot, std::string name,
                                         std::optional<std::string> notes,
                                         const std::vector<logged_item>& items);

// Applies the patch (items, when given, replace all and the totals follow) and reads the meal
// back, in one pipeline. nullopt when the meal is not the user's (or deleted).
boost::asio::awaitable<std::optional<meal>> update_meal(
    pg::database& db, std::string user_id, std::string id, const meal_patch& patch,
    const std::optional<std::vector<logged_item>>& items);

// Soft-deletes the meal; false when there was no such live meal of the user's.
boost::asio::awaitable<bool> delete_meal(pg::database& db, std::string user_id, std::string id);

boost::asio::awaitable<std::optional<meal>> find_meal(pg::database& db, std::string user_id,
                                                      std::string id);

// What the day view reads: the user's live meals of a local date as JSON text (the members of
// the answer's `meals` array, in time order, with items; empty without meals) and their totals,
// the preferences' kcal goal, the kcal of the day's completed workouts and its active_kcal metric
// (0 without rows). One statement: the meals from meal_days (0037), the rest through the views
// the user, workouts and analytics modules publish (0032).
struct day_rows {
  std::string meals_json;
  item_values totals;
  std::optional<int> kcal_goal;
  double workouts_kcal = 0;
  double active_kcal = 0;
};
boost::asio::awaitable<day_rows> day(pg::database& db, std::string user_id, std::string date);

// kcal eaten today in the user's zone (the dashboard), and today's date there.
struct today_intake {
  std::string date;
  double kcal = 0;
};
boost::asio::awaitable<today_intake> today(pg::database& db, std::string user_id);

// Every meal of the user's (deleted ones too) with its items, a JSON array, oldest first.
boost::asio::awaitable<std::string> export_meals(pg::database& db, std::string user_id);

}  // namespace ugoki::nutrition::diary_store
