// nutrition::shopping_service against a real PostgreSQL with the seeded recipes: the list of a
// week is regenerated in place (same rows, check marks kept, a changed quantity unchecked, lines
// that left the plan removed unless checked), manual items are never touched by it, and another
// user's items are not there.
#include "nutrition/shopping_service.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "nutrition/meal_plans_service.hpp"
#include "nutrition/recipes_service.hpp"

namespace ugoki::testing {
namespace {

boost::asio::awaitable<nutrition::diner> shopping_test_diner(std::string) {
  co_return nutrition::diner{};
}

const nutrition::date shopping_week{std::chrono::year{2032} / 1 / 5};

class shopping_service_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    recipes_ = std::make_unique<nutrition::recipes_service>(
        *db_, shopping_test_diner, shopping_test_diner, std::chrono::seconds(0));
    plans_ = std::make_unique<nutrition::meal_plans_service>(*db_, *recipes_);
    svc_ = std::make_unique<nutrition::shopping_service>(*db_, *recipes_);
    alice_ = run(new_user());
    bob_ = run(new_user());
    shakshuka_ = slug_id("shakshuka");
    oats_ = slug_id("peanut-butter-overnight-oats");
  }
  void TearDown() override {
    svc_.reset();
    plans_.reset();
    recipes_.reset();
    for (const auto& id : {alice_, bob_}) {
      if (db_ && !id.empty()) {
        run(sql("DELETE FROM users WHERE id = $1::uuid", id));
      }
    }
  }

  boost::asio::awaitable<std::string> new_user() {
    static constexpr pg::statement insert{
        "", "INSERT INTO users (email) VALUES ($1) RETURNING id::text"};
    auto rows = co_await db_->query(insert, pg::params{pg_unique("shop") + "@example.test"});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<pg::result> sql(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  std::string slug_id(const std::string& slug) {
    return run(sql("SELECT id::text FROM recipes WHERE slug = $1", slug))[0].get<std::string>(0);
  }
  std::int64_t row_count(const std::string& user) {
    return run(sql("SELECT count(*) FROM shopping_list_items WHERE user_id = $1::uuid", user))[0]
        .get<std::int64_t>(0);
  }
  // The list's items by name (generated names are unique per unit family).
  std::map<std::string, nutrition::shopping_item> by_name(const nutrition::shopping_list& l) {
    std::map<std::string, nutrition::shopping_item> out;
    for (const auto& i : l.items) {
      out[i.name + (i.meal_plan_id ? "" : " (manual)")] = i;
    }
    return out;
  }

  std::unique_ptr<nutrition::recipes_service> recipes_;
  std::unique_ptr<nutrition::meal_plans_service> plans_;
  std::unique_ptr<nutrition::shopping_service> svc_;
  std::string alice_;
  std::string bob_;
  std::string shakshuka_;
  std::string oats_;
};

TEST_F(shopping_service_test, RegenerationKeepsRowsAndCheckMarks) {
  nutrition::plan_input in;
  in.week_start = shopping_week;
  in.items = {{0, "dinner", shakshuka_, {}, {}, 1}, {1, "breakfast", oats_, {}, {}, 1}};
  auto plan = run(plans_->create(alice_, in)).value();

  // No plan covers the week before.
  auto none = run(svc_->get(alice_, shopping_week - std::chrono::days(1)));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "NUTR_025");

  auto first = run(svc_->get(alice_, shopping_week + std::chrono::days(3))).value();
  EXPECT_EQ(first.meal_plan_id, plan.id);
  ASSERT_FALSE(first.items.empty());
  auto lines = by_name(first);
  // Pick a line of each recipe that has an amount (shakshuka's eggs, the oats' oats).
  const nutrition::shopping_item* egg = nullptr;
  const nutrition::shopping_item* oat = nullptr;
  for (const auto& [name, i] : lines) {
    if (i.quantity && name.find("egg") != std::string::npos && !egg) {
      egg = &i;
    }
    if (i.quantity && name.find("oats") != std::string::npos && !oat) {
      oat = &i;
    }
  }
  ASSERT_TRUE(egg && oat);
  std::string egg_id = egg->id;
  std::string oat_id = oat->id;
  double eggs_before = *egg->quantity;

  // A manual item, and both generated lines checked.
  nutrition::shopping_input coffee{"Coffee beans", 1, "bag", "drinks"};
  auto manual = run(svc_->add(alice_, coffee)).value();
  EXPECT_FALSE(manual.meal_plan_id);
  nutrition::shopping_patch check;
  check.checked = true;
  EXPECT_TRUE(run(svc_->patch(alice_, egg_id, check)).value().checked);
  EXPECT_TRUE(run(svc_->patch(alice_, oat_id, check)).value().checked);
  // A generated line takes only its check mark.
  nutrition::shopping_patch rename;
  rename.name = "duck eggs";
  auto fixed = run(svc_->patch(alice_, egg_id, rename));
  ASSERT_FALSE(fixed);
  EXPECT_EQ(fixed.error().code, "NUTR_027");

  // Regenerating an unchanged week: the same rows, still checked, the manual item there.
  auto again = run(svc_->get(alice_, shopping_week)).value();
  EXPECT_EQ(again.items.size(), first.items.size() + 1);
  auto again_lines = by_name(again);
  EXPECT_EQ(again_lines.at(egg->name).id, egg_id);
  EXPECT_TRUE(again_lines.at(egg->name).checked);
  EXPECT_TRUE(again_lines.at(oat->name).checked);
  EXPECT_EQ(again_lines.at("Coffee beans (manual)").id, manual.id);

  // Twice the shakshuka: its eggs change, so they are unchecked; the oats stay checked.
  nutrition::plan_patch twice;
  twice.move = {{plan.items[0].id, {}, {}, 2}};
  ASSERT_TRUE(run(plans_->patch(alice_, plan.id, twice)));
  auto doubled = by_name(run(svc_->get(alice_, shopping_week)).value());
  EXPECT_EQ(doubled.at(egg->name).id, egg_id);
  EXPECT_GT(*doubled.at(egg->name).quantity, eggs_before);
  EXPECT_FALSE(doubled.at(egg->name).checked);
  EXPECT_FALSE(doubled.at(egg->name).checked_at);
  EXPECT_TRUE(doubled.at(oat->name).checked);

  // The oats leave the plan: their checked line stays, their unchecked lines go.
  nutrition::plan_patch drop;
  drop.remove = {plan.items[1].id};
  ASSERT_TRUE(run(plans_->patch(alice_, plan.id, drop)));
  auto dropped = run(svc_->get(alice_, shopping_week)).value();
  auto dropped_lines = by_name(dropped);
  EXPECT_TRUE(dropped_lines.at(oat->name).checked);
  auto shakshuka_only = run(recipes_->book())->find(shakshuka_);
  ASSERT_TRUE(shakshuka_only);
  // Shakshuka's lines, the kept oats line (unless shakshuka has it too), the manual item.
  EXPECT_LE(dropped.items.size(), shakshuka_only->ingredients.size() + 2);
  EXPECT_LT(dropped.items.size(), again.items.size());

  // Clearing checked items removes the oats line; the manual item stays.
  EXPECT_EQ(run(svc_->clear_checked(alice_)), 1);
  auto cleared = by_name(run(svc_->get(alice_, shopping_week)).value());
  EXPECT_FALSE(cleared.contains(oat->name));
  EXPECT_TRUE(cleared.contains("Coffee beans (manual)"));
}

TEST_F(shopping_service_test, OtherUsersItemsAreNotThere) {
  nutrition::shopping_input tea{"Tea", std::nullopt, std::nullopt, std::nullopt};
  auto mine = run(svc_->add(alice_, tea)).value();
  EXPECT_EQ(mine.aisle, "other");
  nutrition::shopping_patch check;
  check.checked = true;
  auto theirs = run(svc_->patch(bob_, mine.id, check));
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().status, 404);
  EXPECT_EQ(theirs.error().code, "NUTR_023");
  EXPECT_FALSE(run(svc_->remove(bob_, mine.id)));
  EXPECT_TRUE(run(svc_->get(bob_, std::nullopt)).value().items.empty());
  EXPECT_EQ(run(svc_->clear_checked(bob_)), 0);
  EXPECT_EQ(row_count(alice_), 1);
  // A manual item's content can be edited; quantity and unit go together.
  nutrition::shopping_patch edit;
  edit.name = "Green tea";
  edit.set_quantity = true;
  edit.quantity = 2;
  edit.unit = "box";
  edit.aisle = "drinks";
  auto edited = run(svc_->patch(alice_, mine.id, edit)).value();
  EXPECT_EQ(edited.name, "Green tea");
  EXPECT_DOUBLE_EQ(*edited.quantity, 2);
  EXPECT_EQ(*edited.unit, "box");
  EXPECT_EQ(edited.aisle, "drinks");
  EXPECT_TRUE(run(svc_->remove(alice_, mine.id)));
  EXPECT_EQ(row_count(alice_), 0);
}

}  // namespace
}  // namespace ugoki::testing
