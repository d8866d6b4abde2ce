// workouts::service against a real PostgreSQL with a fixed clock: starting from a routine of
// the seeded catalogue (through the test's own routine_source) and the refusals a routine source
// passes on, one workout in progress and no overlaps decided by the database, the client id's
// replay, sets upserted by slot, the energy with pauses, and the read models (stats, records,
// streaks, kcal per day, this week, the export part).
#include "workouts/service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/json.hpp>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

using namespace std::chrono_literals;
using workouts::instant;

class workout_fixed_clock final : public clock {
 public:
  instant now() const override { return t; }
  instant t{};
};

// Tuesday 2026-03-31 10:00 UTC (12:00 in Berlin, two days after the switch to summer time).
const instant workout_now = std::chrono::sys_days(std::chrono::year{2026} / 3 / 31) + 10h;

class workout_sessions_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    settings_.connections_per_thread = 6;
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    clock_.t = workout_now;
    user_ = run(new_user("Europe/Berlin"));
    burpees_ = run(exercise_id("burpees"));
    goblet_ = run(exercise_id("kettlebell-goblet-squats"));
    svc_ = std::make_unique<workouts::service>(*db_, clock_, sources());
  }
  void TearDown() override {
    svc_.reset();
    for (const auto& u : users_) {
      run(exec("DELETE FROM users WHERE id = $1::uuid", u));
    }
  }

  // The catalogue read with the test's own SQL: what the library part's source will answer.
  static boost::asio::awaitable<result<workouts::routine_to_start>> catalogue_routine(
      pg::database* db, std::string, std::string routine_id, bool) {
    static constexpr pg::statement sql{
        "",
        "SELECT id::text, name, jsonb_build_object('slug', slug, 'rounds', rounds)::text "
        "FROM workout_routines WHERE id = $1::uuid"};
    auto rows = co_await db->query(sql, pg::params{routine_id});
    if (rows.empty()) {
      co_return not_found("WORK_002", "No such routine");
    }
    co_return workouts::routine_to_start{rows[0].get<std::string>(0), rows[0].get<std::string>(1),
                                         rows[0].get<std::string>(2)};
  }
  static boost::asio::awaitable<workouts::body_mass> eighty_kg(std::string) {
    co_return workouts::body_mass{80.0, false};
  }
  static boost::asio::awaitable<std::optional<instant>> no_fast(std::string) {
    co_return std::nullopt;
  }

  workouts::session_sources sources() {
    workouts::session_sources s;
    pg::database* db = db_.get();
    s.routines = [db](std::string u, std::string r, bool p) {
      return catalogue_routine(db, std::move(u), std::move(r), p);
    };
    s.body_mass = eighty_kg;
    s.running_fast = [this](std::string) { return fast_start(); };
    s.weekly_goal = [](std::string) -> boost::asio::awaitable<std::optional<int>> { co_return 2; };
    return s;
  }
  boost::asio::awaitable<std::optional<instant>> fast_start() { co_return fast_; }

  boost::asio::awaitable<std::string> new_user(std::string zone) {
    static constexpr pg::statement sql{
        "",
        "WITH u AS (INSERT INTO users (email) VALUES ($1) RETURNING id) "
        "INSERT INTO user_profiles (user_id, timezone) SELECT id, $2 FROM u "
        "RETURNING user_id::text"};
    auto rows = co_await db_->query(sql, pg::params{pg_unique("work") + "@example.test", zone});
    users_.push_back(rows[0].get<std::string>(0));
    co_return users_.back();
  }
  boost::asio::awaitable<std::string> exercise_id(std::string slug) {
    static constexpr pg::statement sql{"", "SELECT id::text FROM exercises WHERE slug = $1"};
    auto rows = co_await db_->query(sql, pg::params{slug});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<std::string> scalar(std::string sql_text, std::string arg) {
    pg::statement sql{"", sql_text};
    auto rows = co_await db_->query(sql, pg::params{arg});
    co_return std::string(rows[0].text(0));
  }
  boost::asio::awaitable<void> exec(std::string sql_text, std::string arg) {
    pg::statement sql{"", sql_text};
    co_await db_->query(sql, pg::params{arg});
  }

  workouts::start_request free_form(std::string type, std::optional<instant> at) {
    workouts::start_request r;
    r.type = std::move(type);
    r.started_at = at;
    return r;
  }
  result<workouts::session> start(workouts::start_request r, std::string user = {}) {
    return run(svc_->start(user.empty() ? user_ : user, false, std::move(r)));
  }
  template <class T>
  static std::string error_of(const result<T>& r) {
    if (r) {
      return "none";
    }
    const api_error& e = r.error();
    return e.details.empty() ? e.code : e.code + ":" + e.details[0].field;
  }
  workouts::set_log set(std::string exercise, int position, std::optional<int> reps,
                        std::optional<double> kg, std::optional<int> work,
                        std::optional<int> rest) {
    workouts::set_log s;
    s.exercise_id = std::move(exercise);
    s.position = position;
    s.reps = reps;
    s.weight_kg = kg;
    s.duration_seconds = work;
    s.rest_seconds = rest;
    return s;
  }

  workout_fixed_clock clock_;
  std::unique_ptr<workouts::service> svc_;
  std::string user_, burpees_, goblet_;
  std::vector<std::string> users_;
  std::optional<instant> fast_;
};

TEST_F(workout_sessions_test, AStartFromTheCatalogueKeepsTheRoutineAsStarted) {
  std::string routine =
      run(scalar("SELECT id::text FROM workout_routines WHERE slug = $1", "tabata-blast"));
  workouts::start_request r;
  r.routine_id = routine;
  auto s = start(r).value();
  EXPECT_EQ(s.type, "hiit");
  EXPECT_EQ(s.routine_id, routine);
  EXPECT_EQ(s.routine_name, "Tabata Blast");
  EXPECT_EQ(boost::json::parse(s.routine_snapshot_json).at("slug").as_string(), "tabata-blast");
  EXPECT_EQ(s.timezone, "Europe/Berlin");
  EXPECT_EQ(s.local_date, "2026-03-31");
  EXPECT_EQ(s.body_mass_kg, 80.0);
  EXPECT_FALSE(s.kcal_estimated);
  EXPECT_EQ(run(scalar("SELECT routine_snapshot->>'rounds' FROM workout_sessions "
                       "WHERE id = $1::uuid",
                       s.id)),
            "8");
}

TEST_F(workout_sessions_test, ARoutineSourcesRefusalsPassThroughAndWriteNothing) {
  workouts::session_sources refusing;
  refusing.routines =
      [](std::string, std::string,
         bool premium) -> boost::asio::awaitable<result<workouts::routine_to_start>> {
    if (premium) {
      co_return not_found("WORK_002", "No such routine");
    }
    co_return forbidden("AUTH_003", "Premium routine");
  };
  workouts::service svc(*db_, clock_, refusing);
  workouts::start_request r;
  r.routine_id = "0e0f5a36-1c8b-4e5d-9f00-6a4d2e1b3c7a";
  auto free_caller = run(svc.start(user_, false, r));
  ASSERT_FALSE(free_caller);
  EXPECT_EQ(free_caller.error().status, 403);
  EXPECT_EQ(free_caller.error().code, "AUTH_003");
  EXPECT_EQ(error_of(run(svc.start(user_, true, r))), "WORK_002");
  EXPECT_EQ(run(scalar("SELECT count(*) FROM workout_sessions WHERE user_id = $1::uuid", user_)),
            "0");
}

TEST_F(workout_sessions_test, OneWorkoutAtATimeAndNoOverlapsEvenWhenRacing) {
  std::vector<result<workouts::session>> results(5);
  for (auto& slot : results) {
    boost::asio::co_spawn(ioc_, svc_->start(user_, false, free_form("strength", std::nullopt)),
                          [&slot](std::exception_ptr e, result<workouts::session> r) {
                            if (!e) {
                              slot = std::move(r);
                            }
                          });
  }
  ioc_.restart();
  ioc_.run();
  int won = 0;
  for (const auto& r : results) {
    won += r ? 1 : 0;
    if (!r) {
      EXPECT_EQ(error_of(r), "WORK_011");
    }
  }
  EXPECT_EQ(won, 1);
  // Backdated into the running one's start: an overlap is checked after one-active, so end the
  // running one first and then backdate into it.
  auto running = std::find_if(results.begin(), results.end(), [](auto& r) { return bool(r); });
  clock_.t = workout_now + 1h;
  run(svc_->complete(user_, (*running)->id, std::nullopt)).value();
  EXPECT_EQ(error_of(start(free_form("hiit", workout_now + 30min))), "WORK_012");
  // Back to back is fine.
  EXPECT_EQ(error_of(start(free_form("hiit", workout_now + 1h))), "none");
}

TEST_F(workout_sessions_test, AClientIdReplaysItsSessionAndNeverLeaksAnotherUsers) {
  auto r = free_form("cardio", workout_now - 1h);
  r.id = "0e0f5a36-1c8b-4e5d-9f00-" + run(scalar("SELECT substr(md5($1), 1, 12)", user_));
  auto first = start(r).value();
  EXPECT_EQ(first.id, *r.id);
  auto again = start(r).value();
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.created_at, first.created_at);
  auto other_type = r;
  other_type.type = "hiit";
  EXPECT_EQ(error_of(start(other_type)), "WORK_014");
  std::string stranger = run(new_user("UTC"));
  EXPECT_EQ(error_of(start(r, stranger)), "WORK_014");
  EXPECT_EQ(run(scalar("SELECT count(*) FROM workout_sessions WHERE id = $1::uuid", *r.id)), "1");
}

TEST_F(workout_sessions_test, SetsUpsertBySlotAndTheEnergyFollowsThemAndThePauses) {
  fast_ = workout_now - 14h;  // a fast has run since last night
  auto s = start(free_form("hiit", workout_now - 20min)).value();
  EXPECT_TRUE(s.fasted);
  workouts::session_patch p;
  p.sets = {set(burpees_, 1, 12, std::nullopt, 40, 20), set(burpees_, 2, 10, std::nullopt, 40, 20)};
  p.act = workouts::session_patch::action::pause;
  run(svc_->update(user_, s.id, p)).value();
  run(svc_->update(user_, s.id, p)).value();  // resent: still two sets, still one pause
  clock_.t = workout_now + 5min;
  workouts::session_patch resume;
  resume.act = workouts::session_patch::action::resume;
  run(svc_->update(user_, s.id, resume)).value();
  clock_.t = workout_now + 10min;
  auto done = run(svc_->complete(user_, s.id, std::nullopt)).value();
  EXPECT_EQ(done.status, "completed");
  EXPECT_EQ(done.paused_seconds, 300);
  EXPECT_EQ(*done.active_seconds, 25 * 60);
  // 80 kg: burpees 80 s at 8.0 = 14.933, rest 40 s at 1.3 = 1.2133, the other 1380 s at hiit's
  // 8.0 = 257.6: 273.75 -> 274.
  EXPECT_EQ(done.kcal, 274);
  EXPECT_EQ(run(scalar("SELECT count(*) FROM exercise_logs WHERE session_id = $1::uuid", s.id)),
            "2");
  // A correction after completion: the second set removed, the energy recomputed.
  workouts::session_patch fix;
  fix.removed_sets = {{1, 2}};
  auto fixed = run(svc_->update(user_, s.id, fix)).value();
  EXPECT_EQ(fixed.sets.size(), 1u);
  // 40 s at 8.0 = 7.4667, 20 s at 1.3 = 0.6067, 1440 s at 8.0 = 268.8: 276.87 -> 277.
  EXPECT_EQ(fixed.kcal, 277);
  EXPECT_EQ(error_of(run(svc_->update(user_, s.id, resume))), "WORK_013");
  workouts::session_patch unknown;
  unknown.sets = {set("0e0f5a36-1c8b-4e5d-9f00-6a4d2e1b3c7a", 3, 5, std::nullopt, 30, 0)};
  EXPECT_EQ(error_of(run(svc_->update(user_, s.id, unknown))), "WORK_015:sets");
  EXPECT_EQ(error_of(run(svc_->get(run(new_user("UTC")), s.id))), "WORK_010");
}

TEST_F(workout_sessions_test, StatsRecordsStreaksAndTheDaysEnergyReadCompletedSessions) {
  // Three strength sessions on Sun 29, Mon 30 and Tue 31 (Berlin dates), one cancelled.
  for (int back : {2, 1, 0}) {
    // Each logged on its day, so no start is backdated past the 48 h limit.
    clock_.t = workout_now - std::chrono::hours(24 * back);
    auto s = start(free_form("strength", clock_.t - 1h)).value();
    workouts::session_patch p;
    p.sets = {set(goblet_, 1, 10, 20.0 + back, std::nullopt, std::nullopt),
              set(goblet_, 2, 8, 24.0, std::nullopt, std::nullopt)};
    run(svc_->update(user_, s.id, p)).value();
    run(svc_->complete(user_, s.id, clock_.t - 30min)).value();
  }
  auto cancelled = start(free_form("hiit", workout_now - 20min)).value();
  run(svc_->cancel(user_, cancelled.id)).value();

  workouts::stats_query q{std::chrono::sys_days(std::chrono::year{2026} / 3 / 23),
                          std::chrono::sys_days(std::chrono::year{2026} / 3 / 31),
                          workouts::stats_bucket::week, std::nullopt};
  auto stats = run(svc_->stats(user_, q));
  ASSERT_EQ(stats.rows.size(), 2u);
  EXPECT_EQ(stats.rows[0].sessions, 1);  // Sunday 29th
  EXPECT_EQ(stats.rows[1].sessions, 2);
  EXPECT_EQ(stats.rows[1].active_seconds, 3600);
  // Monday: 10 x 21 + 8 x 24 = 402; Tuesday: 10 x 20 + 192 = 392, per listed muscle group.
  EXPECT_DOUBLE_EQ(stats.rows[1].volume_kg.at("quadriceps"), 794);
  q.fasted = true;
  EXPECT_EQ(run(svc_->stats(user_, q)).rows[1].sessions, 0);

  auto records = run(svc_->records(user_));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].max_weight->value, 24.0);
  EXPECT_NEAR(records[0].best_estimated_1rm->value, 24.0 * (1 + 8.0 / 30), 1e-9);

  auto streaks = run(svc_->streaks(user_));
  EXPECT_EQ(streaks.current_days, 3);
  EXPECT_EQ(streaks.goal_sessions_per_week, 2);
  EXPECT_EQ(streaks.this_week_sessions, 2);
  EXPECT_EQ(streaks.current_weeks, 1);  // last week had one, below the goal of 2

  auto days = run(svc_->kcal_by_day(user_, "2026-03-29", "2026-03-31"));
  ASSERT_EQ(days.size(), 3u);
  // 30 min of strength at 3.5 MET, 80 kg: 3.5 x 3.5 x 80 / 200 x 30 = 147.
  EXPECT_EQ(days[2].kcal, 147);
  auto week = run(svc_->this_week(user_));
  EXPECT_EQ(week.week_start, "2026-03-30");
  EXPECT_EQ(week.sessions, 2);
  EXPECT_EQ(week.kcal, 294);
  EXPECT_EQ(week.goal_sessions, 2);

  auto exported = boost::json::parse(run(svc_->export_part(user_)));
  EXPECT_EQ(exported.at("sessions").as_array().size(), 4u);
  EXPECT_EQ(exported.at("exercise_logs").as_array().size(), 6u);
  EXPECT_TRUE(exported.at("sessions").as_array()[0].at("started_at").as_string().ends_with("Z"));
}

}  // namespace
}  // namespace ugoki::testing
