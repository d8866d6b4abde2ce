// The nutrition module's administration of recipes: the whole library, one recipe, create,
// update at the version the editor saw, and delete (a recipe that meal plans or diary entries
// reference is retired instead), each audited in its transaction and announced ("nutrition")
// after the commit, so every instance's recipe snapshot reloads. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "nutrition/recipe_admin_types.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class reference_changes;
}
}  // namespace ugoki

namespace ugoki::nutrition {

// `a` with the members of `patch` applied (translations are merged by the store). Pure.
admin_recipe apply_patch(admin_recipe a, const recipe_patch& patch);

class recipe_admin {
 public:
  // `db` and `changes` must outlive the service.
  recipe_admin(pg::database& db, redis::reference_changes& changes);
  recipe_admin(const recipe_admin&) = delete;
  recipe_admin& operator=(const recipe_admin&) = delete;

  // Every recipe, retired ones too, by name; q filters. Throws pg::unavailable.
  boost::asio::awaitable<admin_recipe_page> list(admin_recipe_query q);

  // One recipe by id with its ingredients. Refuses 404 NUTR_028.
  boost::asio::awaitable<result<admin_recipe>> get(std::string id);

  // Creates a recipe. Refuses 409 NUTR_029 (slug taken).
  boost::asio::awaitable<result<admin_recipe>> create(actor who, admin_recipe a);

  // Changes the members in `patch` at patch.version. Refuses 404 NUTR_028, 412 REQ_006 when
  // the recipe's version is another (nothing written).
  boost::asio::awaitable<result<admin_recipe>> update(actor who, std::string id,
                                                      recipe_patch patch);

  // Deletes a recipe nothing references; one that meal plan items or diary entries reference
  // is retired (active false: lists and detail stop showing it, plans keep rendering it, diary
  // entries keep the numbers they copied). At `version` when given (412 REQ_006 otherwise).
  // Refuses 404 NUTR_028.
  boost::asio::awaitable<result<recipe_removal>> remove(actor who, std::string id,
                                                        std::optional<std::int64_t> version);

 private:
  pg::database& db_;
  redis::reference_changes& changes_;
};

}  // namespace ugoki::nutrition
