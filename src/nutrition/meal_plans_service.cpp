// Meal plans' rules (meal_plans_service.hpp).
#include "nutrition/meal_plans_service.hpp"

#include <set>

#include "core/pg/database.hpp"
#include "nutrition/meal_plans_dto.hpp"
#include "nutrition/meal_plans_store.hpp"
#include "nutrition/plan_generator.hpp"
#include "nutrition/plans_errors.hpp"
#include "nutrition/recipes_search.hpp"
#include "nutrition/recipes_service.hpp"

namespace ugoki::nutrition {

using boost::asio::awaitable;

awaitable<std::vector<field_error>> meal_plans_service::check_refs(
    const std::vector<item_input>& items, const std::string& prefix) {
  std::vector<field_error> errors;
  auto book = co_await recipes_.book();
  std::vector<std::string> products;
  for (const auto& i : items) {
    if (i.product_id) {
      products.push_back(*i.product_id);
    }
  }
  auto known = co_await store::known_products(db_, products);
  for (std::size_t n = 0; n < items.size(); ++n) {
    const auto& i = items[n];
    const std::string at = prefix + "[" + std::to_string(n) + "]";
    if (i.recipe_id) {
      const recipe* r = book->find(*i.recipe_id);
      if (r == nullptr || r->id != *i.recipe_id || !r->active) {
        errors.push_back({at + ".recipe_id", "is not an active recipe"});
      }
    }
    if (i.product_id && !known.contains(*i.product_id)) {
      errors.push_back({at + ".product_id", "is not a known product"});
    }
  }
  co_return errors;
}

awaitable<plan_page> meal_plans_service::list(std::string user_id, plan_list_query q) {
  co_return co_await store::list_plans(db_, std::move(user_id), q);
}

awaitable<result<meal_plan>> meal_plans_service::get(std::string user_id, std::string id) {
  auto found = co_await store::find_plan(db_, std::move(user_id), std::move(id));
  if (!found) {
    co_return errors::meal_plan_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<meal_plan>> meal_plans_service::create(std::string user_id, plan_input in) {
  auto bad = co_await check_refs(in.items, "items");
  if (!bad.empty()) {
    co_return validation(std::move(bad));
  }
  auto created = co_await store::create_plan(db_, std::move(user_id), std::move(in));
  if (!created) {
    co_return errors::week_taken();
  }
  co_return std::move(*created);
}

awaitable<result<meal_plan>> meal_plans_service::patch(std::string user_id, std::string id,
                                                       plan_patch p) {
  auto bad = co_await check_refs(p.add, "add");
  auto tx = co_await db_.begin();
  auto ids = co_await store::lock_plan(tx, user_id, id);
  if (!ids) {
    co_return errors::meal_plan_not_found();
  }
  std::set<std::string> removed;
  for (std::size_t n = 0; n < p.remove.size(); ++n) {
    if (!ids->contains(p.remove[n])) {
      bad.push_back({"remove[" + std::to_string(n) + "]", "is not an item of this plan"});
    }
    removed.insert(p.remove[n]);
  }
  for (std::size_t n = 0; n < p.move.size(); ++n) {
    const std::string& item = p.move[n].item_id;
    if (!ids->contains(item)) {
      bad.push_back({"move[" + std::to_string(n) + "].item_id", "is not an item of this plan"});
    } else if (removed.contains(item)) {
      bad.push_back({"move[" + std::to_string(n) + "].item_id", "is also removed"});
    }
  }
  std::size_t after = ids->size() - removed.size() + p.add.size();
  if (after > static_cast<std::size_t>(max_items)) {
    bad.push_back({"add", "a plan holds at most 100 items"});
  }
  if (!bad.empty()) {
    co_return validation(std::move(bad));  // the transaction rolls back unchanged
  }
  auto plan = co_await store::apply_patch(tx, std::move(user_id), std::move(id), std::move(p));
  co_await tx.commit();
  co_return plan;
}

awaitable<result<void>> meal_plans_service::remove(std::string user_id, std::string id) {
  bool deleted = co_await store::delete_plan(db_, std::move(user_id), std::move(id));
  if (!deleted) {
    co_return errors::meal_plan_not_found();
  }
  co_return result<void>{};
}

awaitable<result<meal_plan>> meal_plans_service::copy(std::string user_id, std::string id,
                                                      date week_start) {
  auto found = co_await store::find_plan(db_, user_id, std::move(id));
  if (!found) {
    co_return errors::meal_plan_not_found();
  }
  plan_input in;
  in.name = found->name;
  in.week_start = week_start;
  for (const auto& i : found->items) {
    in.items.push_back({i.day, i.slot, i.recipe_id, i.product_id, i.free_text, i.servings});
  }
  // Retired recipes are copied as they are: the copy renders like the original.
  auto created = co_await store::create_plan(db_, std::move(user_id), std::move(in));
  if (!created) {
    co_return errors::week_taken();
  }
  co_return std::move(*created);
}

awaitable<result<meal_plan>> meal_plans_service::generate(std::string user_id, bool premium_caller,
                                                          generate_input in) {
  generator::inputs g;
  g.premium = premium_caller;
  std::set<std::string> allergens(in.exclude.begin(), in.exclude.end());
  diner d = co_await recipes_.diner_of(user_id);
  if (in.include_profile) {
    for (auto& a : recipe_search::allergens_of(d.allergies)) {
      allergens.insert(std::move(a));
    }
    g.diet = d.diet;
    g.excluded_foods = d.excluded_foods;
  }
  if (in.diet) {
    g.diet = in.diet;
  }
  g.allergens.assign(allergens.begin(), allergens.end());
  g.daily_kcal = in.daily_kcal.value_or(d.daily_kcal_goal.value_or(2000));
  auto book = co_await recipes_.book();
  auto planned = generator::week(*book, g);
  if (planned.empty()) {
    co_return errors::nothing_to_plan();
  }
  plan_input p;
  p.name = in.name;
  p.week_start = in.week_start;
  for (const auto& x : planned) {
    p.items.push_back({x.day, x.slot, x.r->id, std::nullopt, std::nullopt, x.servings});
  }
  auto created = co_await store::create_plan(db_, std::move(user_id), std::move(p));
  if (!created) {
    co_return errors::week_taken();
  }
  co_return std::move(*created);
}

awaitable<std::string> meal_plans_service::export_part(std::string user_id) {
  co_return dto::render_plans_export(co_await store::export_plans(db_, std::move(user_id)));
}

}  // namespace ugoki::nutrition
