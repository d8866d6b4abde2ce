// workouts::library_service against a real PostgreSQL with the seeded library: routine
// estimates at a known body mass (hand-computed), the routine source's refusals (premium,
// another user's routine), own routines end to end, the snapshot refreshing on a version bump.
#include "workouts/library_service.hpp"

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

// Every estimate here is at 80 kg, not the 70 kg default, and not marked estimated.
boost::asio::awaitable<workouts::body_mass> library_test_mass(std::string) {
  co_return workouts::body_mass{80.0, false};
}

class library_service_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    svc_ = std::make_unique<workouts::library_service>(*db_, library_test_mass,
                                                       std::chrono::milliseconds(0));
    alice_ = run(new_user());
    bob_ = run(new_user());
  }
  void TearDown() override {
    svc_.reset();
    for (const auto& id : {alice_, bob_}) {
      if (db_ && !id.empty()) {
        run(sql("DELETE FROM users WHERE id = $1::uuid", id));
      }
    }
  }

  boost::asio::awaitable<std::string> new_user() {
    static constexpr pg::statement insert{
        "", "INSERT INTO users (email) VALUES ($1) RETURNING id::text"};
    auto rows = co_await db_->query(insert, pg::params{pg_unique("lib") + "@example.test"});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<pg::result> sql(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  std::string id_of_routine(const std::string& slug) {
    return run(sql("SELECT id::text FROM workout_routines WHERE slug = $1", slug))[0]
        .get<std::string>(0);
  }
  std::string id_of_exercise(const std::string& slug) {
    return run(sql("SELECT id::text FROM exercises WHERE slug = $1", slug))[0].get<std::string>(0);
  }

  std::unique_ptr<workouts::library_service> svc_;
  std::string alice_;
  std::string bob_;
};

TEST_F(library_service_test, TabataBlastAtEightyKilograms) {
  auto v = run(svc_->routine_by_id(alice_, id_of_routine("tabata-blast"), false)).value();
  // Warm-up: standing march 60 s at 5.0 MET, arm circles 30 s at 2.3. Main, 8 rounds of 20 s:
  // squat jumps, mountain climbers, high knees at 8.0 and push-ups at 3.8, 10 s rest between
  // (3 a round) and 10 s between rounds (7). Cool-down: world's greatest stretch 60 s at 2.3,
  // downward dog 45 s at 2.5.
  // Duration: 90 + 8 x (80 + 30) + 70 + 105 = 1145 s.
  // MET-seconds: 300 + 69 + 8 x (3 x 160 + 76) + 138 + 112.5 = 5067.5 work; 310 s rest x 1.3
  // = 403. kcal = 5470.5 x 3.5 x 80 / 200 / 60 = 127.6 -> 128.
  EXPECT_EQ(v.estimate.duration_seconds, 1145);
  EXPECT_EQ(v.estimate.estimated_kcal, 128);
  EXPECT_FALSE(v.estimate.estimated);
  // The SQL formula the seed stores agrees with the C++ one.
  auto stored = run(sql("SELECT estimated_duration_seconds FROM workout_routines WHERE slug = $1",
                        "tabata-blast"));
  EXPECT_EQ(stored[0].get<int>(0), 1145);
}

TEST_F(library_service_test, EverySeededDurationMatchesTheDatabaseFormula) {
  auto lib = run(svc_->reference());
  // The seeded ten; the admin tests create routines of their own ("it-...") meanwhile.
  ASSERT_EQ(std::count_if(lib->routines.begin(), lib->routines.end(),
                          [](const workouts::routine& r) { return !r.slug->starts_with("it-"); }),
            10);
  for (const auto& r : lib->routines) {
    if (r.slug->starts_with("it-")) {
      continue;  // an admin test's routine, which it may delete meanwhile
    }
    auto v = run(svc_->routine_by_id(alice_, r.id, true)).value();
    auto stored = run(
        sql("SELECT estimated_duration_seconds FROM workout_routines WHERE id = $1::uuid", r.id));
    EXPECT_EQ(v.estimate.duration_seconds, stored[0].get<int>(0)) << *r.slug;
  }
}

TEST_F(library_service_test, TheRoutineSourceGatesPremiumAndHidesOthersRoutines) {
  auto source = svc_->source();
  auto premium = id_of_routine("kettlebell-conditioning");
  auto refused = run(source(alice_, premium, false));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 403);
  EXPECT_EQ(refused.error().code, "AUTH_003");
  auto started = run(source(alice_, premium, true)).value();
  EXPECT_EQ(started.name, "Kettlebell Conditioning");
  auto snapshot = boost::json::parse(started.snapshot_json).as_object();
  EXPECT_EQ(snapshot.at("id").as_string(), premium);
  EXPECT_EQ(snapshot.at("blocks").as_array().size(), 3u);

  workouts::own_routine_input in;
  in.name = "Alice's";
  in.rounds = 2;
  in.rest_between_rounds_seconds = 30;
  workouts::interval i;
  i.block = "main";
  i.position = 1;
  i.exercise_id = id_of_exercise("burpees");
  i.work_seconds = 30;
  i.rest_seconds = 15;
  in.intervals = std::vector<workouts::interval>{i};
  auto mine = run(svc_->create_own(alice_, in)).value();
  // 2 rounds of 30 s burpees (8.0 MET), no rest inside a round of one interval, 30 s between:
  // (480 + 39) MET-s x 1.4 / 60 = 12.1 -> 12 kcal, 90 s.
  EXPECT_EQ(mine.estimate.duration_seconds, 90);
  EXPECT_EQ(mine.estimate.estimated_kcal, 12);

  auto own = run(source(alice_, mine.r.id, false)).value();
  EXPECT_EQ(own.name, "Alice's");
  auto other = run(source(bob_, mine.r.id, true));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().status, 404);
  EXPECT_EQ(other.error().code, "WORK_002");
  auto unknown = run(source(alice_, "00000000-0000-4000-8000-000000000000", true));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "WORK_002");

  EXPECT_FALSE(run(svc_->delete_own(bob_, mine.r.id)));
  EXPECT_TRUE(run(svc_->delete_own(alice_, mine.r.id)));
  EXPECT_FALSE(run(source(alice_, mine.r.id, true)));
}

TEST_F(library_service_test, TheSnapshotRefreshesWhenTheVersionMoves) {
  auto before = run(svc_->reference());
  auto again = run(svc_->reference());
  EXPECT_EQ(before.get(), again.get()) << "same version: the same snapshot";
  // Any write to the reference tables bumps the stamp (a no-op UPDATE too: statement trigger).
  run(sql("UPDATE exercises SET sort_order = sort_order WHERE slug = $1", "burpees"));
  svc_->reference_changed();
  auto after = run(svc_->reference());
  EXPECT_NE(before.get(), after.get());
  EXPECT_GT(after->version, before->version);
}

}  // namespace
}  // namespace ugoki::testing
