// SQL of the workout library, as named statements. jsonb string arrays come back joined with
// the unit separator (U+001F, never in our text) so this file needs no JSON parser.
#include "workouts/library_store.hpp"

#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "core/pg/database.hpp"

namespace ugoki::workouts::store {

namespace {

constexpr pg::statement version_sql{"workouts.reference_version", R"(
SELECT version FROM workout_reference_version)"};

constexpr pg::statement exercises_sql{"workouts.load_exercises", R"(
SELECT x.id::text, x.slug, x.name, x.description,
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(x.instructions) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(x.muscle_groups) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(x.equipment) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(x.aliases) WITH ORDINALITY a(v, n)),
       x.difficulty, x.category, x.met_value::float8, x.met_source, x.is_unilateral,
       x.video_url, x.thumbnail_url, x.sort_order, x.is_active
FROM exercises x ORDER BY x.sort_order, x.id)"};

// Each exercise's translations, one row per language (migration 0035): the fields a translation
// leaves out come back NULL (served in English), instructions joined like the arrays above.
constexpr pg::statement translations_sql{"workouts.load_exercise_translations", R"(
SELECT x.id::text, t.language, t.v->>'name', t.v->>'description',
       CASE WHEN jsonb_typeof(t.v->'instructions') = 'array' THEN
         (SELECT coalesce(string_agg(s, E'\x1f' ORDER BY n), '')
          FROM jsonb_array_elements_text(t.v->'instructions') WITH ORDINALITY a(s, n)) END
FROM exercises x CROSS JOIN jsonb_each(x.translations) t(language, v)
WHERE jsonb_typeof(t.v) = 'object'
ORDER BY x.id, t.language)"};

constexpr pg::statement routines_sql{"workouts.load_routines", R"(
SELECT r.id::text, r.slug, r.name, r.description, r.difficulty, r.category, r.rounds,
       r.rest_between_rounds_seconds, r.is_premium,
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY v), '')
        FROM jsonb_array_elements_text(r.equipment) a(v)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.goals) WITH ORDINALITY a(v, n))
       , r.sort_order
FROM workout_routines r WHERE r.is_active ORDER BY r.sort_order, r.name, r.id)"};

// Main slots rest the routine's rest_seconds after each (the last one's is replaced by the rest
// between rounds: routine_rules.hpp); warm-up and cool-down slots run back to back.
constexpr pg::statement slots_sql{"workouts.load_routine_slots", R"(
SELECT s.routine_id::text, s.block, s.position, s.exercise_id::text,
       CASE WHEN s.reps IS NOT NULL AND r.category = 'emom' THEN r.work_seconds
            WHEN s.reps IS NOT NULL THEN s.work_seconds
            ELSE coalesce(s.work_seconds, r.work_seconds) END,
       s.reps, CASE WHEN s.block = 'main' THEN r.rest_seconds ELSE 0 END, s.notes
FROM workout_routine_exercises s JOIN workout_routines r ON r.id = s.routine_id
WHERE r.is_active
ORDER BY s.routine_id, array_position(ARRAY['warm_up', 'main', 'cool_down'], s.block),
         s.position)"};

constexpr pg::statement own_routines_sql{"workouts.own_routines", R"(
SELECT id::text, name, description, rounds, rest_between_rounds_seconds, created_at, updated_at
FROM user_workout_routines
WHERE user_id = $1::uuid AND ($2::uuid IS NULL OR id = $2::uuid)
ORDER BY created_at, id)"};

// A page of own routines on user_workout_routines_owner (user_id, created_at, id); the first
// page passes ('-infinity', nil uuid). The intervals statement selects the same page again
// (a routine created in between sorts after it, so both see the same rows).
constexpr pg::statement own_page_sql{"workouts.own_routine_page", R"(
SELECT id::text, name, description, rounds, rest_between_rounds_seconds, created_at, updated_at
FROM user_workout_routines
WHERE user_id = $1::uuid AND (created_at, id) > ($2::timestamptz, $3::uuid)
ORDER BY created_at, id LIMIT $4::int4)"};

constexpr pg::statement own_page_intervals_sql{"workouts.own_routine_page_intervals", R"(
SELECT routine_id::text, block, position, exercise_id::text, work_seconds, reps, rest_seconds,
       rounds, notes
FROM user_workout_routine_intervals
WHERE user_id = $1::uuid AND routine_id IN (
  SELECT id FROM user_workout_routines
  WHERE user_id = $1::uuid AND (created_at, id) > ($2::timestamptz, $3::uuid)
  ORDER BY created_at, id LIMIT $4::int4)
ORDER BY routine_id, array_position(ARRAY['warm_up', 'main', 'cool_down'], block), position)"};

constexpr pg::statement own_intervals_sql{"workouts.own_intervals", R"(
SELECT routine_id::text, block, position, exercise_id::text, work_seconds, reps, rest_seconds,
       rounds, notes
FROM user_workout_routine_intervals
WHERE user_id = $1::uuid AND ($2::uuid IS NULL OR routine_id = $2::uuid)
ORDER BY routine_id, array_position(ARRAY['warm_up', 'main', 'cool_down'], block), position)"};

// Creates of one user's routines take turns: the count below runs after the lock is held (its
// own statement, so its own snapshot), so two creates racing at 99 cannot both pass. Released
// at the end of the implicit transaction of the pipeline.
constexpr pg::statement lock_own_sql{"workouts.lock_own_routines", R"(
SELECT pg_advisory_xact_lock(hashtextextended('workouts.own_routines:' || $1, 0)))"};

// Creates nothing at the limit (the routine count is checked in the statement).
constexpr pg::statement create_own_sql{"workouts.create_own", R"(
WITH r AS (
  INSERT INTO user_workout_routines (user_id, name, description, rounds,
                                     rest_between_rounds_seconds)
  SELECT $1::uuid, $2, $3, $4, $5
  WHERE (SELECT count(*) FROM user_workout_routines WHERE user_id = $1::uuid) < $6
  RETURNING id, user_id, created_at, updated_at),
i AS (
  INSERT INTO user_workout_routine_intervals (user_id, routine_id, position, block, exercise_id,
                                              work_seconds, reps, rest_seconds, rounds, notes)
  SELECT r.user_id, r.id, u.position, u.block, u.exercise_id, u.work_seconds, u.reps,
         u.rest_seconds, u.rounds, u.notes
  FROM r, unnest($7::int[], $8::text[], $9::uuid[], $10::int[], $11::int[], $12::int[],
                 $13::int[], $14::text[])
          AS u(position, block, exercise_id, work_seconds, reps, rest_seconds, rounds, notes)
  RETURNING 1)
SELECT id::text, created_at, updated_at, (SELECT count(*) FROM i) FROM r)"};

// $3: name or NULL to keep; $4: replace the description (with $5, NULL clears it).
constexpr pg::statement update_own_sql{"workouts.update_own", R"(
UPDATE user_workout_routines
SET name = coalesce($3, name),
    description = CASE WHEN $4::bool THEN $5 ELSE description END,
    rounds = coalesce($6::int, rounds),
    rest_between_rounds_seconds = coalesce($7::int, rest_between_rounds_seconds),
    updated_at = now()
WHERE id = $2::uuid AND user_id = $1::uuid)"};

constexpr pg::statement clear_intervals_sql{"workouts.clear_own_intervals", R"(
DELETE FROM user_workout_routine_intervals WHERE routine_id = $2::uuid AND user_id = $1::uuid)"};

// Inserts nothing for another user's routine (the composite FK would refuse it anyway).
constexpr pg::statement insert_intervals_sql{"workouts.insert_own_intervals", R"(
INSERT INTO user_workout_routine_intervals (user_id, routine_id, position, block, exercise_id,
                                            work_seconds, reps, rest_seconds, rounds, notes)
SELECT $1::uuid, $2::uuid, u.position, u.block, u.exercise_id, u.work_seconds, u.reps,
       u.rest_seconds, u.rounds, u.notes
FROM unnest($3::int[], $4::text[], $5::uuid[], $6::int[], $7::int[], $8::int[], $9::int[],
            $10::text[])
     AS u(position, block, exercise_id, work_seconds, reps, rest_seconds, rounds, notes)
WHERE EXISTS (SELECT 1 FROM user_workout_routines
              WHERE id = $2::uuid AND user_id = $1::uuid))"};

constexpr pg::statement delete_own_sql{"workouts.delete_own", R"(
DELETE FROM user_workout_routines WHERE id = $2::uuid AND user_id = $1::uuid)"};

// to_jsonb: every column, so a column a migration adds is exported without a change here.
constexpr pg::statement export_own_sql{"workouts.export_own", R"(
SELECT coalesce(jsonb_agg(
         (to_jsonb(r) - 'user_id') || jsonb_build_object('intervals', (
           SELECT coalesce(jsonb_agg(to_jsonb(i) - 'user_id' - 'routine_id'
                                     ORDER BY i.position), '[]')
           FROM user_workout_routine_intervals i WHERE i.routine_id = r.id))
         ORDER BY r.created_at, r.id), '[]')::text
FROM user_workout_routines r WHERE r.user_id = $1::uuid)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

// A PostgreSQL array literal of the values, NULL for absent ones; text is quoted and escaped.
template <class T, class Get>
std::string array_of(const std::vector<interval>& items, Get get) {
  std::string out = "{";
  for (std::size_t n = 0; n < items.size(); ++n) {
    if (n > 0) {
      out += ',';
    }
    std::optional<T> v = get(items[n]);
    if (!v) {
      out += "NULL";
    } else if constexpr (std::is_same_v<T, std::string>) {
      out += '"';
      for (char c : *v) {
        if (c == '"' || c == '\\') {
          out += '\\';
        }
        out += c;
      }
      out += '"';
    } else {
      out += std::to_string(*v);
    }
  }
  out += '}';
  return out;
}

// The eight array parameters of the interval inserts, after `args`' first ones.
void add_interval_arrays(pg::params& args, const std::vector<interval>& items) {
  using opt_int = std::optional<int>;
  using opt_text = std::optional<std::string>;
  args.add(array_of<int>(items, [](const interval& i) { return opt_int(i.position); }));
  args.add(array_of<std::string>(items, [](const interval& i) { return opt_text(i.block); }));
  args.add(array_of<std::string>(items, [](const interval& i) { return opt_text(i.exercise_id); }));
  args.add(array_of<int>(items, [](const interval& i) { return i.work_seconds; }));
  args.add(array_of<int>(items, [](const interval& i) { return i.reps; }));
  args.add(array_of<int>(items, [](const interval& i) { return opt_int(i.rest_seconds); }));
  args.add(array_of<int>(items, [](const interval& i) { return opt_int(i.rounds); }));
  args.add(array_of<std::string>(items, [](const interval& i) { return i.notes; }));
}

interval read_interval(const pg::row& row) {
  interval i;
  i.block = row.get<std::string>(1);
  i.position = row.get<int>(2);
  i.exercise_id = row.get<std::string>(3);
  i.work_seconds = row.get<std::optional<int>>(4);
  i.reps = row.get<std::optional<int>>(5);
  i.rest_seconds = row.get<int>(6);
  if (row.size() > 8) {
    i.rounds = row.get<int>(7);
    i.notes = row.get<std::optional<std::string>>(8);
  } else {
    i.notes = row.get<std::optional<std::string>>(7);
  }
  return i;
}

// Own routine rows with their interval rows (both ordered), joined by routine id.
std::vector<routine> read_own(const std::string& user_id, const pg::result& routines,
                              const pg::result& intervals) {
  std::vector<routine> out;
  std::unordered_map<std::string, std::size_t> index;
  for (auto row : routines) {
    routine r;
    r.id = row.get<std::string>(0);
    r.owner = user_id;
    r.name = row.get<std::string>(1);
    r.description = row.get<std::optional<std::string>>(2);
    r.rounds = row.get<int>(3);
    r.rest_between_rounds_seconds = row.get<int>(4);
    r.created_at = from_us(row.get<pg::timestamp_us>(5).value);
    r.updated_at = from_us(row.get<pg::timestamp_us>(6).value);
    index[r.id] = out.size();
    out.push_back(std::move(r));
  }
  for (auto row : intervals) {
    auto it = index.find(std::string(row.text(0)));
    if (it != index.end()) {
      out[it->second].intervals.push_back(read_interval(row));
    }
  }
  return out;
}

}  // namespace

boost::asio::awaitable<std::int64_t> reference_version(pg::database& db) {
  auto rows = co_await db.query(version_sql);
  co_return rows[0].get<std::int64_t>(0);
}

boost::asio::awaitable<catalogue> load_catalogue(pg::database& db) {
  std::vector<pg::command> commands{{&version_sql, {}},
                                    {&exercises_sql, {}},
                                    {&routines_sql, {}},
                                    {&slots_sql, {}},
                                    {&translations_sql, {}}};
  auto results = co_await db.pipeline(commands);
  catalogue lib;
  lib.version = results[0][0].get<std::int64_t>(0);
  for (auto row : results[1]) {
    exercise e;
    e.id = row.get<std::string>(0);
    e.slug = row.get<std::string>(1);
    e.name = row.get<std::string>(2);
    e.description = row.get<std::string>(3);
    e.instructions = pg::split_aggregate(row.text(4));
    e.muscle_groups = pg::split_aggregate(row.text(5));
    e.equipment = pg::split_aggregate(row.text(6));
    e.aliases = pg::split_aggregate(row.text(7));
    e.difficulty = row.get<std::string>(8);
    e.category = row.get<std::string>(9);
    e.met_value = row.get<double>(10);
    e.met_source = row.get<std::string>(11);
    e.is_unilateral = row.get<bool>(12);
    e.video_url = row.get<std::optional<std::string>>(13);
    e.thumbnail_url = row.get<std::optional<std::string>>(14);
    e.sort_order = row.get<int>(15);
    e.active = row.get<bool>(16);
    lib.exercises.push_back(std::move(e));
  }
  std::unordered_map<std::string_view, std::size_t> exercise_at;
  for (std::size_t i = 0; i < lib.exercises.size(); ++i) {
    exercise_at[lib.exercises[i].id] = i;
  }
  for (auto row : results[4]) {
    auto it = exercise_at.find(row.text(0));
    if (it == exercise_at.end()) {
      continue;
    }
    exercise_text t;
    t.name = row.get<std::optional<std::string>>(2);
    t.description = row.get<std::optional<std::string>>(3);
    if (!row.is_null(4)) {
      t.instructions = pg::split_aggregate(row.text(4));
    }
    lib.exercises[it->second].translations[row.get<std::string>(1)] = std::move(t);
  }
  std::unordered_map<std::string, std::size_t> index;
  for (auto row : results[2]) {
    routine r;
    r.id = row.get<std::string>(0);
    r.slug = row.get<std::string>(1);
    r.name = row.get<std::string>(2);
    r.description = row.get<std::string>(3);
    r.difficulty = row.get<std::string>(4);
    r.category = row.get<std::string>(5);
    r.rounds = row.get<int>(6);
    r.rest_between_rounds_seconds = row.get<int>(7);
    r.is_premium = row.get<bool>(8);
    r.equipment = pg::split_aggregate(row.text(9));
    r.goals = pg::split_aggregate(row.text(10));
    r.sort_order = row.get<int>(11);
    index[r.id] = lib.routines.size();
    lib.routines.push_back(std::move(r));
  }
  for (auto row : results[3]) {
    auto it = index.find(std::string(row.text(0)));
    if (it != index.end()) {
      lib.routines[it->second].intervals.push_back(read_interval(row));
    }
  }
  co_return lib;
}

boost::asio::awaitable<std::vector<routine>> own_routines(pg::database& db, std::string user_id,
                                                          std::optional<std::string> id) {
  std::vector<pg::command> commands{{&own_routines_sql, {user_id, id}},
                                    {&own_intervals_sql, {user_id, id}}};
  auto results = co_await db.pipeline(commands);
  co_return read_own(user_id, results[0], results[1]);
}

boost::asio::awaitable<std::vector<routine>> own_routine_page(pg::database& db, std::string user_id,
                                                              const own_routine_query& q) {
  std::string after =
      q.after_created_us ? time::format_rfc3339_micros(*q.after_created_us) : "-infinity";
  std::string after_id = q.after_id.value_or("00000000-0000-0000-0000-000000000000");
  pg::params args{user_id, after, after_id, q.limit + 1};
  const pg::command commands[] = {{&own_page_sql, args}, {&own_page_intervals_sql, args}};
  auto results = co_await db.pipeline(commands);
  co_return read_own(user_id, results[0], results[1]);
}

boost::asio::awaitable<std::optional<routine>> create_own(pg::database& db, std::string user_id,
                                                          routine r, int limit) {
  pg::params args{user_id, r.name, r.description, r.rounds, r.rest_between_rounds_seconds, limit};
  add_interval_arrays(args, r.intervals);
  const pg::command commands[] = {{&lock_own_sql, {user_id}}, {&create_own_sql, std::move(args)}};
  auto results = co_await db.pipeline(commands);
  const auto& rows = results[1];
  if (rows.empty()) {
    co_return std::nullopt;
  }
  r.id = rows[0].get<std::string>(0);
  r.owner = user_id;
  r.created_at = from_us(rows[0].get<pg::timestamp_us>(1).value);
  r.updated_at = from_us(rows[0].get<pg::timestamp_us>(2).value);
  co_return r;
}

boost::asio::awaitable<std::optional<routine>> update_own(pg::database& db, std::string user_id,
                                                          std::string id, own_routine_input in) {
  std::vector<pg::command> commands;
  commands.push_back({&update_own_sql,
                      {user_id, id, in.name, in.clear_description || in.description.has_value(),
                       in.description, in.rounds, in.rest_between_rounds_seconds}});
  if (in.intervals) {
    commands.push_back({&clear_intervals_sql, {user_id, id}});
    pg::params args{user_id, id};
    add_interval_arrays(args, *in.intervals);
    commands.push_back({&insert_intervals_sql, std::move(args)});
  }
  commands.push_back({&own_routines_sql, {user_id, id}});
  commands.push_back({&own_intervals_sql, {user_id, id}});
  auto results = co_await db.pipeline(commands);
  auto found = read_own(user_id, results[results.size() - 2], results.back());
  if (found.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(found.front());
}

boost::asio::awaitable<bool> delete_own(pg::database& db, std::string user_id, std::string id) {
  auto rows = co_await db.query(delete_own_sql, {user_id, id});
  co_return rows.affected_rows() == 1;
}

boost::asio::awaitable<std::string> export_own(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands{{&pg::utc_for_this_transaction, {}},
                                    {&export_own_sql, {user_id}}};
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::workouts::store
