// Meal plans: a user's weeks of planned meals (recipes, products, free text), their patch
// format, copies and the generator (plan_generator.hpp). No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "core/error.hpp"
#include "nutrition/meal_plans_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition {

class recipes_service;

class meal_plans_service {
 public:
  // Both must outlive the service; `recipes` gives the snapshot and the caller's diner.
  meal_plans_service(pg::database& db, recipes_service& recipes) : db_(db), recipes_(recipes) {}
  meal_plans_service(const meal_plans_service&) = delete;
  meal_plans_service& operator=(const meal_plans_service&) = delete;

  // A plan holds at most this many items (7 days x 4 slots, several dishes each).
  static constexpr int max_items = 100;

  boost::asio::awaitable<plan_page> list(std::string user_id, plan_list_query q);
  // 404 NUTR_021 when the user has no such plan.
  boost::asio::awaitable<result<meal_plan>> get(std::string user_id, std::string id);
  // 400 VAL_001 naming items[n].recipe_id / product_id that are not active recipes or known
  // products; 409 NUTR_022 when another plan of the user overlaps the week.
  boost::asio::awaitable<result<meal_plan>> create(std::string user_id, plan_input in);
  // Applies remove, move, then add (docs/nutrition.md) in one transaction. 404 NUTR_021; 400
  // VAL_001 naming remove[n] / move[n].item_id not in the plan, an item both moved and
  // removed, unknown recipes or products in add[n], or more than max_items afterwards.
  boost::asio::awaitable<result<meal_plan>> patch(std::string user_id, std::string id,
                                                  plan_patch p);
  // 404 NUTR_021.
  boost::asio::awaitable<result<void>> remove(std::string user_id, std::string id);
  // A new plan for the week starting `week_start` with the same items and name. 404 NUTR_021;
  // 409 NUTR_022.
  boost::asio::awaitable<result<meal_plan>> copy(std::string user_id, std::string id,
                                                 date week_start);
  // A generated plan (plan_generator.hpp). 422 NUTR_024 when no recipe is allowed; 409
  // NUTR_022.
  boost::asio::awaitable<result<meal_plan>> generate(std::string user_id, bool premium_caller,
                                                     generate_input in);

  // The data export's "meal_plans" member.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  // The field errors of items whose recipe or product is unknown ("<prefix>[n].recipe_id").
  boost::asio::awaitable<std::vector<field_error>> check_refs(const std::vector<item_input>& items,
                                                              const std::string& prefix);

  pg::database& db_;
  recipes_service& recipes_;
};

}  // namespace ugoki::nutrition
