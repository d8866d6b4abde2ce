// Recipes' rules (recipes_service.hpp).
#include "nutrition/recipes_service.hpp"

#include <algorithm>
#include <set>

#include "nutrition/plans_errors.hpp"
#include "nutrition/recipes_search.hpp"
#include "nutrition/recipes_store.hpp"

namespace ugoki::nutrition {

using boost::asio::awaitable;

namespace {

awaitable<recipe_book> load(pg::database& db) {
  recipe_book b = co_await store::load_recipes(db);
  recipe_search::index_book(b);
  co_return b;
}

}  // namespace

recipes_service::recipes_service(pg::database& db, diner_source diners, diner_source allergies,
                                 std::chrono::seconds ttl)
    : db_(db),
      diners_(std::move(diners)),
      allergies_(std::move(allergies)),
      cache_([this] { return load(db_); }, ttl) {}

awaitable<std::shared_ptr<const recipe_book>> recipes_service::book() {
  co_return co_await cache_.get();
}

awaitable<std::vector<std::string>> recipes_service::profile_allergens(std::string user_id) {
  diner d = co_await allergies_(std::move(user_id));
  co_return recipe_search::allergens_of(d.allergies);
}

awaitable<recipe_list> recipes_service::list(std::string user_id, recipe_query q) {
  std::set<std::string> excluded(q.exclude.begin(), q.exclude.end());
  if (q.use_profile_allergies) {
    for (auto& a : co_await profile_allergens(std::move(user_id))) {
      excluded.insert(std::move(a));
    }
  }
  auto b = co_await book();
  std::vector<std::string> all(excluded.begin(), excluded.end());
  recipe_list out{b, recipe_search::select(*b, q, all)};
  co_return out;
}

awaitable<result<recipe_view>> recipes_service::detail(std::string id_or_slug, bool premium_caller,
                                                       std::optional<int> servings) {
  auto b = co_await book();
  const recipe* r = b->find(id_or_slug);
  if (r == nullptr || !r->active) {
    co_return errors::recipe_not_found();
  }
  if (r->is_premium && !premium_caller) {
    co_return errors::premium_recipe();
  }
  co_return recipe_view{b, r, servings.value_or(r->servings)};
}

}  // namespace ugoki::nutrition
