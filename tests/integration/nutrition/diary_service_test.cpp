// nutrition::diary_service against a real PostgreSQL and Redis with a fixed clock: the day and
// its totals follow the user's zone, an item's numbers are copied when it is logged (a product
// changed or deleted later leaves the entry alone), a meal during a fast is refused, ends the
// fast or keeps it as asked, another user's meal is missing everywhere, and the day's meals
// pre-rendered on write (meal_days, 0037) are exactly what the server renders from the rows
// after every kind of write.
#include "nutrition/diary_service.hpp"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "integration/nutrition/food_fixture.hpp"
#include "nutrition/diary_dto.hpp"
#include "nutrition/products_store.hpp"

namespace ugoki::testing {
namespace {

using diary_instant = std::chrono::system_clock::time_point;

// 2026-03-10T06:30:00Z: 23:30 on 9 March in Los Angeles (PDT, UTC-7, since 8 March).
const diary_instant diary_now =
    std::chrono::sys_days{std::chrono::year{2026} / std::chrono::month{3} / std::chrono::day{10}} +
    std::chrono::hours(6) + std::chrono::minutes(30);

class diary_fixed_clock final : public clock {
 public:
  std::chrono::system_clock::time_point now() const override { return diary_now; }
};

class diary_service_test : public food_test {
 protected:
  void SetUp() override {
    food_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    nutrition::diary_sources s;
    s.running_fast =
        [this](std::string) -> boost::asio::awaitable<std::optional<nutrition::active_fast>> {
      co_return fast_;
    };
    s.end_fast =
        [this](std::string user, std::string id,
               nutrition::instant at) -> boost::asio::awaitable<result<nutrition::ended_fast>> {
      ended_.push_back({user, id, at});
      if (end_refuses_) {
        co_return conflict("FAST_004", "The fast cannot end before it started");
      }
      co_return nutrition::ended_fast{id, "completed"};
    };
    // The dashboard's intake asks for the goal through this source; the day view reads the
    // goal, the workouts and the active_kcal metric itself (the views of 0032), from the rows
    // diary_day_figures writes.
    s.kcal_goal = [](std::string) -> boost::asio::awaitable<std::optional<int>> { co_return 2000; };
    diary_ = std::make_unique<nutrition::diary_service>(*db_, clock_, *products_, std::move(s));
  }
  void TearDown() override {
    diary_.reset();
    food_test::TearDown();
  }

  static nutrition::item_request diary_free(const std::string& name, double kcal, double protein) {
    nutrition::item_request i;
    i.from = nutrition::item_request::source::free_text;
    i.name = name;
    i.free.energy_kcal = kcal;
    i.free.proteins_g = protein;
    i.field = "items[0]";
    return i;
  }
  static nutrition::item_request diary_product(const std::string& id, std::optional<double> grams,
                                               std::optional<double> servings) {
    nutrition::item_request i;
    i.from = nutrition::item_request::source::product_id;
    i.ref = id;
    i.grams = grams;
    i.servings = servings;
    i.field = "items[0]";
    return i;
  }
  static nutrition::new_meal diary_meal(diary_instant at,
                                        std::vector<nutrition::item_request> items,
                                        std::optional<std::string> during = std::nullopt) {
    nutrition::new_meal m;
    m.eaten_at = at;
    m.slot = "lunch";
    m.items = std::move(items);
    m.during_fast = std::move(during);
    return m;
  }
  // The other modules' rows the day view reads: a kcal goal of 2000 (user_preferences), on
  // `date` completed workouts of 200 and 100 kcal plus a deleted and a running one that do not
  // count (workout_sessions), and 250 kcal of active_kcal (progress_metrics_daily).
  void diary_day_figures(const std::string& user, const std::string& date) {
    go(exec("INSERT INTO user_preferences (user_id, daily_kcal_goal) VALUES ($1::uuid, 2000)",
            user));
    go(exec2(
        "INSERT INTO workout_sessions (user_id, type, status, started_at, completed_at, "
        "duration_seconds, calories_burned, timezone, local_date, deleted_at) "
        "SELECT $1::uuid, 'hiit', s, d + k * interval '1 hour', "
        "CASE WHEN s = 'completed' THEN d + k * interval '1 hour' + interval '30 minutes' END, "
        "CASE WHEN s = 'completed' THEN 1800 END, kcal, 'UTC', d::date, "
        "CASE WHEN k = 3 THEN d END "
        "FROM (VALUES (1, 'completed', 200), (2, 'completed', 100), (3, 'completed', 900), "
        "             (4, 'in_progress', 700)) w(k, s, kcal), "
        "     LATERAL (SELECT $2::date::timestamptz AS d) t",
        user, date));
    go(
        exec2("INSERT INTO progress_metrics_daily (user_id, metric_type, day, bucket_start, count, "
              "sum, min, max) VALUES ($1::uuid, 'active_kcal', $2::date, $2::date, 5, 250, 10, 90)",
              user, date));
  }
  // The day's meals as the answer carries them.
  static boost::json::array diary_meals(const nutrition::diary_day& d) {
    return boost::json::parse("[" + d.meals_json + "]").as_array();
  }
  // The day's pre-rendered meals are, byte for byte, what dto::render_meal writes for each live
  // meal of that date (GET /meals/:id, read from the rows), in time order; the totals are
  // their sum; a day without meals has no meal_days row. Returns the day for more checks.
  nutrition::diary_day diary_expect_exact(const std::string& user, const std::string& date) {
    auto ids =
        go(exec2("SELECT id::text FROM meal_logs WHERE user_id = $1::uuid "
                 "AND local_date = $2::date AND deleted_at IS NULL ORDER BY eaten_at, id",
                 user, date));
    std::string expected;
    double kcal = 0;
    double salt = 0;
    for (const auto& r : ids) {
      auto m = go(diary_->get(user, r.get<std::string>(0)));
      EXPECT_TRUE(m);
      if (!m) {
        continue;
      }
      expected += (expected.empty() ? "" : ",") + nutrition::dto::render_meal(*m);
      kcal += m->totals.kcal;
      salt += m->totals.salt_g;
    }
    auto day = go(diary_->day(user, date));
    EXPECT_EQ(day.meals_json, expected) << date;
    EXPECT_NEAR(day.totals.kcal, kcal, 1e-9) << date;
    EXPECT_NEAR(day.totals.salt_g, salt, 1e-9) << date;
    auto rows =
        go(exec2("SELECT count(*) FROM meal_days WHERE user_id = $1::uuid "
                 "AND local_date = $2::date",
                 user, date));
    EXPECT_EQ(rows[0].get<std::int64_t>(0), ids.size() == 0 ? 0 : 1) << date;
    return day;
  }
  std::int64_t diary_meal_count(const std::string& user) {
    return go(exec("SELECT count(*) FROM meal_logs WHERE user_id = $1::uuid", user))[0]
        .get<std::int64_t>(0);
  }

  struct end_call {
    std::string user;
    std::string fast_id;
    nutrition::instant at;
  };
  diary_fixed_clock clock_;
  std::unique_ptr<nutrition::diary_service> diary_;
  std::optional<nutrition::active_fast> fast_;
  bool end_refuses_ = false;
  std::vector<end_call> ended_;
};

TEST_F(diary_service_test, TheDayAndItsTotalsAreInTheUsersZone) {
  const std::string alice = go(new_user("America/Los_Angeles"));
  auto bar = go(nutrition::products_store::upsert_public(*db_, public_product(fresh_code(), 420)));
  using std::chrono::hours;
  // 22:00 on 9 March in LA (05:00 on the 10th in UTC).
  auto late = go(diary_->log_meal(alice, diary_meal(diary_now - hours(1) - std::chrono::minutes(30),
                                                    {diary_free("Soup", 500, 20)})));
  ASSERT_TRUE(late) << late.error().code;
  EXPECT_EQ(late->local_date, "2026-03-09");
  // 09:00 on 9 March in LA: 50 g of a 420 kcal/100 g bar.
  auto morning =
      go(diary_->log_meal(alice, diary_meal(diary_now - hours(14) - std::chrono::minutes(30),
                                            {diary_product(bar.id, 50, {})})));
  ASSERT_TRUE(morning) << morning.error().code;
  // 23:00 on 8 March in LA (the 9th in UTC).
  auto before =
      go(diary_->log_meal(alice, diary_meal(diary_now - hours(24) - std::chrono::minutes(30),
                                            {diary_free("Tea", 40, 1)})));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->local_date, "2026-03-08");

  diary_day_figures(alice, "2026-03-09");
  auto day = go(diary_->day(alice, "2026-03-09"));
  auto meals = diary_meals(day);
  ASSERT_EQ(meals.size(), 2u);
  EXPECT_EQ(meals[0].at("id").as_string(), morning->id);  // in time order
  EXPECT_EQ(meals[1].at("id").as_string(), late->id);
  EXPECT_EQ(meals[1].at("local_date").as_string(), "2026-03-09");
  EXPECT_DOUBLE_EQ(day.totals.kcal, 710);
  EXPECT_DOUBLE_EQ(day.totals.protein_g, 25);
  ASSERT_TRUE(day.goal.kcal);
  EXPECT_EQ(*day.goal.kcal, 2000);
  EXPECT_DOUBLE_EQ(day.out.workouts_kcal, 300);
  EXPECT_DOUBLE_EQ(day.out.active_kcal, 250);
  EXPECT_DOUBLE_EQ(day.out.total, 300);
  ASSERT_TRUE(day.remaining_kcal);
  EXPECT_DOUBLE_EQ(*day.remaining_kcal, 2000 + 300 - 710);
  EXPECT_EQ(diary_meals(go(diary_->day(alice, "2026-03-08"))).size(), 1u);
  EXPECT_TRUE(go(diary_->day(alice, "2026-03-10")).meals_json.empty());
  EXPECT_DOUBLE_EQ(go(diary_->day(alice, "2026-03-10")).totals.kcal, 0);

  // A deleted meal leaves the day and its totals.
  ASSERT_TRUE(go(diary_->remove(alice, late->id)));
  auto after = go(diary_->day(alice, "2026-03-09"));
  ASSERT_EQ(diary_meals(after).size(), 1u);
  EXPECT_DOUBLE_EQ(after.totals.kcal, 210);
}

TEST_F(diary_service_test, AnItemKeepsTheNumbersItWasLoggedWith) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto bar = go(nutrition::products_store::upsert_public(*db_, public_product(code, 420)));
  nutrition::item_request by_grams = diary_product(bar.id, 50, {});
  nutrition::item_request by_servings = diary_product(bar.id, {}, 2);  // 2 x 40 g
  by_servings.field = "items[1]";
  auto logged = go(diary_->log_meal(
      alice, diary_meal(diary_now - std::chrono::hours(1), {by_grams, by_servings})));
  ASSERT_TRUE(logged) << logged.error().code;
  ASSERT_EQ(logged->items.size(), 2u);
  EXPECT_DOUBLE_EQ(logged->items[0].values.kcal, 210);
  EXPECT_DOUBLE_EQ(logged->items[0].values.fat_g, 7.5);
  EXPECT_DOUBLE_EQ(logged->items[1].values.kcal, 336);
  EXPECT_DOUBLE_EQ(logged->totals.kcal, 546);
  EXPECT_EQ(logged->items[0].name, "Oat bar (Test Mills)");

  // The product changes, then disappears: the entry is what was eaten.
  auto changed = public_product(code, 100);
  changed.name = "Lighter bar";
  go(nutrition::products_store::upsert_public(*db_, changed));
  auto read = go(diary_->get(alice, logged->id));
  ASSERT_TRUE(read);
  EXPECT_DOUBLE_EQ(read->totals.kcal, 546);
  EXPECT_DOUBLE_EQ(read->items[0].values.kcal, 210);
  go(exec("DELETE FROM food_products WHERE id = $1::uuid", bar.id));
  read = go(diary_->get(alice, logged->id));
  ASSERT_TRUE(read);
  EXPECT_DOUBLE_EQ(read->totals.kcal, 546);
  EXPECT_FALSE(read->items[0].product_id);
  EXPECT_EQ(read->items[0].barcode, code);
  EXPECT_EQ(read->items[0].name, "Oat bar (Test Mills)");
  EXPECT_DOUBLE_EQ(go(diary_->day(alice, "2026-03-10")).totals.kcal, 546);

  // Logging it now names the missing product and writes nothing.
  auto gone = go(diary_->log_meal(alice, diary_meal(diary_now, {diary_product(bar.id, 50, {})})));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().status, 422);
  EXPECT_EQ(gone.error().code, "NUTR_006");
  ASSERT_EQ(gone.error().details.size(), 1u);
  EXPECT_EQ(gone.error().details[0].field, "items[0].product_id");
  EXPECT_EQ(diary_meal_count(alice), 1);
}

TEST_F(diary_service_test, AMealDuringAFastIsRefusedEndsItOrKeepsIt) {
  const std::string alice = go(new_user("UTC"));
  fast_ = nutrition::active_fast{"00000000-0000-4000-8000-00000000fa57",
                                 diary_now - std::chrono::hours(16)};
  // Not saying what to do: 409 with the fast, nothing written, the fast untouched.
  auto refused = go(diary_->log_meal(alice, diary_meal(diary_now, {diary_free("Toast", 200, 6)})));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "NUTR_005");
  ASSERT_FALSE(refused.error().details.empty());
  EXPECT_EQ(refused.error().details[0].field, "active_fast.id");
  EXPECT_EQ(refused.error().details[0].message, fast_->id);
  EXPECT_EQ(diary_meal_count(alice), 0);
  EXPECT_TRUE(ended_.empty());

  // A meal eaten before the fast began needs no answer.
  auto earlier = go(diary_->log_meal(
      alice, diary_meal(diary_now - std::chrono::hours(17), {diary_free("Dinner", 700, 30)})));
  ASSERT_TRUE(earlier) << earlier.error().code;
  EXPECT_FALSE(earlier->fast_ended);

  // keep_fast: logged, the fast left alone.
  auto kept = go(diary_->log_meal(
      alice, diary_meal(diary_now, {diary_free("Black coffee", 2, 0)}, "keep_fast")));
  ASSERT_TRUE(kept) << kept.error().code;
  EXPECT_FALSE(kept->fast_ended);
  EXPECT_TRUE(ended_.empty());

  // A refused item never ends the fast.
  nutrition::item_request unknown = diary_product("00000000-0000-4000-8000-000000000000", 50, {});
  auto bad = go(diary_->log_meal(alice, diary_meal(diary_now, {unknown}, "end_fast")));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "NUTR_006");
  EXPECT_TRUE(ended_.empty());

  // The fasting module refuses to end it there: 409 NUTR_007, no meal.
  end_refuses_ = true;
  auto not_ended =
      go(diary_->log_meal(alice, diary_meal(diary_now - std::chrono::minutes(5),
                                            {diary_free("Toast", 200, 6)}, "end_fast")));
  ASSERT_FALSE(not_ended);
  EXPECT_EQ(not_ended.error().code, "NUTR_007");
  EXPECT_EQ(diary_meal_count(alice), 2);

  // end_fast: the fast ends at the meal's time, and the answer says how.
  end_refuses_ = false;
  ended_.clear();
  const diary_instant at = diary_now - std::chrono::minutes(10);
  auto ends =
      go(diary_->log_meal(alice, diary_meal(at, {diary_free("Toast", 200, 6)}, "end_fast")));
  ASSERT_TRUE(ends) << ends.error().code;
  ASSERT_EQ(ended_.size(), 1u);
  EXPECT_EQ(ended_[0].user, alice);
  EXPECT_EQ(ended_[0].fast_id, fast_->id);
  EXPECT_EQ(ended_[0].at, at);
  ASSERT_TRUE(ends->fast_ended);
  EXPECT_EQ(ends->fast_ended->id, fast_->id);
  EXPECT_EQ(ends->fast_ended->status, "completed");
  EXPECT_EQ(diary_meal_count(alice), 3);
}

TEST_F(diary_service_test, AnotherUsersMealIsMissingEverywhere) {
  const std::string alice = go(new_user("UTC"));
  const std::string bob = go(new_user("UTC"));
  auto meal = go(diary_->log_meal(
      alice, diary_meal(diary_now - std::chrono::hours(2), {diary_free("Salad", 350, 12)})));
  ASSERT_TRUE(meal);

  auto got = go(diary_->get(bob, meal->id));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().status, 404);
  EXPECT_EQ(got.error().code, "NUTR_004");
  nutrition::meal_patch patch;
  patch.name = "Mine now";
  patch.items = std::vector<nutrition::item_request>{diary_free("Cake", 900, 5)};
  auto changed = go(diary_->update(bob, meal->id, patch));
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, "NUTR_004");
  auto removed = go(diary_->remove(bob, meal->id));
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, "NUTR_004");
  EXPECT_TRUE(go(diary_->day(bob, "2026-03-10")).meals_json.empty());

  // Alice's meal is as she logged it.
  auto still = go(diary_->get(alice, meal->id));
  ASSERT_TRUE(still);
  EXPECT_EQ(still->name, "Lunch");
  ASSERT_EQ(still->items.size(), 1u);
  EXPECT_EQ(still->items[0].name, "Salad");
  EXPECT_DOUBLE_EQ(still->totals.kcal, 350);
  EXPECT_EQ(diary_meals(go(diary_->day(alice, "2026-03-10"))).size(), 1u);

  // Bob cannot log alice's pending submission either.
  nutrition::product_submission s;
  s.code = fresh_code();
  s.name = "Alice's bread";
  s.per_100g.energy_kcal = 250;
  s.per_100g.proteins_g = 9;
  s.per_100g.carbohydrates_g = 48;
  s.per_100g.fat_g = 3;
  auto bread = go(products_->submit(alice, s));
  ASSERT_TRUE(bread);
  auto hers = go(diary_->log_meal(bob, diary_meal(diary_now, {diary_product(bread->id, 80, {})})));
  ASSERT_FALSE(hers);
  EXPECT_EQ(hers.error().code, "NUTR_006");
  EXPECT_EQ(diary_meal_count(bob), 0);
  auto own = go(diary_->log_meal(alice, diary_meal(diary_now, {diary_product(bread->id, 80, {})})));
  ASSERT_TRUE(own) << own.error().code;
  EXPECT_DOUBLE_EQ(own->totals.kcal, 200);
}

TEST_F(diary_service_test, ThePreRenderedDayFollowsEveryWrite) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto bar = go(nutrition::products_store::upsert_public(*db_, public_product(code, 420)));
  const std::string recipe = go(exec(
      "INSERT INTO recipes (slug, name, description, prep_time_minutes, "
      "cook_time_minutes, servings, kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g, "
      "sodium_mg, meal_types) VALUES ($1, 'Dal', 'Lentils', 10, 20, 2, 350, 18, 50, 6, 12, 4, "
      "400, '[\"dinner\"]') "
      "RETURNING id::text",
      pg_unique("diary-dal")))[0]
                                 .get<std::string>(0);
  using std::chrono::hours;
  const std::string today = "2026-03-10";
  const std::string yesterday = "2026-03-09";
  EXPECT_EQ(diary_expect_exact(alice, today).meals_json, "");

  // POST: a product by grams, a recipe, and free text whose name needs escaping.
  nutrition::item_request dal;
  dal.from = nutrition::item_request::source::recipe;
  dal.ref = recipe;
  dal.servings = 1.5;
  dal.field = "items[1]";
  auto mixed = go(diary_->log_meal(
      alice, diary_meal(diary_now - hours(2), {diary_product(bar.id, 55.5, {}), dal})));
  ASSERT_TRUE(mixed) << mixed.error().code;
  auto odd = diary_meal(diary_now - hours(4),
                        {diary_free("Cr\u00e8me \"br\u00fbl\u00e9e\"\n\\ \t", 321.5, 4.25)});
  odd.notes = "after \"gym\"";
  auto second = go(diary_->log_meal(alice, odd));
  ASSERT_TRUE(second) << second.error().code;
  auto day = diary_expect_exact(alice, today);
  auto meals = diary_meals(day);
  ASSERT_EQ(meals.size(), 2u);
  EXPECT_EQ(meals[0].at("id").as_string(), second->id);
  EXPECT_EQ(meals[1].at("items").as_array().size(), 2u);
  EXPECT_DOUBLE_EQ(day.totals.kcal, mixed->totals.kcal + second->totals.kcal);

  // PATCH the meal's own fields, then clear its notes.
  nutrition::meal_patch rename;
  rename.name = "Brunch";
  rename.slot = "breakfast";
  rename.notes = "late";
  ASSERT_TRUE(go(diary_->update(alice, mixed->id, rename)));
  diary_expect_exact(alice, today);
  nutrition::meal_patch clear;
  clear.clear_notes = true;
  ASSERT_TRUE(go(diary_->update(alice, second->id, clear)));
  EXPECT_TRUE(diary_meals(diary_expect_exact(alice, today))[0].at("notes").is_null());

  // PATCH the items: the meal's items and totals are replaced in the day.
  nutrition::meal_patch items;
  items.items = std::vector<nutrition::item_request>{diary_free("Apple", 95, 0.5)};
  ASSERT_TRUE(go(diary_->update(alice, mixed->id, items)));
  day = diary_expect_exact(alice, today);
  EXPECT_DOUBLE_EQ(day.totals.kcal, 95 + second->totals.kcal);

  // PATCH eaten_at to the day before: the meal leaves one day and joins the other.
  nutrition::meal_patch move;
  move.eaten_at = diary_now - hours(20);
  ASSERT_TRUE(go(diary_->update(alice, second->id, move)));
  EXPECT_EQ(diary_meals(diary_expect_exact(alice, today)).size(), 1u);
  EXPECT_EQ(diary_meals(diary_expect_exact(alice, yesterday)).size(), 1u);

  // The product and the recipe are deleted: the items lose their link, keep their numbers, and
  // the meal's updated_at stays (the user changed nothing).
  auto kept = go(diary_->log_meal(
      alice, diary_meal(diary_now - hours(1), {diary_product(bar.id, {}, 2), dal})));
  ASSERT_TRUE(kept) << kept.error().code;
  const std::string before_updated = nutrition::dto::render_meal(*kept);
  go(exec("DELETE FROM food_products WHERE id = $1::uuid", bar.id));
  go(exec("DELETE FROM recipes WHERE id = $1::uuid", recipe));
  meals = diary_meals(diary_expect_exact(alice, today));
  ASSERT_EQ(meals.size(), 2u);
  const auto& logged = meals[1].at("items").as_array();
  EXPECT_TRUE(logged[0].at("product_id").is_null());
  EXPECT_EQ(logged[0].at("barcode").as_string(), code);
  EXPECT_TRUE(logged[1].at("recipe_id").is_null());
  EXPECT_EQ(meals[1].at("updated_at"), boost::json::parse(before_updated).at("updated_at"));
  EXPECT_EQ(meals[1].at("totals"), boost::json::parse(before_updated).at("totals"));

  // DELETE: the meal leaves the day; the last meal of a day takes the day's row with it.
  ASSERT_TRUE(go(diary_->remove(alice, kept->id)));
  EXPECT_EQ(diary_meals(diary_expect_exact(alice, today)).size(), 1u);
  ASSERT_TRUE(go(diary_->remove(alice, second->id)));
  EXPECT_TRUE(diary_expect_exact(alice, yesterday).meals_json.empty());

  // Erasure: the account's days go with it.
  go(exec("DELETE FROM users WHERE id = $1::uuid", alice));
  EXPECT_EQ(go(exec("SELECT count(*) FROM meal_days WHERE user_id = $1::uuid", alice))[0]
                .get<std::int64_t>(0),
            0);
}

}  // namespace
}  // namespace ugoki::testing
