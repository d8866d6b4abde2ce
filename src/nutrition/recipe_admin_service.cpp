// The recipes' administration (recipe_admin_service.hpp).
#include "nutrition/recipe_admin_service.hpp"

#include "core/pg/database.hpp"
#include "core/redis/reference_changes.hpp"
#include "core/version_guard.hpp"
#include "nutrition/patch.hpp"
#include "nutrition/plans_errors.hpp"
#include "nutrition/recipe_admin_store.hpp"

namespace ugoki::nutrition {

using boost::asio::awaitable;

admin_recipe apply_patch(admin_recipe a, const recipe_patch& patch) {
  recipe& r = a.r;
  take_present(r.name, patch.name);
  take_present(r.description, patch.description);
  take_present(r.steps, patch.steps);
  take_present(r.ingredients, patch.ingredients);
  take_present(r.prep_minutes, patch.prep_minutes);
  take_present(r.cook_minutes, patch.cook_minutes);
  take_present(r.servings, patch.servings);
  take_present(r.per_serving, patch.per_serving);
  take_present(r.diet_types, patch.diet_types);
  take_present(r.allergens, patch.allergens);
  take_present(r.meal_types, patch.meal_types);
  take_present(r.tags, patch.tags);
  take_present(r.is_premium, patch.is_premium);
  take_present(r.active, patch.active);
  take_present(r.image_url, patch.image_url);
  return a;
}

recipe_admin::recipe_admin(pg::database& db, redis::reference_changes& changes)
    : db_(db), changes_(changes) {}

awaitable<admin_recipe_page> recipe_admin::list(admin_recipe_query q) {
  co_return co_await recipe_admin_store::list_recipes(db_, q);
}

awaitable<result<admin_recipe>> recipe_admin::get(std::string id) {
  auto found = co_await recipe_admin_store::find_recipe(db_, std::move(id));
  if (!found) {
    co_return errors::admin_recipe_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<admin_recipe>> recipe_admin::create(actor who, admin_recipe a) {
  auto stored = co_await recipe_admin_store::insert_recipe(db_, a, who);
  if (!stored) {
    co_return errors::recipe_slug_taken();
  }
  co_await changes_.announce("nutrition");
  co_return std::move(*stored);
}

awaitable<result<admin_recipe>> recipe_admin::update(actor who, std::string id,
                                                     recipe_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await recipe_admin_store::lock_recipe(tx, std::move(id));
  if (!found) {
    co_return errors::admin_recipe_not_found();
  }
  if (patch.version && *patch.version != found->recipe.version) {
    co_return version_guard::stale("The recipe changed since you read it; reload it");
  }
  admin_recipe next = apply_patch(found->recipe, patch);
  admin_recipe stored = co_await recipe_admin_store::write_recipe(
      tx, next, patch.ingredients.has_value(), patch.translations, found->audit_before, who,
      "update");
  co_await tx.commit();
  co_await changes_.announce("nutrition");
  co_return stored;
}

awaitable<result<recipe_removal>> recipe_admin::remove(actor who, std::string id,
                                                       std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await recipe_admin_store::lock_recipe(tx, id);
  if (!found) {
    co_return errors::admin_recipe_not_found();
  }
  if (version && *version != found->recipe.version) {
    co_return version_guard::stale("The recipe changed since you read it; reload it");
  }
  auto refs = co_await recipe_admin_store::references_of(tx, id);
  recipe_removal out{id, false, refs.meal_plan_items, refs.diary_items};
  if (refs.meal_plan_items == 0 && refs.diary_items == 0) {
    co_await recipe_admin_store::delete_recipe(tx, id, found->audit_before, who);
    out.deleted = true;
  } else if (found->recipe.r.active) {
    admin_recipe next = found->recipe;
    next.r.active = false;
    // A named object, not `{}`: GCC 12 destroys a braced temporary argument of a co_await
    // expression as if it lived on the heap (ASan: bad-free).
    const translations_change unchanged;
    co_await recipe_admin_store::write_recipe(tx, next, false, unchanged, found->audit_before, who,
                                              "deactivate");
  } else {
    co_return out;  // retired already: nothing to write
  }
  co_await tx.commit();
  co_await changes_.announce("nutrition");
  co_return out;
}

}  // namespace ugoki::nutrition
