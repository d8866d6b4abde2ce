// nutrition::meal_plans_service against a real PostgreSQL with the seeded recipes: a week taken
// by another plan is refused, a patch with one bad member changes nothing, a copy keeps name and
// items, and another user's plan is not there.
#include "nutrition/meal_plans_service.hpp"

#include <gtest/gtest.h>

#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "nutrition/recipes_service.hpp"

namespace ugoki::testing {
namespace {

boost::asio::awaitable<nutrition::diner> plans_test_diner(std::string) {
  co_return nutrition::diner{};
}

nutrition::date plans_day(int y, unsigned m, unsigned d) {
  return nutrition::date(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

class plans_service_test : public pg_test {
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
        *db_, plans_test_diner, plans_test_diner, std::chrono::seconds(0));
    svc_ = std::make_unique<nutrition::meal_plans_service>(*db_, *recipes_);
    alice_ = run(new_user());
    bob_ = run(new_user());
    shakshuka_ = recipe_id("shakshuka");
    oats_ = recipe_id("peanut-butter-overnight-oats");
  }
  void TearDown() override {
    svc_.reset();
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
    auto rows = co_await db_->query(insert, pg::params{pg_unique("plans") + "@example.test"});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<pg::result> sql(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  std::string recipe_id(const std::string& slug) {
    return run(sql("SELECT id::text FROM recipes WHERE slug = $1", slug))[0].get<std::string>(0);
  }
  nutrition::plan_input week_of(nutrition::date start) {
    nutrition::plan_input in;
    in.name = "Week";
    in.week_start = start;
    in.items = {{0, "breakfast", oats_, {}, {}, 1},
                {0, "dinner", shakshuka_, {}, {}, 2},
                {3, "snack", {}, {}, "an apple", 1}};
    return in;
  }
  std::int64_t item_count(const std::string& user) {
    return run(sql("SELECT count(*) FROM meal_plan_items WHERE user_id = $1::uuid", user))[0]
        .get<std::int64_t>(0);
  }

  std::unique_ptr<nutrition::recipes_service> recipes_;
  std::unique_ptr<nutrition::meal_plans_service> svc_;
  std::string alice_;
  std::string bob_;
  std::string shakshuka_;
  std::string oats_;
};

TEST_F(plans_service_test, OverlappingWeeksAreRefusedPerUser) {
  auto first = run(svc_->create(alice_, week_of(plans_day(2031, 3, 3)))).value();
  EXPECT_EQ(first.items.size(), 3u);
  // Any overlap of the 7 days is refused, and nothing is written.
  auto overlap = run(svc_->create(alice_, week_of(plans_day(2031, 3, 9))));
  ASSERT_FALSE(overlap);
  EXPECT_EQ(overlap.error().status, 409);
  EXPECT_EQ(overlap.error().code, "NUTR_022");
  EXPECT_EQ(item_count(alice_), 3);
  // The day after the week is free; another user's week is theirs.
  EXPECT_TRUE(run(svc_->create(alice_, week_of(plans_day(2031, 3, 10)))));
  EXPECT_TRUE(run(svc_->create(bob_, week_of(plans_day(2031, 3, 5)))));
  nutrition::plan_list_query q;
  q.week = plans_day(2031, 3, 9);
  auto page = run(svc_->list(alice_, q));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, first.id);
}

TEST_F(plans_service_test, APatchWithOneBadMemberChangesNothing) {
  auto plan = run(svc_->create(alice_, week_of(plans_day(2031, 4, 7)))).value();
  const auto& oats_item = plan.items[0];
  nutrition::plan_patch p;
  p.set_name = true;
  p.name = "Renamed";
  p.remove = {plan.items[1].id};
  p.move = {{oats_item.id, 5, "lunch", 2}, {"00000000-0000-4000-8000-000000000000", 1, {}, {}}};
  p.add = {{6, "dinner", "00000000-0000-4000-8000-000000000001", {}, {}, 1}};
  auto refused = run(svc_->patch(alice_, plan.id, p));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  std::set<std::string> fields;
  for (const auto& d : refused.error().details) {
    fields.insert(d.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"move[1].item_id", "add[0].recipe_id"}));
  auto after = run(svc_->get(alice_, plan.id)).value();
  EXPECT_EQ(after.name, "Week");
  ASSERT_EQ(after.items.size(), 3u);
  EXPECT_EQ(after.items[0].day, 0);
  EXPECT_EQ(after.items[0].slot, "breakfast");

  // The same patch without its bad members applies whole.
  p.move.pop_back();
  p.add = {{6, "dinner", shakshuka_, {}, {}, 1.5}};
  auto applied = run(svc_->patch(alice_, plan.id, p)).value();
  EXPECT_EQ(applied.name, "Renamed");
  ASSERT_EQ(applied.items.size(), 3u);
  EXPECT_EQ(applied.items[1].id, oats_item.id);  // day 5 lunch, after day 3's snack
  EXPECT_EQ(applied.items[1].day, 5);
  EXPECT_EQ(applied.items[1].slot, "lunch");
  EXPECT_DOUBLE_EQ(applied.items[1].servings, 2);
  EXPECT_EQ(applied.items[2].day, 6);
  EXPECT_DOUBLE_EQ(applied.items[2].servings, 1.5);

  // Another user's plan is not there, for a patch as for a read.
  auto theirs = run(svc_->patch(bob_, plan.id, p));
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, "NUTR_021");
  EXPECT_FALSE(run(svc_->get(bob_, plan.id)));
}

TEST_F(plans_service_test, CopyKeepsNameAndItemsAndRefusesATakenWeek) {
  auto plan = run(svc_->create(alice_, week_of(plans_day(2031, 5, 5)))).value();
  auto copy = run(svc_->copy(alice_, plan.id, plans_day(2031, 5, 12))).value();
  EXPECT_NE(copy.id, plan.id);
  EXPECT_EQ(copy.name, "Week");
  ASSERT_EQ(copy.items.size(), plan.items.size());
  for (std::size_t n = 0; n < copy.items.size(); ++n) {
    EXPECT_NE(copy.items[n].id, plan.items[n].id);
    EXPECT_EQ(copy.items[n].day, plan.items[n].day);
    EXPECT_EQ(copy.items[n].slot, plan.items[n].slot);
    EXPECT_EQ(copy.items[n].recipe_id, plan.items[n].recipe_id);
    EXPECT_EQ(copy.items[n].free_text, plan.items[n].free_text);
    EXPECT_DOUBLE_EQ(copy.items[n].servings, plan.items[n].servings);
  }
  auto taken = run(svc_->copy(alice_, plan.id, plans_day(2031, 5, 15)));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "NUTR_022");
  auto not_theirs = run(svc_->copy(bob_, plan.id, plans_day(2031, 6, 2)));
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().code, "NUTR_021");
  EXPECT_EQ(item_count(alice_), 6);
  EXPECT_EQ(item_count(bob_), 0);
}

}  // namespace
}  // namespace ugoki::testing
