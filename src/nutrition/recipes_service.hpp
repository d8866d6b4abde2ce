// Recipes: the in-process snapshot of the recipe reference data, the filtered and ranked list
// (with the caller's profile allergies unless they opt out), the detail with scaling, and the
// premium gate. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/snapshot_cache.hpp"
#include "nutrition/recipes_types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::nutrition {

// A list page with the snapshot its pointers point into.
struct recipe_list {
  std::shared_ptr<const recipe_book> book;
  recipe_page page;
};

// One recipe for GET /recipes/:id, for `servings` servings (the recipe's own by default).
struct recipe_view {
  std::shared_ptr<const recipe_book> book;
  const recipe* r = nullptr;
  int servings = 1;
};

class recipes_service {
 public:
  // `db` must outlive the service; `diners` answers everything the user module knows of a
  // caller's eating (the generator), `allergies` at least their allergies in one cheap read
  // (every recipe list asks it; app/bridges.cpp). The snapshot is reloaded at most once per
  // `ttl` (recipes change with a seed or an admin edit).
  recipes_service(pg::database& db, diner_source diners, diner_source allergies,
                  std::chrono::seconds ttl);

  // The recipes changed (an admin write, here or on another instance): the next read reloads
  // the snapshot. Cheap; callable from any thread.
  void reference_changed() { cache_.invalidate(); }

  // The current snapshot (throws pg::unavailable only before the first load succeeded).
  boost::asio::awaitable<std::shared_ptr<const recipe_book>> book();

  // The caller's profile allergies as recipe allergens (recipe_search::allergens_of).
  boost::asio::awaitable<std::vector<std::string>> profile_allergens(std::string user_id);

  // The page `q` asks for. Excluded allergens: q.exclude, plus the caller's profile allergies
  // when q.use_profile_allergies (one read of the profile).
  boost::asio::awaitable<recipe_list> list(std::string user_id, recipe_query q);

  // An active recipe by id or slug; 404 NUTR_020 otherwise; 403 AUTH_003 when premium and the
  // caller is not. `servings` (already validated 1..50) defaults to the recipe's.
  boost::asio::awaitable<result<recipe_view>> detail(std::string id_or_slug, bool premium_caller,
                                                     std::optional<int> servings);

  // What the user module says about the caller (meal plan generation).
  boost::asio::awaitable<diner> diner_of(std::string user_id) {
    return diners_(std::move(user_id));
  }

 private:
  pg::database& db_;
  diner_source diners_;
  diner_source allergies_;
  snapshot_cache<recipe_book> cache_;
};

}  // namespace ugoki::nutrition
