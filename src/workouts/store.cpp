// SQL for workout sessions and sets, as named statements (the name is the prepared-statement
// name). Instants travel as RFC 3339 text in and PostgreSQL's UTC text out (pg::timestamp_us).
#include "workouts/store.hpp"

#include <cstdio>

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::workouts::store {

// Named rather than anonymous: unity builds compile this file in one batch with the library
// part's files, whose statements and helpers may share these names.
namespace session_sql {

// Session rows come back as 22 columns (read_session), in the same order in every statement;
// set rows as read_set's 13. Each statement spells its columns out, so the SQL reads as it runs.
constexpr pg::statement insert_sql{"workouts.session_insert", R"(
WITH z AS (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')
                  AS name)
INSERT INTO workout_sessions AS s (id, user_id, type, routine_id, routine_name,
                                   routine_snapshot, started_at, fasted, body_mass_kg,
                                   kcal_estimated, notes, timezone, local_date, calories_burned)
SELECT coalesce($2::uuid, gen_random_uuid()), $1::uuid, $3, $4::uuid, $5, $6::jsonb,
       $7::timestamptz, $8::bool, $9::numeric, $10::bool, $11, z.name,
       ($7::timestamptz AT TIME ZONE z.name)::date, 0
FROM z
ON CONFLICT (id) DO NOTHING
RETURNING s.id::text, s.type, s.routine_id::text, s.routine_name, s.routine_snapshot::text,
          s.status, s.paused_at, s.started_at, s.completed_at, s.paused_seconds,
          s.duration_seconds::int8, s.fasted, s.calories_burned, s.body_mass_kg::float8,
          s.kcal_estimated, s.perceived_exertion::int4, s.avg_heart_rate_bpm::int4, s.notes,
          s.timezone, s.local_date::text, s.created_at, s.updated_at)"};

constexpr pg::statement find_sql{"workouts.session_find", R"(
SELECT s.id::text, s.type, s.routine_id::text, s.routine_name, s.routine_snapshot::text,
       s.status, s.paused_at, s.started_at, s.completed_at, s.paused_seconds,
       s.duration_seconds::int8, s.fasted, s.calories_burned, s.body_mass_kg::float8,
       s.kcal_estimated, s.perceived_exertion::int4, s.avg_heart_rate_bpm::int4, s.notes,
       s.timezone, s.local_date::text, s.created_at, s.updated_at
FROM workout_sessions s
WHERE s.id = $2::uuid AND s.user_id = $1::uuid AND s.deleted_at IS NULL)"};

constexpr pg::statement lock_sql{"workouts.session_lock", R"(
SELECT s.id::text, s.type, s.routine_id::text, s.routine_name, s.routine_snapshot::text,
       s.status, s.paused_at, s.started_at, s.completed_at, s.paused_seconds,
       s.duration_seconds::int8, s.fasted, s.calories_burned, s.body_mass_kg::float8,
       s.kcal_estimated, s.perceived_exertion::int4, s.avg_heart_rate_bpm::int4, s.notes,
       s.timezone, s.local_date::text, s.created_at, s.updated_at
FROM workout_sessions s
WHERE s.id = $2::uuid AND s.user_id = $1::uuid AND s.deleted_at IS NULL
FOR UPDATE)"};

// Served by the UNIQUE (user_id, session_id, round, position) index.
constexpr pg::statement sets_sql{"workouts.session_sets", R"(
SELECT l.exercise_id::text, l.round::int4, l.position::int4, l.reps, l.weight_kg::float8,
       l.duration_seconds, l.rest_seconds, l.distance_m::float8, l.rpe::int4, l.completed,
       e.name, e.met_value::float8, l.updated_at
FROM exercise_logs l JOIN exercises e ON e.id = l.exercise_id
WHERE l.user_id = $1::uuid AND l.session_id = $2::uuid
ORDER BY l.round, l.position)"};

constexpr pg::statement delete_sets_sql{"workouts.session_delete_sets", R"(
DELETE FROM exercise_logs
WHERE user_id = $1::uuid AND session_id = $2::uuid
  AND (round, position) IN (SELECT r::int2, p::int2 FROM unnest($3::int4[], $4::int4[]) AS t(r, p)))"};

// One row per slot from parallel arrays (NULL elements for absent values); a resent slot
// updates in place, so resending the same PATCH never duplicates a set.
constexpr pg::statement upsert_sets_sql{"workouts.session_upsert_sets", R"(
INSERT INTO exercise_logs (user_id, session_id, exercise_id, round, position, reps, weight_kg,
                           duration_seconds, rest_seconds, distance_m, rpe, completed)
SELECT $1::uuid, $2::uuid, t.exercise_id, t.round, t.position, t.reps, t.weight_kg,
       t.duration_seconds, t.rest_seconds, t.distance_m, t.rpe, t.completed
FROM unnest($3::uuid[], $4::int2[], $5::int2[], $6::int4[], $7::numeric[], $8::int4[],
            $9::int4[], $10::numeric[], $11::int2[], $12::bool[])
     AS t(exercise_id, round, position, reps, weight_kg, duration_seconds, rest_seconds,
          distance_m, rpe, completed)
ON CONFLICT (user_id, session_id, round, position) DO UPDATE
SET exercise_id = EXCLUDED.exercise_id, reps = EXCLUDED.reps, weight_kg = EXCLUDED.weight_kg,
    duration_seconds = EXCLUDED.duration_seconds, rest_seconds = EXCLUDED.rest_seconds,
    distance_m = EXCLUDED.distance_m, rpe = EXCLUDED.rpe, completed = EXCLUDED.completed)"};

constexpr pg::statement save_sql{"workouts.session_save", R"(
UPDATE workout_sessions
SET status = $3, completed_at = $4::timestamptz, duration_seconds = $5::int4,
    paused_at = $6::timestamptz, paused_seconds = $7::int4, notes = $8,
    avg_heart_rate_bpm = $9::int2, perceived_exertion = $10::int2, calories_burned = $11::int4
WHERE id = $2::uuid AND user_id = $1::uuid
RETURNING updated_at)"};

// Keyset pagination on workout_sessions_history_idx, as fasting's history: the first page
// passes ('infinity', max uuid) so every page has the same plan. local_date is the start's date
// in the session's zone, so the date filters are plain comparisons.
constexpr pg::statement history_sql{"workouts.session_history", R"(
SELECT s.id::text, s.type, s.routine_id::text, s.routine_name, '{}'::text, s.status,
       s.paused_at, s.started_at, s.completed_at, s.paused_seconds, s.duration_seconds::int8,
       s.fasted, s.calories_burned, s.body_mass_kg::float8, s.kcal_estimated,
       s.perceived_exertion::int4, s.avg_heart_rate_bpm::int4, s.notes, s.timezone,
       s.local_date::text, s.created_at, s.updated_at
FROM workout_sessions s
WHERE s.user_id = $1::uuid AND s.deleted_at IS NULL
  AND (s.started_at, s.id) < ($2::timestamptz, $3::uuid)
  AND ($4::date IS NULL OR s.local_date >= $4::date)
  AND ($5::date IS NULL OR s.local_date <= $5::date)
  AND ($6::text IS NULL OR s.type = $6::text)
  AND ($7::uuid IS NULL OR s.routine_id = $7::uuid)
  AND ($8::bool IS NULL OR s.fasted = $8::bool)
  AND ($9::text IS NULL OR s.status = $9::text)
ORDER BY s.started_at DESC, s.id DESC LIMIT $10::int4)"};

constexpr pg::statement stats_sessions_sql{"workouts.stats_sessions", R"(
SELECT local_date::text, coalesce(duration_seconds, 0)::int8, coalesce(calories_burned, 0)
FROM workout_sessions
WHERE user_id = $1::uuid AND status = 'completed' AND deleted_at IS NULL
  AND local_date BETWEEN $2::date AND $3::date AND ($4::bool IS NULL OR fasted = $4::bool))"};

// Volume credited in full to each muscle group the exercise lists.
constexpr pg::statement stats_volume_sql{"workouts.stats_volume", R"(
SELECT s.local_date::text, g.muscle, sum(l.reps * l.weight_kg)::float8
FROM workout_sessions s
JOIN exercise_logs l ON l.user_id = s.user_id AND l.session_id = s.id
JOIN exercises e ON e.id = l.exercise_id
CROSS JOIN LATERAL jsonb_array_elements_text(e.muscle_groups) AS g(muscle)
WHERE s.user_id = $1::uuid AND s.status = 'completed' AND s.deleted_at IS NULL
  AND s.local_date BETWEEN $2::date AND $3::date AND ($4::bool IS NULL OR s.fasted = $4::bool)
  AND l.completed AND l.reps > 0 AND l.weight_kg > 0
GROUP BY s.local_date, g.muscle)"};

constexpr pg::statement record_sets_sql{"workouts.record_sets", R"(
SELECT l.exercise_id::text, e.name, s.id::text, s.started_at, l.reps, l.weight_kg::float8,
       l.duration_seconds
FROM workout_sessions s
JOIN exercise_logs l ON l.user_id = s.user_id AND l.session_id = s.id
JOIN exercises e ON e.id = l.exercise_id
WHERE s.user_id = $1::uuid AND s.status = 'completed' AND s.deleted_at IS NULL AND l.completed
  AND (l.reps > 0 OR l.weight_kg > 0 OR l.duration_seconds > 0))"};

// Served by workout_sessions_local_date_idx.
constexpr pg::statement streak_days_sql{"workouts.streak_days", R"(
SELECT ($2::timestamptz AT TIME ZONE
          coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC'))::date::text,
       coalesce((SELECT array_agg(local_date ORDER BY local_date)::text[] FROM workout_sessions
                  WHERE user_id = $1::uuid AND status = 'completed' AND deleted_at IS NULL),
                '{}')::text)"};

constexpr pg::statement kcal_by_day_sql{"workouts.kcal_by_day", R"(
SELECT local_date::text, sum(coalesce(calories_burned, 0))::int4, count(*)::int4
FROM workout_sessions
WHERE user_id = $1::uuid AND status = 'completed' AND deleted_at IS NULL
  AND local_date BETWEEN $2::date AND $3::date
GROUP BY local_date ORDER BY local_date)"};

// The ISO week's Monday: date_trunc('week') of the local timestamp (ISO weeks start on Monday).
constexpr pg::statement this_week_sql{"workouts.this_week", R"(
WITH w AS (SELECT date_trunc('week', $2::timestamptz AT TIME ZONE
          coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC'))::date
          AS monday)
SELECT w.monday::text, count(s.id)::int4, coalesce(sum(s.duration_seconds), 0)::int8,
       coalesce(sum(s.calories_burned), 0)::int4
FROM w LEFT JOIN workout_sessions s ON s.user_id = $1::uuid AND s.status = 'completed'
  AND s.deleted_at IS NULL AND s.local_date >= w.monday AND s.local_date < w.monday + 7
GROUP BY w.monday)"};

// to_jsonb: every column, so a column a migration adds is exported without a change here.
constexpr pg::statement export_sql{"workouts.export", R"(
SELECT jsonb_build_object(
  'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                 FROM workout_sessions t WHERE t.user_id = $1::uuid),
  'exercise_logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id'
                                              ORDER BY t.created_at), '[]')
                      FROM exercise_logs t WHERE t.user_id = $1::uuid))::text)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

instant stamp(const pg::row& r, int col) {
  return from_us(r.get<pg::timestamp_us>(col).value);
}

std::optional<instant> maybe_stamp(const pg::row& r, int col) {
  if (auto t = r.get<std::optional<pg::timestamp_us>>(col)) {
    return from_us(t->value);
  }
  return std::nullopt;
}

std::string instant_text(instant t) {
  return time::format_rfc3339(t);
}

std::optional<std::string> maybe_text(const std::optional<instant>& t) {
  if (!t) {
    return std::nullopt;
  }
  return instant_text(*t);
}

std::chrono::sys_days day_of(std::string_view text) {
  auto d = time::parse_date(text);
  if (!d) {
    throw pg::error("", "workouts: a date column did not parse");
  }
  return std::chrono::sys_days(*d);
}

session read_session(const pg::row& r) {
  session s;
  s.id = r.get<std::string>(0);
  s.type = r.get<std::string>(1);
  s.routine_id = r.get<std::optional<std::string>>(2);
  s.routine_name = r.get<std::optional<std::string>>(3);
  s.routine_snapshot_json = r.get<std::string>(4);
  s.status = r.get<std::string>(5);
  s.paused_at = maybe_stamp(r, 6);
  s.started_at = stamp(r, 7);
  s.ended_at = maybe_stamp(r, 8);
  s.paused_seconds = r.get<std::int64_t>(9);
  s.active_seconds = r.get<std::optional<std::int64_t>>(10);
  s.fasted = r.get<bool>(11);
  s.kcal = r.get<std::optional<int>>(12);
  s.body_mass_kg = r.get<double>(13);
  s.kcal_estimated = r.get<bool>(14);
  s.perceived_exertion = r.get<std::optional<int>>(15);
  s.avg_heart_rate_bpm = r.get<std::optional<int>>(16);
  s.notes = r.get<std::optional<std::string>>(17);
  s.timezone = r.get<std::string>(18);
  s.local_date = r.get<std::string>(19);
  s.created_at = stamp(r, 20);
  s.updated_at = stamp(r, 21);
  return s;
}

stored_set read_set(const pg::row& r) {
  stored_set st;
  st.s.exercise_id = r.get<std::string>(0);
  st.s.round = r.get<int>(1);
  st.s.position = r.get<int>(2);
  st.s.reps = r.get<std::optional<int>>(3);
  st.s.weight_kg = r.get<std::optional<double>>(4);
  st.s.duration_seconds = r.get<std::optional<int>>(5);
  st.s.rest_seconds = r.get<std::optional<int>>(6);
  st.s.distance_m = r.get<std::optional<double>>(7);
  st.s.rpe = r.get<std::optional<int>>(8);
  st.s.completed = r.get<bool>(9);
  st.exercise_name = r.get<std::string>(10);
  st.met = r.get<double>(11);
  st.updated_at = stamp(r, 12);
  return st;
}

std::vector<stored_set> read_sets(const pg::result& rows) {
  std::vector<stored_set> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back(read_set(row));
  }
  return out;
}

std::optional<session> with_sets(const pg::result& session_rows, const pg::result& set_rows) {
  if (session_rows.empty()) {
    return std::nullopt;
  }
  session s = read_session(session_rows[0]);
  s.sets = read_sets(set_rows);
  return s;
}

// A PostgreSQL array literal of `values`, NULL for absent ones. Only numbers, booleans and
// UUIDs the parser checked go through here, so nothing needs quoting.
template <class T, class F>
std::string array_of(const std::vector<set_log>& sets, F field) {
  std::string out = "{";
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    std::optional<T> v = field(sets[i]);
    if (!v) {
      out += "NULL";
    } else if constexpr (std::is_same_v<T, bool>) {
      out += *v ? "true" : "false";
    } else if constexpr (std::is_same_v<T, std::string>) {
      out += *v;
    } else {
      out += pg::params{*v}.at(0).value();
    }
  }
  out += '}';
  return out;
}

std::string slots_of(const std::vector<set_slot>& slots, bool round) {
  std::string out = "{";
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += std::to_string(round ? slots[i].round : slots[i].position);
  }
  out += '}';
  return out;
}

// The constraint names of migrations/0022; anything else is a bug and propagates.
refusal classify(const pg::error& e) {
  if (e.is_unique_violation() && e.constraint() == "workout_sessions_one_active_key") {
    return refusal::active_exists;
  }
  if (e.is_exclusion_violation() && e.constraint() == "workout_sessions_no_overlap") {
    return refusal::overlap;
  }
  if (e.is_foreign_key_violation() && e.constraint() == "exercise_logs_exercise_id_fkey") {
    return refusal::unknown_exercise;
  }
  return refusal::none;
}

}  // namespace session_sql

boost::asio::awaitable<write_result<session>> insert_session(pg::database& db, std::string user_id,
                                                             const new_session& s) {
  using namespace session_sql;
  pg::params args{user_id,
                  s.id,
                  s.type,
                  s.routine_id,
                  s.routine_name,
                  s.routine_snapshot_json,
                  instant_text(s.started_at),
                  s.fasted,
                  s.body_mass_kg,
                  s.kcal_estimated,
                  s.notes};
  write_result<session> out;
  try {
    auto rows = co_await db.query(insert_sql, args);
    if (rows.empty()) {
      out.why = refusal::id_taken;
    } else {
      out.value = read_session(rows[0]);
    }
  } catch (const pg::error& e) {
    out.why = classify(e);
    if (out.why == refusal::none) {
      throw;
    }
  }
  co_return out;
}

boost::asio::awaitable<std::optional<session>> find_session(pg::database& db, std::string user_id,
                                                            std::string id) {
  using namespace session_sql;
  std::vector<pg::command> commands;
  commands.push_back({&find_sql, pg::params{user_id, id}});
  commands.push_back({&sets_sql, pg::params{user_id, id}});
  auto results = co_await db.pipeline(commands);
  co_return with_sets(results[0], results[1]);
}

boost::asio::awaitable<std::optional<session>> lock_session(pg::transaction& tx,
                                                            const std::string& user_id,
                                                            const std::string& id) {
  using namespace session_sql;
  std::vector<pg::command> commands;
  commands.push_back({&lock_sql, pg::params{user_id, id}});
  commands.push_back({&sets_sql, pg::params{user_id, id}});
  auto results = co_await tx.pipeline(commands);
  co_return with_sets(results[0], results[1]);
}

boost::asio::awaitable<write_result<std::vector<stored_set>>> write_sets(
    pg::transaction& tx, const std::string& user_id, const std::string& id,
    const std::vector<set_log>& sets, const std::vector<set_slot>& removed) {
  using namespace session_sql;
  std::vector<pg::command> commands;
  if (!removed.empty()) {
    commands.push_back({&delete_sets_sql, pg::params{user_id, id, slots_of(removed, true),
                                                     slots_of(removed, false)}});
  }
  if (!sets.empty()) {
    pg::params args{user_id, id};
    args.add(array_of<std::string>(
        sets, [](const set_log& s) { return std::optional<std::string>(s.exercise_id); }));
    args.add(array_of<int>(sets, [](const set_log& s) { return std::optional<int>(s.round); }));
    args.add(array_of<int>(sets, [](const set_log& s) { return std::optional<int>(s.position); }));
    args.add(array_of<int>(sets, [](const set_log& s) { return s.reps; }));
    args.add(array_of<double>(sets, [](const set_log& s) { return s.weight_kg; }));
    args.add(array_of<int>(sets, [](const set_log& s) { return s.duration_seconds; }));
    args.add(array_of<int>(sets, [](const set_log& s) { return s.rest_seconds; }));
    args.add(array_of<double>(sets, [](const set_log& s) { return s.distance_m; }));
    args.add(array_of<int>(sets, [](const set_log& s) { return s.rpe; }));
    args.add(
        array_of<bool>(sets, [](const set_log& s) { return std::optional<bool>(s.completed); }));
    commands.push_back({&upsert_sets_sql, std::move(args)});
  }
  commands.push_back({&sets_sql, pg::params{user_id, id}});
  write_result<std::vector<stored_set>> out;
  try {
    auto results = co_await tx.pipeline(commands);
    out.value = read_sets(results.back());
  } catch (const pg::error& e) {
    out.why = classify(e);
    if (out.why == refusal::none) {
      throw;
    }
  }
  co_return out;
}

boost::asio::awaitable<instant> save_session(pg::transaction& tx, const std::string& user_id,
                                             const session& s) {
  using namespace session_sql;
  std::optional<std::int64_t> kcal;
  if (s.kcal) {
    kcal = *s.kcal;
  }
  pg::params args{user_id,
                  s.id,
                  s.status,
                  maybe_text(s.ended_at),
                  s.active_seconds,
                  maybe_text(s.paused_at),
                  s.paused_seconds,
                  s.notes,
                  s.avg_heart_rate_bpm,
                  s.perceived_exertion,
                  kcal};
  auto rows = co_await tx.query(save_sql, args);
  co_return stamp(rows[0], 0);
}

boost::asio::awaitable<history_page> history(pg::database& db, std::string user_id,
                                             const history_query& q) {
  using namespace session_sql;
  std::string after =
      q.after_started_us ? time::format_rfc3339_micros(*q.after_started_us) : "infinity";
  std::string after_id = q.after_id.value_or("ffffffff-ffff-ffff-ffff-ffffffffffff");
  pg::params args{user_id, after,        after_id, q.from,   q.to,
                  q.type,  q.routine_id, q.fasted, q.status, q.limit + 1};
  auto rows = co_await db.query(history_sql, args);
  history_page page;
  for (const auto& row : rows) {
    if (page.items.size() == static_cast<std::size_t>(q.limit)) {
      page.has_more = true;
      break;
    }
    page.items.push_back(read_session(row));
  }
  co_return page;
}

boost::asio::awaitable<stats_input> stats_rows(pg::database& db, std::string user_id,
                                               std::string from, std::string to,
                                               std::optional<bool> fasted) {
  using namespace session_sql;
  std::vector<pg::command> commands;
  commands.push_back({&stats_sessions_sql, pg::params{user_id, from, to, fasted}});
  commands.push_back({&stats_volume_sql, pg::params{user_id, from, to, fasted}});
  auto results = co_await db.pipeline(commands);
  stats_input in;
  for (const auto& row : results[0]) {
    in.sessions.push_back(
        {day_of(row.get<std::string_view>(0)), row.get<std::int64_t>(1), row.get<int>(2)});
  }
  for (const auto& row : results[1]) {
    in.volumes.push_back(
        {day_of(row.get<std::string_view>(0)), row.get<std::string>(1), row.get<double>(2)});
  }
  co_return in;
}

boost::asio::awaitable<std::vector<record_set>> record_sets(pg::database& db, std::string user_id) {
  using namespace session_sql;
  auto rows = co_await db.query(record_sets_sql, pg::params{user_id});
  std::vector<record_set> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                   stamp(row, 3), row.get<std::optional<int>>(4), row.get<std::optional<double>>(5),
                   row.get<std::optional<int>>(6)});
  }
  co_return out;
}

boost::asio::awaitable<streak_input> streak_days(pg::database& db, std::string user_id,
                                                 instant now) {
  using namespace session_sql;
  auto rows = co_await db.query(streak_days_sql, pg::params{user_id, instant_text(now)});
  streak_input in;
  in.today = day_of(rows[0].get<std::string_view>(0));
  // text[] of dates: {2026-03-01,2026-03-02}; dates need no quoting.
  std::string_view list = rows[0].get<std::string_view>(1);
  list.remove_prefix(1);
  list.remove_suffix(1);
  while (!list.empty()) {
    auto comma = list.find(',');
    in.days.push_back(day_of(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  co_return in;
}

boost::asio::awaitable<std::vector<day_kcal>> kcal_by_day(pg::database& db, std::string user_id,
                                                          std::string from, std::string to) {
  using namespace session_sql;
  auto rows = co_await db.query(kcal_by_day_sql, pg::params{user_id, from, to});
  std::vector<day_kcal> out;
  for (const auto& row : rows) {
    out.push_back({row.get<std::string>(0), row.get<int>(1), row.get<int>(2)});
  }
  co_return out;
}

boost::asio::awaitable<week_summary> this_week(pg::database& db, std::string user_id, instant now) {
  using namespace session_sql;
  auto rows = co_await db.query(this_week_sql, pg::params{user_id, instant_text(now)});
  week_summary w;
  w.week_start = rows[0].get<std::string>(0);
  w.sessions = rows[0].get<int>(1);
  w.active_seconds = rows[0].get<std::int64_t>(2);
  w.kcal = rows[0].get<int>(3);
  co_return w;
}

boost::asio::awaitable<std::string> export_part(pg::database& db, std::string user_id) {
  using namespace session_sql;
  std::vector<pg::command> commands;
  commands.push_back({&pg::utc_for_this_transaction, pg::params{}});
  commands.push_back({&export_sql, pg::params{user_id}});
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::workouts::store
