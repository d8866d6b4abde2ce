// SQL of the workout reference data's administration as named statements. String arrays travel
// joined with the unit separator (U+001F; the parsers refuse control characters in text), like
// library_store.cpp, so this file needs no JSON. Audit entries leave out created_at, updated_at
// and version (not content).
#include "workouts/admin_store.hpp"

#include <type_traits>

#include "core/pg/database.hpp"

namespace ugoki::workouts::admin_store {

namespace {

// A jsonb array of strings as one text, elements joined with U+001F in array order.
#define UGOKI_AGG(col)                                        \
  "(SELECT coalesce(string_agg(v, E'\\x1f' ORDER BY n), '') " \
  "FROM jsonb_array_elements_text(" col ") WITH ORDINALITY a(v, n))"
#define UGOKI_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
// A joined text parameter as a jsonb array ('' is []).
#define UGOKI_ARRAY(param) "to_jsonb(string_to_array(" param ", E'\\x1f'))"

// The 20 columns read_exercise reads, from an exercises row named `x`.
#define UGOKI_EXERCISE_COLUMNS \
  "x.id::text, x.slug, x.name, x.description, " UGOKI_AGG("x.instructions") ", " UGOKI_AGG(   \
      "x.muscle_groups") ", " UGOKI_AGG("x.equipment") ", " UGOKI_AGG("x.aliases")             \
      ", x.difficulty, x.category, x.met_value::float8, x.met_source, x.is_unilateral, "       \
      "x.video_url, x.thumbnail_url, x.sort_order, x.is_active, x.translations::text, "        \
      "x.version, " UGOKI_UTC("x.updated_at")
#define UGOKI_EXERCISE_AUDIT(alias) \
  "(to_jsonb(" alias ") - 'updated_at' - 'created_at' - 'version')"

// The admin lists' filter: $1 q (a substring of the name or slug, any case), $2 active.
#define UGOKI_LIST_WHERE(alias)                     \
  " WHERE ($1::text IS NULL OR strpos(lower(" alias \
  ".name), lower($1)) > 0"                          \
  " OR strpos(" alias                               \
  ".slug, lower($1)) > 0)"                          \
  " AND ($2::bool IS NULL OR " alias ".is_active = $2::bool) "

constexpr pg::statement exercises_sql{"workouts_admin.exercises",
                                      "SELECT " UGOKI_EXERCISE_COLUMNS
                                      " FROM exercises x" UGOKI_LIST_WHERE("x") R"(
ORDER BY x.sort_order, x.name, x.id LIMIT $3::int8 OFFSET $4::int8)"};

constexpr pg::statement exercise_count_sql{
    "workouts_admin.exercise_count", "SELECT count(*) FROM exercises x" UGOKI_LIST_WHERE("x")};

constexpr pg::statement exercise_sql{"workouts_admin.exercise", "SELECT " UGOKI_EXERCISE_COLUMNS
                                                                " FROM exercises x"
                                                                " WHERE x.id = $1::uuid"};

constexpr pg::statement lock_exercise_sql{"workouts_admin.lock_exercise",
                                          "SELECT " UGOKI_EXERCISE_COLUMNS
                                          " FROM exercises x WHERE x.id = $1::uuid FOR UPDATE"};

// $1 slug, $2..$16 the fields, $17 the translations to set (an object), $18 actor, $19 request.
constexpr pg::statement insert_exercise_sql{
    "workouts_admin.insert_exercise",
    R"(
WITH after AS (
  INSERT INTO exercises (slug, name, description, instructions, muscle_groups, equipment, aliases,
                         difficulty, category, met_value, met_source, is_unilateral, video_url,
                         thumbnail_url, sort_order, is_active, translations)
  VALUES ($1, $2, $3, )" UGOKI_ARRAY("$4") ", " UGOKI_ARRAY("$5") ", " UGOKI_ARRAY(
        "$6") ", " UGOKI_ARRAY("$7") R"(, $8, $9, $10::numeric, $11, $12::bool, $13, $14,
          $15::int4, $16::bool, $17::jsonb)
  ON CONFLICT (slug) DO NOTHING
  RETURNING *)
SELECT )" UGOKI_EXERCISE_COLUMNS R"(,
       admin_audit($18::uuid, 'workouts.exercise', x.id::text, 'create', NULL,
                   )" UGOKI_EXERCISE_AUDIT("x") R"(, $19)
FROM after x)"};

// $1 id, $2..$16 the fields but slug, $17 translations to set, $18 languages to remove,
// $19 actor, $20 request id, $21 action.
constexpr pg::statement write_exercise_sql{"workouts_admin.write_exercise", R"(
WITH before AS (SELECT )" UGOKI_EXERCISE_AUDIT("x") R"( AS j FROM exercises x
                 WHERE x.id = $1::uuid),
     after AS (
       UPDATE exercises
          SET name = $2, description = $3, instructions = )" UGOKI_ARRAY("$4") R"(,
              muscle_groups = )" UGOKI_ARRAY("$5") R"(, equipment = )" UGOKI_ARRAY("$6") R"(,
              aliases = )" UGOKI_ARRAY("$7") R"(, difficulty = $8, category = $9,
              met_value = $10::numeric, met_source = $11, is_unilateral = $12::bool,
              video_url = $13, thumbnail_url = $14, sort_order = $15::int4,
              is_active = $16::bool,
              translations = (translations || $17::jsonb) - $18::text[]
        WHERE id = $1::uuid
       RETURNING *)
SELECT )" UGOKI_EXERCISE_COLUMNS R"(,
       admin_audit($19::uuid, 'workouts.exercise', $1::text, $21, (SELECT j FROM before),
                   )" UGOKI_EXERCISE_AUDIT("x") R"(, $20)
FROM after x)"};

// A session's routine snapshot names its exercises by id: a scan of the sessions, paid only by
// the DELETE of an exercise nothing else references.
constexpr pg::statement exercise_references_sql{"workouts_admin.exercise_references", R"(
SELECT EXISTS (SELECT 1 FROM workout_routine_exercises WHERE exercise_id = $1::uuid),
       EXISTS (SELECT 1 FROM user_workout_routine_intervals WHERE exercise_id = $1::uuid),
       EXISTS (SELECT 1 FROM exercise_logs WHERE exercise_id = $1::uuid)
         OR EXISTS (SELECT 1 FROM workout_sessions
                    WHERE strpos(routine_snapshot::text, $1::uuid::text) > 0))"};

constexpr pg::statement delete_exercise_sql{"workouts_admin.delete_exercise", R"(
WITH before AS (SELECT )" UGOKI_EXERCISE_AUDIT("x") R"( AS j FROM exercises x
                 WHERE x.id = $1::uuid),
     gone AS (DELETE FROM exercises WHERE id = $1::uuid RETURNING id)
SELECT admin_audit($2::uuid, 'workouts.exercise', $1::text, 'delete', (SELECT j FROM before),
                   NULL, $3)
FROM gone)"};

constexpr pg::statement exercise_states_sql{"workouts_admin.exercise_states", R"(
SELECT id::text, is_active FROM exercises WHERE id = ANY($1::uuid[]))"};

// The 18 columns read_routine reads, from a workout_routines row named `r`.
#define UGOKI_ROUTINE_COLUMNS \
  "r.id::text, r.slug, r.name, r.description, r.difficulty, r.category, " UGOKI_AGG(           \
      "r.goals") ", r.rounds, r.work_seconds, r.rest_seconds, r.rest_between_rounds_seconds, " \
                 "r.is_premium, r.sort_order, r.is_active, " UGOKI_AGG(                         \
                     "r.equipment") ", r.estimated_duration_seconds, r.version, " UGOKI_UTC(    \
                     "r.updated_at")
// The slots of the routines a statement's WHERE picks, in block then position order.
#define UGOKI_SLOT_COLUMNS \
  "s.routine_id::text, s.block, s.exercise_id::text, s.work_seconds, s.reps, s.notes"
#define UGOKI_SLOT_ORDER                                                                     \
  " ORDER BY s.routine_id, array_position(ARRAY['warm_up', 'main', 'cool_down'], s.block), " \
  "s.position"
// Routine $1 as its audit entries show it: its columns and its slots as "exercises".
#define UGOKI_ROUTINE_AUDIT                                                                \
  "(SELECT (to_jsonb(r) - 'updated_at' - 'created_at' - 'version') || jsonb_build_object(" \
  "'exercises', coalesce((SELECT jsonb_agg(jsonb_build_object('block', s.block, "          \
  "'exercise_id', s.exercise_id, 'work_seconds', s.work_seconds, 'reps', s.reps, "         \
  "'notes', s.notes) ORDER BY array_position(ARRAY['warm_up', 'main', 'cool_down'], "      \
  "s.block), s.position) FROM workout_routine_exercises s WHERE s.routine_id = r.id), "    \
  "'[]'::jsonb)) FROM workout_routines r WHERE r.id = $1::uuid)"

constexpr pg::statement routines_sql{"workouts_admin.routines",
                                     "SELECT " UGOKI_ROUTINE_COLUMNS
                                     " FROM workout_routines r" UGOKI_LIST_WHERE("r") R"(
ORDER BY r.sort_order, r.name, r.id LIMIT $3::int8 OFFSET $4::int8)"};

constexpr pg::statement routine_count_sql{
    "workouts_admin.routine_count",
    "SELECT count(*) FROM workout_routines r" UGOKI_LIST_WHERE("r")};

// The slots of the page routines_sql answers (the same WHERE, order and window).
constexpr pg::statement routines_slots_sql{
    "workouts_admin.routines_slots",
    "SELECT " UGOKI_SLOT_COLUMNS
    " FROM workout_routine_exercises s WHERE s.routine_id IN (SELECT r.id FROM workout_routines "
    "r" UGOKI_LIST_WHERE("r") "ORDER BY r.sort_order, r.name, r.id LIMIT $3::int8 OFFSET "
                              "$4::int8)" UGOKI_SLOT_ORDER};

constexpr pg::statement routine_sql{"workouts_admin.routine", "SELECT " UGOKI_ROUTINE_COLUMNS
                                                              " FROM workout_routines r"
                                                              " WHERE r.id = $1::uuid"};

constexpr pg::statement lock_routine_sql{
    "workouts_admin.lock_routine",
    "SELECT " UGOKI_ROUTINE_COLUMNS " FROM workout_routines r WHERE r.id = $1::uuid FOR UPDATE"};

constexpr pg::statement routine_slots_sql{"workouts_admin.routine_slots",
                                          "SELECT " UGOKI_SLOT_COLUMNS
                                          " FROM workout_routine_exercises s"
                                          " WHERE s.routine_id = $1::uuid" UGOKI_SLOT_ORDER};

constexpr pg::statement routine_audit_sql{"workouts_admin.routine_audit_row",
                                          "SELECT " UGOKI_ROUTINE_AUDIT "::text"};

// $1 slug, $2..$13 the fields; a taken slug inserts nothing and answers no row.
constexpr pg::statement insert_routine_sql{"workouts_admin.insert_routine", R"(
INSERT INTO workout_routines (slug, name, description, difficulty, category, goals, rounds,
                              work_seconds, rest_seconds, rest_between_rounds_seconds,
                              is_premium, sort_order, is_active)
VALUES ($1, $2, $3, $4, $5, )" UGOKI_ARRAY("$6") R"(, $7::int4, $8::int4, $9::int4, $10::int4,
        $11::bool, $12::int4, $13::bool)
ON CONFLICT (slug) DO NOTHING
RETURNING id::text)"};

// $1 id, $2..$12 the fields but slug.
constexpr pg::statement update_routine_sql{"workouts_admin.update_routine", R"(
UPDATE workout_routines
   SET name = $2, description = $3, difficulty = $4, category = $5,
       goals = )" UGOKI_ARRAY("$6") R"(, rounds = $7::int4, work_seconds = $8::int4,
       rest_seconds = $9::int4, rest_between_rounds_seconds = $10::int4, is_premium = $11::bool,
       sort_order = $12::int4, is_active = $13::bool
 WHERE id = $1::uuid)"};

constexpr pg::statement clear_slots_sql{"workouts_admin.clear_slots", R"(
DELETE FROM workout_routine_exercises WHERE routine_id = $1::uuid)"};

// Positions 1..n in the list's order (the read order is block, then position).
constexpr pg::statement insert_slots_sql{"workouts_admin.insert_slots", R"(
INSERT INTO workout_routine_exercises (routine_id, position, block, exercise_id, work_seconds,
                                       reps, notes)
SELECT $1::uuid, u.position, u.block, u.exercise_id, u.work_seconds, u.reps, u.notes
FROM unnest($2::int[], $3::text[], $4::uuid[], $5::int[], $6::int[], $7::text[])
     AS u(position, block, exercise_id, work_seconds, reps, notes))"};

// The derived columns, as seeds/021 computes them (one formula: migration 0021's function).
constexpr pg::statement derive_routine_sql{"workouts_admin.derive_routine", R"(
UPDATE workout_routines r
   SET estimated_duration_seconds = workout_routine_duration_seconds(r.id),
       equipment = coalesce((SELECT jsonb_agg(DISTINCT e.item ORDER BY e.item)
                             FROM workout_routine_exercises w
                             JOIN exercises x ON x.id = w.exercise_id
                             CROSS JOIN jsonb_array_elements_text(x.equipment) AS e(item)
                             WHERE w.routine_id = r.id), '[]'::jsonb)
 WHERE r.id = $1::uuid)"};

// $1 id, $2 actor, $3 request id, $4 action, $5 the before row (NULL for a create).
constexpr pg::statement audit_routine_sql{"workouts_admin.audit_routine",
                                          "SELECT admin_audit($2::uuid, 'workouts.routine', "
                                          "$1::text, $4, $5::jsonb, " UGOKI_ROUTINE_AUDIT ", $3)"};

constexpr pg::statement routine_sessions_sql{"workouts_admin.routine_sessions", R"(
SELECT EXISTS (SELECT 1 FROM workout_sessions WHERE routine_id = $1::uuid))"};

constexpr pg::statement delete_routine_sql{"workouts_admin.delete_routine", R"(
WITH before AS (SELECT )" UGOKI_ROUTINE_AUDIT R"( AS j),
     gone AS (DELETE FROM workout_routines WHERE id = $1::uuid RETURNING id)
SELECT admin_audit($2::uuid, 'workouts.routine', $1::text, 'delete', (SELECT j FROM before),
                   NULL, $3)
FROM gone)"};

#undef UGOKI_ROUTINE_AUDIT
#undef UGOKI_SLOT_ORDER
#undef UGOKI_SLOT_COLUMNS
#undef UGOKI_ROUTINE_COLUMNS
#undef UGOKI_LIST_WHERE
#undef UGOKI_EXERCISE_AUDIT
#undef UGOKI_EXERCISE_COLUMNS
#undef UGOKI_ARRAY
#undef UGOKI_UTC
#undef UGOKI_AGG

// Strings joined with U+001F, as UGOKI_ARRAY splits them.
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += '\x1f';
    }
    out += items[i];
  }
  return out;
}

// A PostgreSQL array literal of the values, NULL for absent ones; text is quoted and escaped.
template <class T, class Get>
std::string array_of(const std::vector<admin::routine_slot>& items, Get get) {
  std::string out = "{";
  for (std::size_t n = 0; n < items.size(); ++n) {
    if (n > 0) {
      out += ',';
    }
    std::optional<T> v = get(items[n], n);
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

// Language codes (validated: [a-z]{2}) as a text[] literal.
std::string languages_array(const std::vector<std::string>& languages) {
  std::string out = "{";
  for (std::size_t i = 0; i < languages.size(); ++i) {
    out += (i > 0 ? "," : "") + languages[i];
  }
  return out + "}";
}

admin::exercise_row read_exercise(const pg::row& r) {
  admin::exercise_row out;
  exercise& e = out.e;
  e.id = r.get<std::string>(0);
  e.slug = r.get<std::string>(1);
  e.name = r.get<std::string>(2);
  e.description = r.get<std::string>(3);
  e.instructions = pg::split_aggregate(r.text(4));
  e.muscle_groups = pg::split_aggregate(r.text(5));
  e.equipment = pg::split_aggregate(r.text(6));
  e.aliases = pg::split_aggregate(r.text(7));
  e.difficulty = r.get<std::string>(8);
  e.category = r.get<std::string>(9);
  e.met_value = r.get<double>(10);
  e.met_source = r.get<std::string>(11);
  e.is_unilateral = r.get<bool>(12);
  e.video_url = r.get<std::optional<std::string>>(13);
  e.thumbnail_url = r.get<std::optional<std::string>>(14);
  e.sort_order = r.get<int>(15);
  e.active = r.get<bool>(16);
  out.translations_json = r.get<std::string>(17);
  out.version = r.get<std::int64_t>(18);
  out.updated_at = r.get<std::string>(19);
  return out;
}

// The fields but slug, in the statements' order ($2..$16).
void add_exercise_fields(pg::params& args, const admin::exercise_row& x) {
  const exercise& e = x.e;
  args.add(e.name);
  args.add(e.description);
  args.add(joined(e.instructions));
  args.add(joined(e.muscle_groups));
  args.add(joined(e.equipment));
  args.add(joined(e.aliases));
  args.add(e.difficulty);
  args.add(e.category);
  args.add(e.met_value);
  args.add(e.met_source);
  args.add(e.is_unilateral);
  args.add(e.video_url);
  args.add(e.thumbnail_url);
  args.add(e.sort_order);
  args.add(e.active);
}

admin::routine_row read_routine(const pg::row& r) {
  admin::routine_row out;
  out.id = r.get<std::string>(0);
  out.slug = r.get<std::string>(1);
  out.name = r.get<std::string>(2);
  out.description = r.get<std::string>(3);
  out.difficulty = r.get<std::string>(4);
  out.category = r.get<std::string>(5);
  out.goals = pg::split_aggregate(r.text(6));
  out.rounds = r.get<int>(7);
  out.work_seconds = r.get<int>(8);
  out.rest_seconds = r.get<int>(9);
  out.rest_between_rounds_seconds = r.get<int>(10);
  out.is_premium = r.get<bool>(11);
  out.sort_order = r.get<int>(12);
  out.active = r.get<bool>(13);
  out.equipment = pg::split_aggregate(r.text(14));
  out.estimated_duration_seconds = r.get<int>(15);
  out.version = r.get<std::int64_t>(16);
  out.updated_at = r.get<std::string>(17);
  return out;
}

// Routine rows and their slot rows (ordered by routine), joined by id.
std::vector<admin::routine_row> read_routines(const pg::result& routines, const pg::result& slots) {
  std::vector<admin::routine_row> out;
  std::map<std::string, std::size_t, std::less<>> index;
  for (auto row : routines) {
    index[row.get<std::string>(0)] = out.size();
    out.push_back(read_routine(row));
  }
  for (auto row : slots) {
    auto it = index.find(row.text(0));
    if (it == index.end()) {
      continue;
    }
    admin::routine_slot s;
    s.block = row.get<std::string>(1);
    s.exercise_id = row.get<std::string>(2);
    s.work_seconds = row.get<std::optional<int>>(3);
    s.reps = row.get<std::optional<int>>(4);
    s.notes = row.get<std::optional<std::string>>(5);
    out[it->second].exercises.push_back(std::move(s));
  }
  return out;
}

void add_routine_fields(pg::params& args, const admin::routine_row& r) {
  args.add(r.name);
  args.add(r.description);
  args.add(r.difficulty);
  args.add(r.category);
  args.add(joined(r.goals));
  args.add(r.rounds);
  args.add(r.work_seconds);
  args.add(r.rest_seconds);
  args.add(r.rest_between_rounds_seconds);
  args.add(r.is_premium);
  args.add(r.sort_order);
  args.add(r.active);
}

pg::params slot_arrays(const std::string& id, const std::vector<admin::routine_slot>& slots) {
  using slot = admin::routine_slot;
  pg::params args{id};
  args.add(array_of<int>(slots, [](const slot&, std::size_t n) {
    return std::optional<int>(static_cast<int>(n + 1));
  }));
  args.add(array_of<std::string>(
      slots, [](const slot& s, std::size_t) { return std::optional<std::string>(s.block); }));
  args.add(array_of<std::string>(
      slots, [](const slot& s, std::size_t) { return std::optional<std::string>(s.exercise_id); }));
  args.add(array_of<int>(slots, [](const slot& s, std::size_t) { return s.work_seconds; }));
  args.add(array_of<int>(slots, [](const slot& s, std::size_t) { return s.reps; }));
  args.add(array_of<std::string>(slots, [](const slot& s, std::size_t) { return s.notes; }));
  return args;
}

pg::params list_args(const admin::list_query& q) {
  return pg::params{q.q, q.active, std::int64_t{q.per_page}, std::int64_t{q.page - 1} * q.per_page};
}

pg::params count_args(const admin::list_query& q) {
  return pg::params{q.q, q.active};
}

// Reads routine `id` with its slots in the transaction.
boost::asio::awaitable<std::optional<admin::routine_row>> read_routine_in(pg::transaction& tx,
                                                                          const pg::statement& head,
                                                                          const std::string& id) {
  const pg::command commands[] = {{&head, {id}}, {&routine_slots_sql, {id}}};
  auto results = co_await tx.pipeline(commands);
  auto found = read_routines(results[0], results[1]);
  if (found.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(found.front());
}

}  // namespace

boost::asio::awaitable<admin::page<admin::exercise_row>> list_exercises(
    pg::database& db, const admin::list_query& q) {
  const pg::command commands[] = {{&exercises_sql, list_args(q)},
                                  {&exercise_count_sql, count_args(q)}};
  auto results = co_await db.pipeline(commands);
  admin::page<admin::exercise_row> out;
  out.page_number = q.page;
  out.per_page = q.per_page;
  for (auto row : results[0]) {
    out.items.push_back(read_exercise(row));
  }
  out.total = results[1][0].get<std::int64_t>(0);
  co_return out;
}

boost::asio::awaitable<std::optional<admin::exercise_row>> find_exercise(pg::database& db,
                                                                         std::string id) {
  auto rows = co_await db.query(exercise_sql, {id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_exercise(rows[0]);
}

boost::asio::awaitable<std::optional<admin::exercise_row>> insert_exercise(
    pg::database& db, const admin::exercise_row& x, const admin::translations_change& translations,
    const actor& who) {
  pg::params args{x.e.slug};
  add_exercise_fields(args, x);
  args.add(translations.set_json);
  args.add(who.user_id);
  args.add(who.request_id);
  auto rows = co_await db.query(insert_exercise_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_exercise(rows[0]);
}

boost::asio::awaitable<std::optional<admin::exercise_row>> lock_exercise(pg::transaction& tx,
                                                                         std::string id) {
  auto rows = co_await tx.query(lock_exercise_sql, {id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_exercise(rows[0]);
}

boost::asio::awaitable<admin::exercise_row> write_exercise(
    pg::transaction& tx, const admin::exercise_row& x,
    const admin::translations_change& translations, const actor& who, std::string action) {
  pg::params args{x.e.id};
  add_exercise_fields(args, x);
  args.add(translations.set_json);
  args.add(languages_array(translations.remove));
  args.add(who.user_id);
  args.add(who.request_id);
  args.add(std::move(action));
  auto rows = co_await tx.query(write_exercise_sql, args);
  co_return read_exercise(rows[0]);
}

boost::asio::awaitable<std::vector<std::string>> exercise_references(pg::transaction& tx,
                                                                     std::string id) {
  auto rows = co_await tx.query(exercise_references_sql, {id});
  std::vector<std::string> out;
  if (rows[0].get<bool>(0)) {
    out.emplace_back("routines");
  }
  if (rows[0].get<bool>(1)) {
    out.emplace_back("user_routines");
  }
  if (rows[0].get<bool>(2)) {
    out.emplace_back("sessions");
  }
  co_return out;
}

boost::asio::awaitable<void> delete_exercise(pg::transaction& tx, std::string id,
                                             const actor& who) {
  co_await tx.query(delete_exercise_sql, {id, who.user_id, who.request_id});
}

boost::asio::awaitable<std::map<std::string, bool>> exercise_states(
    pg::transaction& tx, const std::vector<std::string>& ids) {
  auto rows = co_await tx.query(exercise_states_sql, {pg::uuid_array(ids)});
  std::map<std::string, bool> out;
  for (auto row : rows) {
    out[row.get<std::string>(0)] = row.get<bool>(1);
  }
  co_return out;
}

boost::asio::awaitable<admin::page<admin::routine_row>> list_routines(pg::database& db,
                                                                      const admin::list_query& q) {
  const pg::command commands[] = {{&routines_sql, list_args(q)},
                                  {&routine_count_sql, count_args(q)},
                                  {&routines_slots_sql, list_args(q)}};
  auto results = co_await db.pipeline(commands);
  admin::page<admin::routine_row> out;
  out.page_number = q.page;
  out.per_page = q.per_page;
  out.items = read_routines(results[0], results[2]);
  out.total = results[1][0].get<std::int64_t>(0);
  co_return out;
}

boost::asio::awaitable<std::optional<admin::routine_row>> find_routine(pg::database& db,
                                                                       std::string id) {
  const pg::command commands[] = {{&routine_sql, {id}}, {&routine_slots_sql, {id}}};
  auto results = co_await db.pipeline(commands);
  auto found = read_routines(results[0], results[1]);
  if (found.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(found.front());
}

boost::asio::awaitable<std::optional<admin::routine_row>> lock_routine(pg::transaction& tx,
                                                                       std::string id) {
  co_return co_await read_routine_in(tx, lock_routine_sql, id);
}

boost::asio::awaitable<std::optional<admin::routine_row>> insert_routine(
    pg::transaction& tx, const admin::routine_row& r, const actor& who) {
  pg::params args{r.slug};
  add_routine_fields(args, r);
  auto rows = co_await tx.query(insert_routine_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  std::string id = rows[0].get<std::string>(0);
  const pg::command commands[] = {
      {&insert_slots_sql, slot_arrays(id, r.exercises)},
      {&derive_routine_sql, {id}},
      {&audit_routine_sql, {id, who.user_id, who.request_id, "create", std::nullopt}}};
  co_await tx.pipeline(commands);
  co_return co_await read_routine_in(tx, routine_sql, id);
}

boost::asio::awaitable<admin::routine_row> write_routine(pg::transaction& tx,
                                                         const admin::routine_row& r,
                                                         bool replace_slots, const actor& who,
                                                         std::string action) {
  auto before = co_await tx.query(routine_audit_sql, {r.id});
  std::string before_json = before[0].get<std::string>(0);
  pg::params fields{r.id};
  add_routine_fields(fields, r);
  std::vector<pg::command> commands;
  commands.push_back({&update_routine_sql, std::move(fields)});
  if (replace_slots) {
    commands.push_back({&clear_slots_sql, {r.id}});
    commands.push_back({&insert_slots_sql, slot_arrays(r.id, r.exercises)});
  }
  commands.push_back({&derive_routine_sql, {r.id}});
  commands.push_back(
      {&audit_routine_sql, {r.id, who.user_id, who.request_id, std::move(action), before_json}});
  co_await tx.pipeline(commands);
  co_return *co_await read_routine_in(tx, routine_sql, r.id);
}

boost::asio::awaitable<bool> routine_has_sessions(pg::transaction& tx, std::string id) {
  auto rows = co_await tx.query(routine_sessions_sql, {id});
  co_return rows[0].get<bool>(0);
}

boost::asio::awaitable<void> delete_routine(pg::transaction& tx, std::string id, const actor& who) {
  co_await tx.query(delete_routine_sql, {id, who.user_id, who.request_id});
}

}  // namespace ugoki::workouts::admin_store
