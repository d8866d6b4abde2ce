// fasting::service against a real PostgreSQL with a fixed clock: the time rules at their exact
// boundaries (48 h backdating, 60 s of clock skew, the target instant), the local end date in
// the profile's zone, the timer's stages, five racing starts of which exactly one wins, and the
// fasting part of the data export.
#include "fasting/service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/clock.hpp"
#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

using namespace std::chrono_literals;
using fasting::instant;

class fixed_clock final : public clock {
 public:
  instant now() const override { return t; }
  instant t{};
};

// 2026-03-28 22:00:00 UTC: Europe/Berlin switches to summer time a few hours later.
const instant base_now = std::chrono::sys_days(std::chrono::year{2026} / 3 / 28) + 22h;

class fasting_service_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    settings_.connections_per_thread = 6;
    // Both idempotent, under an advisory lock and upserts, so parallel test processes are fine.
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    clock_.t = base_now;
    svc_ = std::make_unique<fasting::service>(*db_, clock_);
    user_ = run(new_user("Europe/Berlin"));
  }
  void TearDown() override {
    svc_.reset();
    if (db_ && !user_.empty()) {
      run(delete_user(user_));
    }
  }

  boost::asio::awaitable<std::string> new_user(std::string zone) {
    static constexpr pg::statement sql{
        "",
        "WITH u AS (INSERT INTO users (email) VALUES ($1) RETURNING id) "
        "INSERT INTO user_profiles (user_id, timezone) SELECT id, $2 FROM u "
        "RETURNING user_id::text"};
    pg::params args{pg_unique("fast") + "@example.test", zone};
    auto rows = co_await db_->query(sql, args);
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<void> delete_user(std::string id) {
    static constexpr pg::statement sql{"", "DELETE FROM users WHERE id = $1::uuid"};
    pg::params args{id};
    co_await db_->query(sql, args);
  }

  result<fasting::session> try_start(std::optional<instant> at,
                                     std::int64_t target_seconds = 16 * 3600) {
    fasting::start_request req;
    req.target_seconds = target_seconds;
    req.started_at = at;
    return run(svc_->start(user_, req));
  }
  fasting::session start(std::optional<instant> at, std::int64_t target_seconds = 16 * 3600) {
    return try_start(at, target_seconds).value();
  }

  // "CODE" or "CODE:field" of the refusal in `r`; "none" when it holds a value.
  template <class T>
  static std::string error_of(const result<T>& r) {
    if (r) {
      return "none";
    }
    const api_error& e = r.error();
    return e.details.empty() ? e.code : e.code + ":" + e.details[0].field;
  }

  fixed_clock clock_;
  std::unique_ptr<fasting::service> svc_;
  std::string user_;
};

TEST_F(fasting_service_test, BackdatingIsAllowedUpToExactly48Hours) {
  EXPECT_EQ(error_of(try_start(base_now - 48h - 1s)), "VAL_001:started_at");
  auto s = start(base_now - 48h);
  EXPECT_EQ(s.started_at, base_now - 48h);
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.timezone, "Europe/Berlin");
}

TEST_F(fasting_service_test, SixtySecondsAheadIsNowAndOneMoreIsTheFuture) {
  EXPECT_EQ(error_of(try_start(base_now + 61s)), "VAL_001:started_at");
  auto s = start(base_now + 60s);
  EXPECT_EQ(s.started_at, base_now);
}

TEST_F(fasting_service_test, ReachingTheTargetToTheSecondCompletes) {
  auto early = start(base_now - 20h);
  auto ended = run(svc_->end(user_, early.id, base_now - 4h - 1s)).value();
  EXPECT_EQ(ended.status, "ended_early");
  auto exact = start(base_now - 4h, 4 * 3600);
  auto done = run(svc_->end(user_, exact.id, std::nullopt)).value();
  EXPECT_EQ(done.status, "completed");
  EXPECT_EQ(done.ended_at, base_now);
  EXPECT_EQ(error_of(run(svc_->end(user_, exact.id, std::nullopt))), "FAST_005");
}

TEST_F(fasting_service_test, TheEndDateIsTheLocalDateInTheSessionsZone) {
  auto s = start(base_now - 10h);
  // 23:30 UTC on the 28th is 00:30 on the 29th in Berlin (UTC+1 until 01:00 UTC).
  clock_.t = base_now + 90min;
  auto ended = run(svc_->end(user_, s.id, std::nullopt)).value();
  ASSERT_TRUE(ended.end_local_date);
  EXPECT_EQ(*ended.end_local_date, "2026-03-29");
}

TEST_F(fasting_service_test, TheTimerUsesTheSeededStagesAndTheClock) {
  start(base_now - 5h);
  clock_.t = base_now + 11h;  // 16 h in: fat burning starts exactly now
  auto view = run(svc_->current(user_));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->timer.elapsed_seconds, 16 * 3600);
  EXPECT_EQ(view->timer.remaining_seconds, 0);
  EXPECT_DOUBLE_EQ(view->timer.progress, 1.0);
  ASSERT_TRUE(view->timer.current_stage);
  EXPECT_EQ(view->timer.current_stage->slug, "fat-burning");
  ASSERT_TRUE(view->timer.next_stage);
  EXPECT_EQ(view->timer.next_stage->slug, "ketosis");
  EXPECT_EQ(view->timer.next_stage->starts_at, base_now - 5h + 24h);
}

TEST_F(fasting_service_test, FiveRacingStartsGiveOneFastAndFourConflicts) {
  std::vector<std::string> outcomes;
  for (int i = 0; i < 5; ++i) {
    fasting::start_request req;
    req.target_seconds = (14 + i) * 3600;
    // A plain lambda returning the coroutine call: the captures must not be a coroutine's.
    boost::asio::co_spawn(
        ioc_, [this, req] { return svc_->start(user_, req); },
        [&outcomes](std::exception_ptr e, result<fasting::session> r) {
          if (e) {
            outcomes.push_back("exception");
          } else {
            outcomes.push_back(r ? "ok" : r.error().code);
          }
        });
  }
  ioc_.restart();
  ioc_.run();
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes,
            (std::vector<std::string>{"FAST_001", "FAST_001", "FAST_001", "FAST_001", "ok"}));
  EXPECT_TRUE(run(svc_->current(user_)));
}

// What GET /users/me/export has put under `fasting` so far (src/user/export.cpp at the
// groundwork commit): its SQL and its post-processing, kept here as the reference the service's
// export part must match.
constexpr pg::statement reference_utc_sql{"", "SELECT set_config('TimeZone', 'UTC', true)"};
constexpr pg::statement reference_fasting_sql{"", R"(
SELECT jsonb_build_object(
    'schedules', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                    FROM fasting_schedules t WHERE t.user_id = $1::uuid),
    'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                   FROM fasting_sessions t WHERE t.user_id = $1::uuid),
    'logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
               FROM fasting_logs t WHERE t.user_id = $1::uuid))::text)"};

// export.cpp's fix_instants: "YYYY-MM-DDTHH:MM:SS[.f]+00:00" strings end in Z instead.
void reference_fix_instants(boost::json::value& v) {
  if (auto* s = v.if_string()) {
    std::string_view text(s->data(), s->size());
    if (text.size() >= 25 && text.ends_with("+00:00") && text[4] == '-' && text[10] == 'T') {
      *s = std::string(text.substr(0, text.size() - 6)) + "Z";
    }
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) {
      reference_fix_instants(e);
    }
  } else if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      reference_fix_instants(kv.value());
    }
  }
}

TEST_F(fasting_service_test, TheExportPartIsTheFastingKeyTheDataExportHad) {
  auto done = start(base_now - 20h);
  run(svc_->end(user_, done.id, base_now - 4h)).value();
  fasting::new_log log;
  log.logged_at = base_now - 10h;
  log.mood = 3;
  log.symptoms_json = R"(["headache"])";
  log.note = "2026-03-28T12:00:00+00:00 is when it started";
  run(svc_->add_log(user_, done.id, log)).value();
  auto running = start(base_now - 1h);
  static constexpr pg::statement plan_sql{
      "",
      "INSERT INTO fasting_schedules (user_id, fasting_minutes, weekdays, start_local_time, "
      "timezone, anchor_date) VALUES ($1::uuid, 960, '{1,3,5}', '20:00', 'Europe/Berlin', "
      "'2026-03-30')"};
  run(db_->query(plan_sql, pg::params{user_}));

  const std::string part = run(svc_->export_part(user_));
  boost::json::value got = boost::json::parse(part);
  std::vector<pg::command> commands;
  commands.push_back({&reference_utc_sql, pg::params{}});
  commands.push_back({&reference_fasting_sql, pg::params{user_}});
  auto results = run(db_->pipeline(commands));
  boost::json::value want = boost::json::parse(results[1][0].get<std::string_view>(0));
  reference_fix_instants(want);
  EXPECT_EQ(got, want);
  EXPECT_TRUE(part.starts_with(R"({"logs":[)")) << "jsonb's key order, as the export had it";

  // And what that shape is: every column but user_id, instants with Z.
  const auto& o = got.as_object();
  ASSERT_EQ(o.size(), 3u);
  const auto& sessions = o.at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 2u);
  const auto& first = sessions[0].as_object();
  EXPECT_FALSE(first.contains("user_id"));
  EXPECT_EQ(first.at("id").as_string(), done.id);
  EXPECT_EQ(first.at("started_at").as_string(), "2026-03-28T02:00:00Z");
  EXPECT_EQ(first.at("actual_end_at").as_string(), "2026-03-28T18:00:00Z");
  EXPECT_EQ(first.at("status").as_string(), "completed");
  EXPECT_EQ(first.at("end_local_date").as_string(), "2026-03-28");
  EXPECT_TRUE(first.at("deleted_at").is_null());
  EXPECT_EQ(sessions[1].at("id").as_string(), running.id);
  EXPECT_TRUE(sessions[1].at("actual_end_at").is_null());
  const auto& logs = o.at("logs").as_array();
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].at("logged_at").as_string(), "2026-03-28T12:00:00Z");
  EXPECT_EQ(logs[0].at("symptoms"), boost::json::parse(R"(["headache"])"));
  EXPECT_FALSE(logs[0].as_object().contains("user_id"));
  const auto& schedules = o.at("schedules").as_array();
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].at("weekdays"), boost::json::parse("[1,3,5]"));
  EXPECT_EQ(schedules[0].at("start_local_time").as_string(), "20:00:00");
  EXPECT_EQ(schedules[0].at("anchor_date").as_string(), "2026-03-30");

  // Another user has nothing there, and none of this user's rows.
  const std::string other = run(new_user("UTC"));
  EXPECT_EQ(boost::json::parse(run(svc_->export_part(other))),
            boost::json::parse(R"({"logs":[],"sessions":[],"schedules":[]})"));
  run(delete_user(other));
}

}  // namespace
}  // namespace ugoki::testing
