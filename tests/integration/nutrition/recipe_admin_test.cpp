// nutrition::recipe_admin against a real PostgreSQL and Redis: create, read, update at the
// version the editor saw (a stale one refused and nothing written), translations merged per
// language, ingredients replaced, every write audited with the before and after, announced; a
// recipe nothing references deleted (and not brought back by the seed), and `ugoki seed` keeping
// an admin's edit of a seeded recipe.
#include <gtest/gtest.h>

#include "core/pg/migrate.hpp"
#include "core/redis/reference_changes.hpp"
#include "integration/nutrition/food_fixture.hpp"
#include "nutrition/recipe_admin_service.hpp"

namespace ugoki::testing {
namespace {

class recipe_admin_test : public food_test {
 protected:
  void SetUp() override {
    food_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    changes_ = std::make_unique<redis::reference_changes>(*redis_, prefix_);
    changes_->on("nutrition", [this] { ++announced_; });
    recipes_ = std::make_unique<nutrition::recipe_admin>(*db_, *changes_);
    admin_id_ = go(new_user("UTC"));
  }
  void TearDown() override {
    if (recipes_) {
      for (const auto& slug : slugs_) {
        go(exec("DELETE FROM recipes WHERE slug = $1", slug));
        go(exec("DELETE FROM recipe_deletions WHERE slug = $1", slug));
      }
    }
    recipes_.reset();
    changes_.reset();
    food_test::TearDown();
  }

  actor recipe_actor() { return actor{admin_id_, "req-recipe-admin"}; }

  nutrition::admin_recipe new_recipe(const std::string& tag) {
    nutrition::admin_recipe a;
    a.r.slug = "admin-test-" + tag + "-" + pg_unique("r").substr(0, 12);
    for (char& c : a.r.slug) {
      c = (c == '_') ? '-' : c;
    }
    slugs_.push_back(a.r.slug);
    a.r.name = "Admin test bowl " + tag;
    a.r.description = "A bowl for the admin tests.";
    a.r.steps = {"Mix, then serve.", "Eat it."};
    nutrition::ingredient oats;
    oats.position = 1;
    oats.name = "oats";
    oats.quantity = 50;
    oats.unit = "g";
    oats.aisle = "grains_pasta";
    nutrition::ingredient salt;
    salt.position = 2;
    salt.name = "salt";
    a.r.ingredients = {oats, salt};
    a.r.prep_minutes = 5;
    a.r.servings = 2;
    a.r.per_serving = {350, 12.5, 50, 9, 6, 4, 120};
    a.r.diet_types = {"vegetarian"};
    a.r.meal_types = {"breakfast"};
    a.translations_json = R"({"de":{"name":"Testschale"}})";
    return a;
  }

  // "action|field,field" of a recipe's audit entries, in order (fields sorted).
  std::vector<std::string> recipe_audit(const std::string& id) {
    auto rows =
        go(exec("SELECT action || '|' || coalesce((SELECT string_agg(k, ',' ORDER BY k) FROM "
                "jsonb_object_keys(changes) k), '') FROM admin_audit_log WHERE entity = "
                "'nutrition.recipe' AND entity_id = $1 ORDER BY id",
                id));
    std::vector<std::string> out;
    for (const auto& r : rows) {
      out.push_back(r.get<std::string>(0));
    }
    return out;
  }

  std::unique_ptr<redis::reference_changes> changes_;
  std::unique_ptr<nutrition::recipe_admin> recipes_;
  std::string admin_id_;
  std::vector<std::string> slugs_;
  int announced_ = 0;
};

TEST_F(recipe_admin_test, CreateUpdateAtTheVersionSeenAndStaleRefused) {
  auto created = go(recipes_->create(recipe_actor(), new_recipe("crud")));
  ASSERT_TRUE(created) << created.error().code;
  EXPECT_EQ(created->version, 1);
  ASSERT_EQ(created->r.ingredients.size(), 2u);
  EXPECT_EQ(created->r.ingredients[0].name, "oats");
  EXPECT_EQ(created->r.ingredients[1].quantity, std::nullopt);
  EXPECT_EQ(created->translations_json, R"({"de": {"name": "Testschale"}})");
  EXPECT_EQ(announced_, 1);
  const std::string id = created->r.id;

  // The same slug again is refused.
  auto again = go(recipes_->create(recipe_actor(), new_recipe("crud2")));
  ASSERT_TRUE(again);
  nutrition::admin_recipe clash = new_recipe("crud3");
  clash.r.slug = created->r.slug;
  auto taken = go(recipes_->create(recipe_actor(), clash));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "NUTR_029");

  nutrition::recipe_patch patch;
  patch.version = created->version;
  patch.name = "Admin test bowl, renamed";
  nutrition::ingredient milk;
  milk.position = 1;
  milk.name = "milk";
  milk.quantity = 200;
  milk.unit = "ml";
  patch.ingredients = std::vector<nutrition::ingredient>{milk};
  patch.translations.set_json = R"({"fr":{"name":"Bol de test"}})";
  patch.translations.remove = {"de"};
  auto updated = go(recipes_->update(recipe_actor(), id, patch));
  ASSERT_TRUE(updated) << updated.error().code;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->r.name, "Admin test bowl, renamed");
  ASSERT_EQ(updated->r.ingredients.size(), 1u);
  EXPECT_EQ(updated->r.ingredients[0].name, "milk");
  EXPECT_EQ(updated->translations_json, R"({"fr": {"name": "Bol de test"}})");
  auto entries = recipe_audit(id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].substr(0, 7), "create|");
  EXPECT_EQ(entries[1], "update|ingredients,name,translations");
  auto entry =
      go(exec("SELECT changes->'name'->>'before', changes->'name'->>'after', "
              "jsonb_array_length(changes->'ingredients'->'before'), "
              "changes->'ingredients'->'after'->0->>'name' FROM admin_audit_log WHERE entity = "
              "'nutrition.recipe' AND entity_id = $1 AND action = 'update'",
              id));
  ASSERT_EQ(entry.size(), 1u);
  EXPECT_EQ(entry[0].get<std::string>(0), "Admin test bowl crud");
  EXPECT_EQ(entry[0].get<std::string>(1), "Admin test bowl, renamed");
  EXPECT_EQ(entry[0].get<std::string>(2), "2");
  EXPECT_EQ(entry[0].get<std::string>(3), "milk");

  // An editor who read version 1 is refused and nothing changes.
  nutrition::recipe_patch stale;
  stale.version = 1;
  stale.name = "Lost update";
  auto refused = go(recipes_->update(recipe_actor(), id, stale));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 412);
  EXPECT_EQ(refused.error().code, "REQ_006");
  auto now = go(recipes_->get(id));
  ASSERT_TRUE(now);
  EXPECT_EQ(now->r.name, "Admin test bowl, renamed");
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(recipe_audit(id).size(), 2u);

  auto missing = go(recipes_->get("00000000-0000-4000-8000-000000000000"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "NUTR_028");
}

TEST_F(recipe_admin_test, DeletingAnUnreferencedRecipeSticksThroughTheSeed) {
  auto created = go(recipes_->create(recipe_actor(), new_recipe("gone")));
  ASSERT_TRUE(created) << created.error().code;
  auto removed = go(recipes_->remove(recipe_actor(), created->r.id, std::nullopt));
  ASSERT_TRUE(removed) << removed.error().code;
  EXPECT_TRUE(removed->deleted);
  EXPECT_EQ(removed->meal_plan_items, 0);
  EXPECT_TRUE(go(exec("SELECT 1 FROM recipes WHERE id = $1::uuid", created->r.id)).empty());
  EXPECT_EQ(go(exec("SELECT count(*) FROM recipe_deletions WHERE slug = $1", created->r.slug))[0]
                .get<std::int64_t>(0),
            1);
  EXPECT_EQ(recipe_audit(created->r.id).back().substr(0, 7), "delete|");

  // Created again at the slug: the deletion is forgotten.
  nutrition::admin_recipe back = new_recipe("back");
  back.r.slug = created->r.slug;
  ASSERT_TRUE(go(recipes_->create(recipe_actor(), back)));
  EXPECT_EQ(go(exec("SELECT count(*) FROM recipe_deletions WHERE slug = $1", created->r.slug))[0]
                .get<std::int64_t>(0),
            0);
}

TEST_F(recipe_admin_test, TheSeedKeepsAnAdminsEditOfASeededRecipe) {
  auto rows = go(exec("SELECT id::text FROM recipes WHERE slug = $1", "vegetable-egg-muffins"));
  ASSERT_EQ(rows.size(), 1u);
  const std::string id = rows[0].get<std::string>(0);
  auto seen = go(recipes_->get(id));
  ASSERT_TRUE(seen);
  nutrition::recipe_patch patch;
  patch.version = seen->version;
  patch.description = seen->r.description + " Edited by an admin.";
  ASSERT_TRUE(go(recipes_->update(recipe_actor(), id, patch)));

  pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
  auto after = go(recipes_->get(id));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->r.description, seen->r.description + " Edited by an admin.");
  EXPECT_EQ(after->r.ingredients.size(), seen->r.ingredients.size());

  // Put the text back (the recipe stays the editors').
  patch.version = after->version;
  patch.description = seen->r.description;
  ASSERT_TRUE(go(recipes_->update(recipe_actor(), id, patch)));
}

}  // namespace
}  // namespace ugoki::testing
