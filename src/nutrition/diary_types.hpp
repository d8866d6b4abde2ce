// The food diary: meals with items, the day view, and what it needs of other modules (the
// running fast, the kcal goal), given as functions by app/bridges.cpp.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "nutrition/products_types.hpp"

namespace ugoki::nutrition {

using instant = std::chrono::system_clock::time_point;

// What an amount of food gives, as logged (grams except energy; salt, not sodium).
struct item_values {
  double kcal = 0;
  double protein_g = 0;
  double carbs_g = 0;
  double fat_g = 0;
  double fiber_g = 0;
  double sugar_g = 0;
  double salt_g = 0;
};

// One item of POST/PATCH /meals, validated: exactly one source.
struct item_request {
  enum class source { recipe, product_id, barcode, free_text };
  source from = source::free_text;
  std::string ref;                  // recipe id, product id or normalised barcode
  std::optional<std::string> name;  // free text's name (required there)
  std::optional<double> grams;      // products: grams or servings
  std::optional<double> servings;   // recipes: servings (default 1)
  nutrients free;                   // free text: energy required, the rest default 0
  std::string field;                // "items[2]", for errors
};

// An item resolved to its numbers, ready to store (and as stored, with id).
struct logged_item {
  std::string id;
  int position = 0;
  std::string kind;  // recipe | product | free_text
  std::optional<std::string> recipe_id;
  std::optional<std::string> product_id;
  std::optional<std::string> barcode;
  std::string name;
  std::optional<double> grams;
  std::optional<double> servings;
  item_values values;
};

struct ended_fast {
  std::string id;
  std::string status;  // completed | ended_early
};

struct meal {
  std::string id;
  instant eaten_at;
  std::string local_date;  // YYYY-MM-DD in the user's zone at write time
  std::string slot;        // breakfast | lunch | dinner | snack
  std::string name;
  std::optional<std::string> notes;
  item_values totals;
  std::vector<logged_item> items;
  instant created_at;
  instant updated_at;
  std::optional<ended_fast> fast_ended;  // POST with during_fast=end_fast only; not stored
};

struct new_meal {
  std::optional<instant> eaten_at;  // nullopt: now
  std::string slot;
  std::optional<std::string> name;  // default: the slot's name ("Lunch")
  std::optional<std::string> notes;
  std::vector<item_request> items;         // 1..50
  std::optional<std::string> during_fast;  // end_fast | keep_fast
};

struct meal_patch {
  std::optional<instant> eaten_at;
  std::optional<std::string> slot;
  std::optional<std::string> name;
  std::optional<std::string> notes;
  bool clear_notes = false;
  std::optional<std::vector<item_request>> items;  // replaces every item
};

// Daily targets: kcal from the profile's daily_kcal_goal, the rest derived (diary_rules.hpp).
struct targets {
  std::optional<double> kcal;
  std::optional<double> protein_g;
  std::optional<double> carbs_g;
  std::optional<double> fat_g;
  std::optional<double> fiber_g;
  std::optional<double> sugar_g_max;
  double salt_g_max = 5;
};

struct energy_out {
  double workouts_kcal = 0;  // completed workout sessions of the day
  double active_kcal = 0;    // the day's active_kcal metric (wearables)
  double total = 0;          // diary_rules.hpp: the larger of the two
};

struct diary_day {
  std::string date;
  // The day's meals as JSON text: the members of the answer's `meals` array, each spelled as
  // dto::render_meal spells a stored meal, in time order (meal_days, 0037); empty without meals.
  std::string meals_json;
  item_values totals;
  targets goal;
  energy_out out;
  std::optional<double> remaining_kcal;  // goal + energy out - eaten; nullopt without a goal
};

// The running fast as the diary needs it.
struct active_fast {
  std::string id;
  instant started_at;
};

// What the diary asks of other modules (app/bridges.cpp). Each throws only when its
// dependency is down.
struct diary_sources {
  std::function<boost::asio::awaitable<std::optional<active_fast>>(std::string user_id)>
      running_fast;
  // Ends the fast at `at` by the fasting module's rule; a refusal's message on failure.
  std::function<boost::asio::awaitable<result<ended_fast>>(std::string user_id, std::string fast_id,
                                                           instant at)>
      end_fast;
  // The preferences' daily kcal goal (the dashboard's intake). The day view reads the goal and
  // the day's energy out in its own statement, through the views those modules publish (0032).
  std::function<boost::asio::awaitable<std::optional<int>>(std::string user_id)> kcal_goal;
};

}  // namespace ugoki::nutrition
