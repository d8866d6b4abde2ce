// workouts::admin_service against a real PostgreSQL (migrated and seeded) and Redis: a created,
// changed or retired exercise or routine is what the library snapshot answers next, every write
// has its audit entry, a stale version or a bad routine changes nothing, DELETE retires what
// history references, and `ugoki seed` keeps an admin's edits.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>

#include <random>

#include "core/pg/migrate.hpp"
#include "core/redis/client.hpp"
#include "core/redis/reference_changes.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "support/redis_test_env.hpp"
#include "workouts/admin_service.hpp"
#include "workouts/library_service.hpp"

namespace ugoki::testing {
namespace {

boost::asio::awaitable<workouts::body_mass> workouts_admin_test_mass(std::string) {
  co_return workouts::body_mass{70.0, true};
}

class workouts_admin_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    if (redis::testing::test_url().empty()) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    redis_ = std::make_unique<redis::client>(redis::testing::test_settings(), 1);
    redis_->attach_thread(0, ioc_.get_executor());
    changes_ = std::make_unique<redis::reference_changes>(
        *redis_, redis::testing::key(pg_unique("workouts-admin")) + ":");
    library_ = std::make_unique<workouts::library_service>(*db_, workouts_admin_test_mass,
                                                           std::chrono::milliseconds(0));
    changes_->on("workouts", [this] {
      ++announced_;
      library_->reference_changed();
    });
    admin_ = std::make_unique<workouts::admin_service>(*db_, *changes_);
    admin_id_ = go(one("INSERT INTO users (email) VALUES ($1) RETURNING id::text",
                       pg_unique("wadmin") + "@example.test"));
  }
  void TearDown() override {
    if (redis_) {
      for (const auto& slug : routine_slugs_) {
        go(one("DELETE FROM workout_routines WHERE slug = $1 RETURNING slug", slug));
      }
      for (const auto& slug : exercise_slugs_) {
        go(one("DELETE FROM exercises WHERE slug = $1 RETURNING slug", slug));
      }
      go(one("DELETE FROM users WHERE id = $1::uuid RETURNING id::text", admin_id_));
      admin_.reset();
      library_.reset();
      changes_.reset();
      redis_->stop();
      ioc_.restart();
      ioc_.run_for(std::chrono::seconds(2));
    }
  }

  template <class T>
  T go(boost::asio::awaitable<T> a) {
    std::exception_ptr failure;
    std::optional<T> value;
    bool done = false;
    boost::asio::co_spawn(ioc_, std::move(a), [&](std::exception_ptr e, T v) {
      failure = e;
      if (!e) {
        value.emplace(std::move(v));
      }
      done = true;
    });
    ioc_.restart();
    while (!done) {
      ioc_.run_one();
    }
    if (failure) {
      std::rethrow_exception(failure);
    }
    return std::move(*value);
  }
  // The first column of the first row as text ("" when none).
  boost::asio::awaitable<std::string> one(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    auto rows = co_await db_->query(s, pg::params{arg});
    co_return rows.empty() ? std::string()
                           : rows[0].get<std::optional<std::string>>(0).value_or("");
  }

  std::string unique_slug(std::vector<std::string>& into) {
    std::string slug = "it-" + std::to_string(std::random_device{}() % 1'000'000'000);
    into.push_back(slug);
    return slug;
  }
  workouts::admin::exercise_row fresh_exercise() {
    workouts::admin::exercise_row x;
    workouts::exercise& e = x.e;
    e.slug = unique_slug(exercise_slugs_);
    e.name = "Wall Sit";
    e.description = "Hold a seated position against a wall.";
    e.instructions = {"Lean against a wall.", "Slide down to a seat.", "Hold, breathing."};
    e.muscle_groups = {"quadriceps", "glutes"};
    e.difficulty = "beginner";
    e.category = "strength";
    e.met_value = 3.5;
    e.met_source = "Compendium 2011 code 02022";
    e.sort_order = 900;
    return x;
  }
  std::string seeded_exercise(const std::string& slug) {
    return go(one("SELECT id::text FROM exercises WHERE slug = $1", slug));
  }
  workouts::admin::routine_row fresh_routine() {
    workouts::admin::routine_row r;
    r.slug = unique_slug(routine_slugs_);
    r.name = "Test Circuit";
    r.description = "Two moves, twice.";
    r.difficulty = "beginner";
    r.category = "circuit";
    r.rounds = 2;
    r.work_seconds = 30;
    r.rest_seconds = 15;
    r.rest_between_rounds_seconds = 60;
    r.sort_order = 900;
    r.exercises = {{"main", seeded_exercise("air-squats"), std::nullopt, std::nullopt, {}},
                   {"main", seeded_exercise("kettlebell-swings"), 40, std::nullopt, {}}};
    return r;
  }
  actor admin_actor() { return actor{admin_id_, "req-workouts-admin"}; }
  // "action:changed,members action:..." of an entity's entries, oldest first.
  std::string audit_of(const std::string& entity, const std::string& id) {
    return go(
        one("SELECT string_agg(action || ':' || (SELECT string_agg(k, ',' ORDER BY k) "
            "FROM jsonb_object_keys(changes) k), ' ' ORDER BY id) FROM admin_audit_log "
            "WHERE entity = '" +
                entity + "' AND entity_id = $1",
            id));
  }
  const workouts::exercise* public_exercise(const std::string& id) {
    auto found = go(library_->exercise_by_id(id));
    return found ? found->second : nullptr;
  }

  std::unique_ptr<redis::client> redis_;
  std::unique_ptr<redis::reference_changes> changes_;
  std::unique_ptr<workouts::library_service> library_;
  std::unique_ptr<workouts::admin_service> admin_;
  std::string admin_id_;
  std::vector<std::string> exercise_slugs_;
  std::vector<std::string> routine_slugs_;
  int announced_ = 0;
};

TEST_F(workouts_admin_test, ExerciseCreateUpdateDeleteAreAuditedAndReachTheLibrary) {
  workouts::admin::translations_change de;
  de.set_json = R"({"de":{"name":"Wandsitzen"}})";
  auto created = go(admin_->create_exercise(admin_actor(), fresh_exercise(), de));
  ASSERT_TRUE(created) << created.error().code;
  const std::string id = created->e.id;
  EXPECT_EQ(created->translations_json, R"({"de": {"name": "Wandsitzen"}})");
  ASSERT_NE(public_exercise(id), nullptr);
  EXPECT_EQ(public_exercise(id)->translations.at("de").name.value_or(""), "Wandsitzen");

  workouts::admin::exercise_patch patch;
  patch.name = "Wall Sits";
  patch.met_value = 4.0;
  patch.version = created->version;
  patch.translations.set_json = R"({"fr":{"name":"Chaise"}})";
  patch.translations.remove = {"de"};
  auto changed = go(admin_->update_exercise(admin_actor(), id, patch));
  ASSERT_TRUE(changed) << changed.error().code;
  EXPECT_EQ(changed->e.name, "Wall Sits");
  EXPECT_GT(changed->version, created->version);
  EXPECT_EQ(changed->translations_json, R"({"fr": {"name": "Chaise"}})");
  ASSERT_NE(public_exercise(id), nullptr);
  EXPECT_EQ(public_exercise(id)->name, "Wall Sits");
  EXPECT_EQ(public_exercise(id)->translations.count("de"), 0u);

  // The version the first editor saw is stale now: nothing is written.
  workouts::admin::exercise_patch late;
  late.name = "Late";
  late.version = created->version;
  auto stale = go(admin_->update_exercise(admin_actor(), id, late));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().status, 412);
  EXPECT_EQ(stale.error().code, "REQ_006");
  EXPECT_EQ(go(one("SELECT name FROM exercises WHERE id = $1::uuid", id)), "Wall Sits");

  // Nothing references it: DELETE removes the row.
  auto removed = go(admin_->delete_exercise(admin_actor(), id, changed->version));
  ASSERT_TRUE(removed);
  EXPECT_FALSE(removed->has_value());
  EXPECT_EQ(go(one("SELECT id::text FROM exercises WHERE id = $1::uuid", id)), "");
  EXPECT_EQ(public_exercise(id), nullptr);
  EXPECT_EQ(announced_, 3);
  EXPECT_EQ(audit_of("workouts.exercise", id),
            "create:aliases,category,description,difficulty,equipment,id,instructions,"
            "is_active,is_unilateral,met_source,met_value,muscle_groups,name,slug,sort_order,"
            "thumbnail_url,translations,video_url update:met_value,name,translations "
            "delete:aliases,category,description,difficulty,equipment,id,instructions,"
            "is_active,is_unilateral,met_source,met_value,muscle_groups,name,slug,sort_order,"
            "thumbnail_url,translations,video_url");
}

TEST_F(workouts_admin_test, DeletingAnExerciseARoutineUsesRetiresIt) {
  // Arm circles warm up every seeded routine (and no other test here uses them).
  const std::string circles = seeded_exercise("arm-circles");
  auto before = go(admin_->exercise(circles));
  ASSERT_TRUE(before);
  auto retired = go(admin_->delete_exercise(admin_actor(), circles, std::nullopt));
  ASSERT_TRUE(retired) << retired.error().code;
  ASSERT_TRUE(retired->has_value());
  EXPECT_FALSE((*retired)->e.active);
  EXPECT_EQ(public_exercise(circles), nullptr);  // gone from the library's lists
  // Routines that use it still resolve it (the snapshot keeps retired exercises).
  auto lib = go(library_->reference());
  ASSERT_NE(lib->find_exercise(circles), nullptr);
  EXPECT_EQ(audit_of("workouts.exercise", circles), "deactivate:is_active");

  // `ugoki seed` keeps the admin's edit: the exercise stays retired.
  pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
  EXPECT_EQ(go(one("SELECT is_active::text FROM exercises WHERE id = $1::uuid", circles)), "false");
  go(one("UPDATE exercises SET is_active = true WHERE id = $1::uuid RETURNING id::text", circles));
  go(one("DELETE FROM admin_audit_log WHERE entity_id = $1 RETURNING id::text", circles));
}

TEST_F(workouts_admin_test, RoutinesAreValidatedWrittenWithSlotsAndKeptBySeeds) {
  auto bad = fresh_routine();
  bad.category = "emom";
  bad.exercises[1].exercise_id = "00000000-0000-4000-8000-000000000000";
  auto refused = go(admin_->create_routine(admin_actor(), bad));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "VAL_001");
  ASSERT_EQ(refused.error().details.size(), 2u);
  EXPECT_EQ(refused.error().details[0].field, "work_seconds");
  EXPECT_EQ(refused.error().details[1].field, "exercises[1].exercise_id");
  EXPECT_EQ(go(one("SELECT id::text FROM workout_routines WHERE slug = $1", bad.slug)), "");

  auto created = go(admin_->create_routine(admin_actor(), fresh_routine()));
  ASSERT_TRUE(created) << created.error().code;
  const std::string id = created->id;
  ASSERT_EQ(created->exercises.size(), 2u);
  EXPECT_EQ(created->exercises[1].work_seconds.value_or(0), 40);
  EXPECT_EQ(created->equipment, std::vector<std::string>{"kettlebell"});
  // 2 x (30 + 40 + 15) + 60 between the rounds.
  EXPECT_EQ(created->estimated_duration_seconds, 230);
  auto lib = go(library_->reference());
  ASSERT_NE(lib->find_routine(id), nullptr);

  workouts::admin::routine_patch patch;
  patch.version = created->version;
  patch.is_premium = true;
  patch.exercises = std::vector<workouts::admin::routine_slot>{
      {"warm_up", seeded_exercise("jumping-jacks"), 60, std::nullopt, {}},
      {"main", seeded_exercise("push-ups"), std::nullopt, 12, std::string("Chest to floor.")}};
  auto changed = go(admin_->update_routine(admin_actor(), id, patch));
  ASSERT_TRUE(changed) << changed.error().code;
  EXPECT_TRUE(changed->is_premium);
  ASSERT_EQ(changed->exercises.size(), 2u);
  EXPECT_EQ(changed->exercises[0].block, "warm_up");
  EXPECT_EQ(changed->equipment, std::vector<std::string>{});
  lib = go(library_->reference());
  ASSERT_NE(lib->find_routine(id), nullptr);
  EXPECT_TRUE(lib->find_routine(id)->is_premium);
  EXPECT_EQ(lib->find_routine(id)->intervals.size(), 2u);

  auto stale = go(admin_->update_routine(admin_actor(), id, patch));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "REQ_006");

  // A seeded routine an admin edited keeps the edit through `ugoki seed` (one the library
  // tests, which share the database, do not read).
  const std::string edited =
      go(one("SELECT id::text FROM workout_routines WHERE slug = $1", "lower-body-burn"));
  auto seeded = go(admin_->routine(edited));
  ASSERT_TRUE(seeded);
  workouts::admin::routine_patch rename;
  rename.version = seeded->version;
  rename.name = "Lower-Body Burn (edited)";
  rename.exercises = std::vector<workouts::admin::routine_slot>{
      {"main", seeded_exercise("burpees"), std::nullopt, std::nullopt, {}}};
  ASSERT_TRUE(go(admin_->update_routine(admin_actor(), edited, rename)));
  pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
  auto after_seed = go(admin_->routine(edited));
  ASSERT_TRUE(after_seed);
  EXPECT_EQ(after_seed->name, "Lower-Body Burn (edited)");
  EXPECT_EQ(after_seed->exercises.size(), 1u);
  // Burpees need no equipment either: the derived equipment stays [] and is not a change.
  EXPECT_EQ(audit_of("workouts.routine", edited),
            "update:estimated_duration_seconds,exercises,name");
  // Back to the seed's: forget the admin's entry and seed again.
  go(one("DELETE FROM admin_audit_log WHERE entity_id = $1 RETURNING id::text", edited));
  pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
  EXPECT_EQ(go(one("SELECT name FROM workout_routines WHERE id = $1::uuid", edited)),
            "Lower-Body Burn");

  // No session started from it: DELETE removes it with its slots.
  auto removed = go(admin_->delete_routine(admin_actor(), id, std::nullopt));
  ASSERT_TRUE(removed);
  EXPECT_FALSE(removed->has_value());
  EXPECT_EQ(go(one("SELECT count(*)::text FROM workout_routine_exercises WHERE routine_id = "
                   "$1::uuid",
                   id)),
            "0");
  lib = go(library_->reference());
  EXPECT_EQ(lib->find_routine(id), nullptr);
  EXPECT_EQ(audit_of("workouts.routine", id).substr(0, 7), "create:");
}

}  // namespace
}  // namespace ugoki::testing
