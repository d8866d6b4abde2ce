// Workout session rules: start (routine, client id replay, fasted, body mass), the locked
// read-modify-write of a session with its energy, and the read models over completed sessions.
#include "workouts/service.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "core/clock.hpp"
#include "core/pg/database.hpp"
#include "core/time.hpp"
#include "workouts/errors.hpp"
#include "workouts/session_energy.hpp"
#include "workouts/sessions_dto.hpp"
#include "workouts/store.hpp"

namespace ugoki::workouts {

// Named rather than anonymous: unity builds share a batch with the library part's files.
namespace session_rules {

using boost::asio::awaitable;
using std::chrono::seconds;

// The sessions' kcal column holds at most this (0022's CHECK): a day of 25 MET at 500 kg is
// the only way past it, and the figure is capped rather than refused.
constexpr int max_kcal = 10000;

api_error bad_field(const char* field, const char* message) {
  return validation({{field, message}});
}

instant clamp_now(instant t, instant now) {
  const instant whole = std::chrono::floor<seconds>(t);
  return std::min(whole, now);
}

// Active time at `t`: elapsed since the start less the finished and the open pause.
std::int64_t active_at(const session& s, instant t) {
  auto active = std::chrono::duration_cast<seconds>(t - s.started_at).count() - s.paused_seconds;
  if (s.paused_at && t > *s.paused_at) {
    active -= std::chrono::duration_cast<seconds>(t - *s.paused_at).count();
  }
  return std::max<std::int64_t>(0, active);
}

// The energy of `s` as of `t` (its final active time once it ended).
int energy_of(const session& s, instant t) {
  const std::int64_t active = s.active_seconds ? *s.active_seconds : active_at(s, t);
  return std::min(max_kcal, session_kcal(s.sets, s.type, active, s.body_mass_kg));
}

api_error refusal_error(store::refusal why) {
  switch (why) {
    case store::refusal::id_taken:
      return errors::session_id_taken();
    case store::refusal::active_exists:
      return errors::session_active();
    case store::refusal::overlap:
      return errors::session_overlap();
    case store::refusal::unknown_exercise:
      return errors::unknown_exercise();
    case store::refusal::none:
      break;
  }
  throw std::logic_error("workouts: a store write refused without a reason");
}

// A replay of the start that created `existing`: the same type and routine, and the same start
// when the body named one (a start "now" cannot be compared and is taken as the same).
bool same_start(const session& existing, const start_request& req, const std::string& type,
                std::optional<instant> started) {
  return existing.type == type && existing.routine_id == req.routine_id &&
         (!started || *started == existing.started_at);
}

boost::asio::awaitable<body_mass> body_mass_for(const body_mass_source& source,
                                                std::string user_id) {
  if (!source) {
    co_return body_mass{};
  }
  co_return co_await source(std::move(user_id));
}

boost::asio::awaitable<std::optional<instant>> fast_start_for(const running_fast_source& source,
                                                              std::string user_id) {
  if (!source) {
    co_return std::nullopt;
  }
  co_return co_await source(std::move(user_id));
}

}  // namespace session_rules

const char* future_time_problem(instant t, instant now) {
  using namespace session_rules;
  return t > now + session_time_rules::clock_skew ? "must not be in the future" : nullptr;
}

const char* start_time_problem(instant t, instant now) {
  using namespace session_rules;
  if (const char* p = future_time_problem(t, now)) {
    return p;
  }
  return clamp_now(t, now) < now - session_time_rules::max_backdate
             ? "may be at most 48 hours in the past"
             : nullptr;
}

service::service(pg::database& db, const clock& clock, session_sources sources)
    : db_(db), clock_(clock), sources_(std::move(sources)) {}

instant service::now() const {
  using namespace session_rules;
  return std::chrono::floor<seconds>(clock_.now());
}

boost::asio::awaitable<result<session>> service::start(std::string user_id, bool premium_caller,
                                                       start_request req) {
  using namespace session_rules;
  using namespace boost::asio::experimental::awaitable_operators;
  const instant t = now();
  std::optional<instant> asked;
  if (req.started_at) {
    if (const char* problem = start_time_problem(*req.started_at, t)) {
      co_return bad_field("started_at", problem);
    }
    asked = clamp_now(*req.started_at, t);
  }
  store::new_session row;
  row.id = req.id;
  row.started_at = asked.value_or(t);
  row.notes = req.notes;
  row.type = req.type.value_or("hiit");
  if (req.routine_id) {
    if (!sources_.routines) {
      // No library wired (tests of other parts): no routine is known.
      co_return not_found("RES_001", "No such routine");
    }
    auto routine = co_await sources_.routines(user_id, *req.routine_id, premium_caller);
    if (!routine) {
      co_return std::move(routine.error());
    }
    row.routine_id = routine->id;
    row.routine_name = routine->name;
    row.routine_snapshot_json = routine->snapshot_json;
  }
  // The two other modules' answers are independent: one await for both.
  auto both =
      body_mass_for(sources_.body_mass, user_id) && fast_start_for(sources_.running_fast, user_id);
  auto [mass, fast_start] = co_await std::move(both);
  row.body_mass_kg = mass.kg;
  row.kcal_estimated = mass.estimated;
  row.fasted = fast_start && *fast_start <= row.started_at;

  auto r = co_await store::insert_session(db_, user_id, row);
  if (r.value) {
    co_return std::move(*r.value);
  }
  if (r.why == store::refusal::id_taken) {
    // The offline phone's retry: the caller's own session with the same body is the answer.
    auto existing = co_await store::find_session(db_, user_id, *req.id);
    if (existing && same_start(*existing, req, row.type, asked)) {
      co_return std::move(*existing);
    }
  }
  co_return refusal_error(r.why);
}

boost::asio::awaitable<result<session>> service::get(std::string user_id, std::string id) {
  using namespace session_rules;
  auto found = co_await store::find_session(db_, std::move(user_id), std::move(id));
  if (!found) {
    co_return errors::session_not_found();
  }
  co_return std::move(*found);
}

boost::asio::awaitable<result<session>> service::update(std::string user_id, std::string id,
                                                        session_patch patch) {
  using namespace session_rules;
  const instant t = now();
  pg::transaction tx = co_await db_.begin();
  auto s = co_await store::lock_session(tx, user_id, id);
  if (!s) {
    co_return errors::session_not_found();
  }
  if (patch.act != session_patch::action::none && s->status != "in_progress") {
    co_return errors::session_finished();
  }
  if (patch.act == session_patch::action::pause && !s->paused_at) {
    s->paused_at = t;
  } else if (patch.act == session_patch::action::resume && s->paused_at) {
    s->paused_seconds =
        s->paused_seconds +
        std::max<std::int64_t>(0, std::chrono::duration_cast<seconds>(t - *s->paused_at).count());
    s->paused_at.reset();
  }
  if (patch.notes || patch.clear_notes) {
    s->notes = patch.notes;
  }
  if (patch.avg_heart_rate_bpm || patch.clear_heart_rate) {
    s->avg_heart_rate_bpm = patch.avg_heart_rate_bpm;
  }
  if (patch.perceived_exertion || patch.clear_exertion) {
    s->perceived_exertion = patch.perceived_exertion;
  }
  if (patch.touches_sets()) {
    auto written = co_await store::write_sets(tx, user_id, id, patch.sets, patch.removed_sets);
    if (!written.value) {
      co_return refusal_error(written.why);  // tx is dropped: rolled back
    }
    s->sets = std::move(*written.value);
  }
  s->kcal = energy_of(*s, t);
  s->updated_at = co_await store::save_session(tx, user_id, *s);
  co_await tx.commit();
  co_return std::move(*s);
}

boost::asio::awaitable<result<session>> service::finish(std::string user_id, std::string id,
                                                        std::optional<instant> ended_at,
                                                        bool complete) {
  using namespace session_rules;
  const instant t = now();
  instant at = t;
  if (ended_at) {
    if (const char* problem = future_time_problem(*ended_at, t)) {
      co_return bad_field("ended_at", problem);
    }
    at = clamp_now(*ended_at, t);
  }
  pg::transaction tx = co_await db_.begin();
  auto s = co_await store::lock_session(tx, user_id, id);
  if (!s) {
    co_return errors::session_not_found();
  }
  if (s->status != "in_progress") {
    co_return errors::session_finished();
  }
  // A cancel "now" of a session backdated by another instance's clock: never before the start.
  at = std::max(at, s->started_at);
  if (ended_at && *ended_at < s->started_at) {
    co_return bad_field("ended_at", "must not be before the workout's start");
  }
  std::int64_t active = active_at(*s, at);
  if (s->paused_at) {
    if (at > *s->paused_at) {
      s->paused_seconds += std::chrono::duration_cast<seconds>(at - *s->paused_at).count();
    }
    s->paused_at.reset();
  }
  const std::int64_t max_active = seconds(session_time_rules::max_active).count();
  if (complete && active > max_active) {
    co_return bad_field("ended_at",
                        "a workout lasts at most 24 hours of active time: send its real end");
  }
  s->status = complete ? "completed" : "cancelled";
  s->ended_at = at;
  s->active_seconds = std::min(active, max_active);
  s->kcal = energy_of(*s, at);
  s->updated_at = co_await store::save_session(tx, user_id, *s);
  co_await tx.commit();
  co_return std::move(*s);
}

boost::asio::awaitable<result<session>> service::complete(std::string user_id, std::string id,
                                                          std::optional<instant> ended_at) {
  using namespace session_rules;
  co_return co_await finish(std::move(user_id), std::move(id), ended_at, true);
}

boost::asio::awaitable<result<session>> service::cancel(std::string user_id, std::string id) {
  using namespace session_rules;
  co_return co_await finish(std::move(user_id), std::move(id), std::nullopt, false);
}

boost::asio::awaitable<history_page> service::history(std::string user_id, history_query q) {
  using namespace session_rules;
  co_return co_await store::history(db_, std::move(user_id), q);
}

boost::asio::awaitable<stats_report> service::stats(std::string user_id, stats_query q) {
  using namespace session_rules;
  auto in = co_await store::stats_rows(
      db_, std::move(user_id), time::format_date(std::chrono::year_month_day(q.from)),
      time::format_date(std::chrono::year_month_day(q.to)), q.fasted);
  stats_report r;
  r.query = q;
  r.rows = build_stats(q.from, q.to, q.bucket, in.sessions, in.volumes);
  co_return r;
}

boost::asio::awaitable<std::vector<exercise_records>> service::records(std::string user_id) {
  using namespace session_rules;
  auto sets = co_await store::record_sets(db_, std::move(user_id));
  co_return compute_records(sets);
}

boost::asio::awaitable<int> service::goal_of(std::string user_id) {
  using namespace session_rules;
  if (!sources_.weekly_goal) {
    co_return 3;
  }
  std::optional<int> goal = co_await sources_.weekly_goal(std::move(user_id));
  co_return std::max(1, goal.value_or(3));
}

boost::asio::awaitable<workout_streaks> service::streaks(std::string user_id) {
  using namespace session_rules;
  using namespace boost::asio::experimental::awaitable_operators;
  auto both = store::streak_days(db_, user_id, now()) && goal_of(user_id);
  auto [in, goal] = co_await std::move(both);
  co_return compute_workout_streaks(in.days, in.today, goal);
}

boost::asio::awaitable<std::vector<day_kcal>> service::kcal_by_day(std::string user_id,
                                                                   std::string from,
                                                                   std::string to) {
  using namespace session_rules;
  co_return co_await store::kcal_by_day(db_, std::move(user_id), std::move(from), std::move(to));
}

boost::asio::awaitable<week_summary> service::this_week(std::string user_id) {
  using namespace session_rules;
  using namespace boost::asio::experimental::awaitable_operators;
  auto both = store::this_week(db_, user_id, now()) && goal_of(user_id);
  auto [w, goal] = co_await std::move(both);
  w.goal_sessions = goal;
  co_return w;
}

boost::asio::awaitable<std::string> service::export_part(std::string user_id) {
  using namespace session_rules;
  std::string stored = co_await store::export_part(db_, std::move(user_id));
  co_return dto::render_export(stored);
}

}  // namespace ugoki::workouts
