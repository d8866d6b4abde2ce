// SQL of the recipes' administration on recipes and recipe_ingredients: the whole library
// (retired rows too), one recipe, create, lock, write, count references, delete. Every write
// records its admin_audit() entry ('nutrition.recipe': the row and its ingredients before and
// after) in the same transaction.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "core/actor.hpp"
#include "nutrition/recipe_admin_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::nutrition::recipe_admin_store {

// A page of every recipe, active or not, by English name (byte order) then id, filtered by q
// (in the English name or the slug, case-insensitive), with the total; without ingredients.
// One round trip. Throws pg::unavailable.
boost::asio::awaitable<admin_recipe_page> list_recipes(pg::database& db,
                                                       const admin_recipe_query& q);

// Recipe `id` with its ingredients; nullopt when there is none. One round trip.
boost::asio::awaitable<std::optional<admin_recipe>> find_recipe(pg::database& db, std::string id);

// Inserts `a` (recipe, ingredients, translations) with a 'create' entry in one transaction;
// returns it as stored. nullopt when the slug is taken (nothing written).
boost::asio::awaitable<std::optional<admin_recipe>> insert_recipe(pg::database& db,
                                                                  const admin_recipe& a,
                                                                  const actor& who);

// A locked recipe with its ingredients, and its audit view as JSON text (the entry's before).
struct locked_recipe {
  admin_recipe recipe;
  std::string audit_before;
};
// Recipe `id`, locked until the transaction ends; nullopt when there is none.
boost::asio::awaitable<std::optional<locked_recipe>> lock_recipe(pg::transaction& tx,
                                                                 std::string id);

// Writes every field of `a` by id (the slug stays), replaces the ingredients when
// `ingredients_changed`, merges `translations` into the stored ones (each language set replaces
// that language; removed ones go), and records an entry named `action` ("update",
// "deactivate") from `audit_before`. Returns the recipe as stored. One round trip.
boost::asio::awaitable<admin_recipe> write_recipe(pg::transaction& tx, const admin_recipe& a,
                                                  bool ingredients_changed,
                                                  const translations_change& translations,
                                                  const std::string& audit_before, const actor& who,
                                                  std::string action);

// How many meal plan items and diary entries (meal_log_items, meal_logs) reference recipe `id`.
struct recipe_references {
  std::int64_t meal_plan_items = 0;
  std::int64_t diary_items = 0;
};
boost::asio::awaitable<recipe_references> references_of(pg::transaction& tx, std::string id);

// Deletes recipe `id` (its ingredients go with it; its slug is remembered in recipe_deletions so
// the seed does not bring it back) with a 'delete' entry from `audit_before`.
boost::asio::awaitable<void> delete_recipe(pg::transaction& tx, std::string id,
                                           const std::string& audit_before, const actor& who);

}  // namespace ugoki::nutrition::recipe_admin_store
