// The shopping list's rules (shopping_service.hpp).
#include "nutrition/shopping_service.hpp"

#include "core/pg/database.hpp"
#include "nutrition/plans_errors.hpp"
#include "nutrition/recipes_service.hpp"
#include "nutrition/shopping_dto.hpp"
#include "nutrition/shopping_list.hpp"
#include "nutrition/shopping_store.hpp"

namespace ugoki::nutrition {

using boost::asio::awaitable;

awaitable<result<shopping_list>> shopping_service::get(std::string user_id,
                                                       std::optional<date> week) {
  shopping_list out;
  if (!week) {
    out.items = co_await store::list_items(db_, std::move(user_id));
    shopping::order(out.items);
    co_return out;
  }
  // The snapshot first: a reload must not run while the plan row is locked.
  auto book = co_await recipes_.book();
  auto tx = co_await db_.begin();
  auto plan = co_await store::lock_week_plan(tx, user_id, *week);
  if (!plan) {
    co_return errors::no_plan_that_week();
  }
  auto lines = shopping::lines_of(plan->items, *book);
  out.items = co_await store::sync_and_read(tx, std::move(user_id), plan->id, std::move(lines));
  co_await tx.commit();
  out.meal_plan_id = plan->id;
  out.week_start = plan->week_start;
  shopping::order(out.items);
  co_return out;
}

awaitable<result<shopping_item>> shopping_service::add(std::string user_id, shopping_input in) {
  auto added = co_await store::add_item(db_, std::move(user_id), std::move(in), max_manual_items);
  if (!added) {
    co_return errors::shopping_list_full();
  }
  co_return std::move(*added);
}

awaitable<result<shopping_item>> shopping_service::patch(std::string user_id, std::string id,
                                                         shopping_patch p) {
  auto tx = co_await db_.begin();
  auto found = co_await store::lock_item(tx, user_id, id);
  if (!found) {
    co_return errors::shopping_item_not_found();
  }
  if (found->meal_plan_id && p.edits_content()) {
    co_return errors::generated_item_fixed();  // the transaction rolls back unchanged
  }
  auto item = co_await store::update_item(tx, std::move(user_id), std::move(id), std::move(p));
  co_await tx.commit();
  co_return item;
}

awaitable<result<void>> shopping_service::remove(std::string user_id, std::string id) {
  // Awaited into a variable: GCC 12 miscompiles a co_await inside an if condition.
  bool deleted = co_await store::delete_item(db_, std::move(user_id), std::move(id));
  if (!deleted) {
    co_return errors::shopping_item_not_found();
  }
  co_return result<void>{};
}

awaitable<std::int64_t> shopping_service::clear_checked(std::string user_id) {
  co_return co_await store::clear_checked(db_, std::move(user_id));
}

awaitable<std::string> shopping_service::export_part(std::string user_id) {
  co_return dto::render_shopping_export(co_await store::export_items(db_, std::move(user_id)));
}

}  // namespace ugoki::nutrition
