// The shopping list: generated from a week's meal plan (regenerated in place, check marks kept),
// manual items, check-off, deletion (docs/nutrition.md "Shopping list"). No HTTP, JSON or SQL.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "nutrition/meal_plans_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition {

class recipes_service;

class shopping_service {
 public:
  // Both must outlive the service; `recipes` gives the snapshot the ingredients come from.
  shopping_service(pg::database& db, recipes_service& recipes) : db_(db), recipes_(recipes) {}
  shopping_service(const shopping_service&) = delete;
  shopping_service& operator=(const shopping_service&) = delete;

  // A user holds at most this many manual items (generated ones are bounded by their plans).
  static constexpr int max_manual_items = 500;

  // With `week`: regenerates the generated rows of the plan covering that day and answers them
  // with the manual items; 404 NUTR_025 when no plan covers it. Without: every item of the user,
  // as stored (no regeneration).
  boost::asio::awaitable<result<shopping_list>> get(std::string user_id, std::optional<date> week);
  // A manual item; 409 NUTR_026 when the user already has max_manual_items.
  boost::asio::awaitable<result<shopping_item>> add(std::string user_id, shopping_input in);
  // 404 NUTR_023 (also another user's item); 409 NUTR_027 when the patch edits anything but
  // `checked` of a generated item.
  boost::asio::awaitable<result<shopping_item>> patch(std::string user_id, std::string id,
                                                      shopping_patch p);
  // 404 NUTR_023.
  boost::asio::awaitable<result<void>> remove(std::string user_id, std::string id);
  // Deletes every checked item of the user; how many.
  boost::asio::awaitable<std::int64_t> clear_checked(std::string user_id);

  // The data export's "shopping_list" member.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  pg::database& db_;
  recipes_service& recipes_;
};

}  // namespace ugoki::nutrition
