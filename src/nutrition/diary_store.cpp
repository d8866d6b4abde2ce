// SQL for the food diary as named statements. Items travel to PostgreSQL as one jsonb record
// set ($n::jsonb), so a meal with all its items is one statement; meals come back joined with
// their items, one row per item.
#include "nutrition/diary_store.hpp"

#include <cmath>
#include <string_view>
#include <utility>

#include "core/json_writer.hpp"
#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::nutrition::diary_store {

namespace {

constexpr pg::statement recipes_sql{"food.diary_recipes", R"(
SELECT id::text, name, kcal::float8, protein_g::float8, carbs_g::float8, fat_g::float8,
       fiber_g::float8, sugar_g::float8, sodium_mg::float8
FROM recipes WHERE id = ANY($1::uuid[]) AND is_active)"};

// The meal's totals are the sum of its items ($7).
constexpr pg::statement insert_meal_sql{"food.insert_meal", R"(
INSERT INTO meal_logs (id, user_id, eaten_at, local_date, meal_slot, source, name, notes, kcal,
                       protein_g, carbs_g, fat_g, fiber_g, sugar_g, salt_g)
SELECT $2::uuid, $1::uuid, $3::timestamptz,
       ($3::timestamptz AT TIME ZONE coalesce((SELECT z.timezone FROM user_zones z
                                               WHERE z.user_id = $1::uuid), 'UTC'))::date,
       $4, 'manual', $5, $6, sum(r.kcal), sum(r.protein_g), sum(r.carbs_g), sum(r.fat_g),
       sum(r.fiber_g), sum(r.sugar_g), sum(r.salt_g)
FROM jsonb_to_recordset($7::jsonb) AS r(kcal numeric, protein_g numeric, carbs_g numeric,
                                         fat_g numeric, fiber_g numeric, sugar_g numeric,
                                         salt_g numeric))"};

// Inserts only into a live meal of the user's (the composite FK checks the owner too).
constexpr pg::statement insert_items_sql{"food.insert_meal_items", R"(
INSERT INTO meal_log_items (user_id, meal_log_id, position, kind, recipe_id, product_id, barcode,
                            name, grams, servings, kcal, protein_g, carbs_g, fat_g, fiber_g,
                            sugar_g, salt_g)
SELECT $1::uuid, $2::uuid, r.position, r.kind, r.recipe_id, r.product_id, r.barcode, r.name,
       r.grams, r.servings, r.kcal, r.protein_g, r.carbs_g, r.fat_g, r.fiber_g, r.sugar_g,
       r.salt_g
FROM jsonb_to_recordset($3::jsonb) AS r(position int2, kind text, recipe_id uuid,
                                         product_id uuid, barcode text, name text,
                                         grams numeric, servings numeric, kcal numeric,
                                         protein_g numeric, carbs_g numeric, fat_g numeric,
                                         fiber_g numeric, sugar_g numeric, salt_g numeric)
WHERE EXISTS (SELECT 1 FROM meal_logs m
              WHERE m.id = $2::uuid AND m.user_id = $1::uuid AND m.deleted_at IS NULL))"};

constexpr pg::statement delete_items_sql{"food.delete_meal_items", R"(
DELETE FROM meal_log_items i
WHERE i.user_id = $1::uuid AND i.meal_log_id = $2::uuid
  AND EXISTS (SELECT 1 FROM meal_logs m
              WHERE m.id = $2::uuid AND m.user_id = $1::uuid AND m.deleted_at IS NULL))"};

// $3 eaten_at, $4 slot, $5 name, $6 notes given, $7 notes. A new time moves the meal to its
// local date in the user's zone now.
constexpr pg::statement update_meal_sql{"food.update_meal", R"(
UPDATE meal_logs m
SET eaten_at = coalesce($3::timestamptz, m.eaten_at),
    local_date = CASE WHEN $3::timestamptz IS NULL THEN m.local_date
                      ELSE ($3::timestamptz AT TIME ZONE
                            coalesce((SELECT z.timezone FROM user_zones z
                                      WHERE z.user_id = $1::uuid), 'UTC'))::date END,
    meal_slot = coalesce($4, m.meal_slot),
    name = coalesce($5, m.name),
    notes = CASE WHEN $6::bool THEN $7 ELSE m.notes END
WHERE m.id = $2::uuid AND m.user_id = $1::uuid AND m.deleted_at IS NULL)"};

constexpr pg::statement update_totals_sql{"food.update_meal_totals", R"(
UPDATE meal_logs m
SET kcal = s.kcal, protein_g = s.protein_g, carbs_g = s.carbs_g, fat_g = s.fat_g,
    fiber_g = s.fiber_g, sugar_g = s.sugar_g, salt_g = s.salt_g
FROM (SELECT sum(kcal) AS kcal, sum(protein_g) AS protein_g, sum(carbs_g) AS carbs_g,
             sum(fat_g) AS fat_g, sum(fiber_g) AS fiber_g, sum(sugar_g) AS sugar_g,
             sum(salt_g) AS salt_g
      FROM meal_log_items WHERE user_id = $1::uuid AND meal_log_id = $2::uuid) s
WHERE m.id = $2::uuid AND m.user_id = $1::uuid AND m.deleted_at IS NULL)"};

constexpr pg::statement delete_meal_sql{"food.delete_meal", R"(
UPDATE meal_logs SET deleted_at = now()
WHERE id = $2::uuid AND user_id = $1::uuid AND deleted_at IS NULL)"};

// read_meals' 31 columns: the meal (15), then its item (16, NULL for a meal without items).
constexpr pg::statement find_meal_sql{"food.find_meal", R"(
SELECT m.id::text, m.eaten_at, m.local_date::text, m.meal_slot, m.name, m.notes,
       coalesce(m.kcal, 0)::float8, coalesce(m.protein_g, 0)::float8,
       coalesce(m.carbs_g, 0)::float8, coalesce(m.fat_g, 0)::float8,
       coalesce(m.fiber_g, 0)::float8, coalesce(m.sugar_g, 0)::float8,
       coalesce(m.salt_g, 0)::float8, m.created_at, m.updated_at,
       i.id::text, i.position::int4, i.kind, i.recipe_id::text, i.product_id::text, i.barcode,
       i.name, i.grams::float8, i.servings::float8, i.kcal::float8, i.protein_g::float8,
       i.carbs_g::float8, i.fat_g::float8, i.fiber_g::float8, i.sugar_g::float8,
       i.salt_g::float8
FROM meal_logs m
LEFT JOIN meal_log_items i ON i.user_id = m.user_id AND i.meal_log_id = m.id
WHERE m.id = $2::uuid AND m.user_id = $1::uuid AND m.deleted_at IS NULL
ORDER BY i.position)"};

// The day in one statement, one transaction: the other modules' figures through the views
// they publish (0032: user_kcal_goals, completed_workout_days, metric_day_sums), and the day's
// meals as the JSON text the answer splices in, with their totals, from the one row of
// meal_days (0037: rebuilt by triggers whenever a meal or an item of that day is written).
// Reading each meal's and item's columns and formatting them here cost PostgreSQL and the server
// more than the rest of the request (bench/run diary).
constexpr pg::statement day_sql{"food.diary_day", R"(
SELECT (SELECT g.daily_kcal_goal FROM user_kcal_goals g WHERE g.user_id = $1::uuid),
       (SELECT coalesce(sum(w.calories_burned), 0) FROM completed_workout_days w
         WHERE w.user_id = $1::uuid AND w.local_date = $2::date),
       (SELECT coalesce(sum(s.sum), 0) FROM metric_day_sums s
         WHERE s.user_id = $1::uuid AND s.metric_type = 'active_kcal' AND s.day = $2::date),
       d.meals, d.kcal, d.protein_g, d.carbs_g, d.fat_g, d.fiber_g, d.sugar_g, d.salt_g
FROM (SELECT) one
LEFT JOIN meal_days d ON d.user_id = $1::uuid AND d.local_date = $2::date)"};

constexpr pg::statement today_sql{"food.today_kcal", R"(
WITH d AS (SELECT (now() AT TIME ZONE coalesce((SELECT z.timezone FROM user_zones z
                                                WHERE z.user_id = $1::uuid), 'UTC'))::date AS day)
SELECT d.day::text, coalesce((SELECT sum(kcal) FROM meal_logs
                              WHERE user_id = $1::uuid AND local_date = d.day
                                AND deleted_at IS NULL), 0)::float8
FROM d)"};

constexpr pg::statement export_sql{"food.export_meals", R"(
SELECT coalesce(jsonb_agg(to_jsonb(m) - 'user_id' || jsonb_build_object('items',
         (SELECT coalesce(jsonb_agg(to_jsonb(i) - 'user_id' - 'meal_log_id'
                                    ORDER BY i.position), '[]')
          FROM meal_log_items i WHERE i.user_id = m.user_id AND i.meal_log_id = m.id))
         ORDER BY m.created_at), '[]')::text
FROM meal_logs m WHERE m.user_id = $1::uuid)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

std::vector<meal> read_meals(const pg::result& rows) {
  std::vector<meal> out;
  for (const auto& r : rows) {
    std::string id = r.get<std::string>(0);
    if (out.empty() || out.back().id != id) {
      meal m;
      m.id = std::move(id);
      m.eaten_at = from_us(r.get<pg::timestamp_us>(1).value);
      m.local_date = r.get<std::string>(2);
      m.slot = r.get<std::string>(3);
      m.name = r.get<std::string>(4);
      m.notes = r.get<std::optional<std::string>>(5);
      m.totals = {r.get<double>(6),  r.get<double>(7),  r.get<double>(8), r.get<double>(9),
                  r.get<double>(10), r.get<double>(11), r.get<double>(12)};
      m.created_at = from_us(r.get<pg::timestamp_us>(13).value);
      m.updated_at = from_us(r.get<pg::timestamp_us>(14).value);
      out.push_back(std::move(m));
    }
    if (r.is_null(15)) {
      continue;
    }
    logged_item i;
    i.id = r.get<std::string>(15);
    i.position = static_cast<int>(r.get<std::int64_t>(16));
    i.kind = r.get<std::string>(17);
    i.recipe_id = r.get<std::optional<std::string>>(18);
    i.product_id = r.get<std::optional<std::string>>(19);
    i.barcode = r.get<std::optional<std::string>>(20);
    i.name = r.get<std::string>(21);
    i.grams = r.get<std::optional<double>>(22);
    i.servings = r.get<std::optional<double>>(23);
    i.values = {r.get<double>(24), r.get<double>(25), r.get<double>(26), r.get<double>(27),
                r.get<double>(28), r.get<double>(29), r.get<double>(30)};
    out.back().items.push_back(std::move(i));
  }
  return out;
}

// The jsonb record set of the items (positions in order). A number that is not finite (none
// should reach here: diary_rules bounds them) is written as 0, never null, for NOT NULL columns.
std::string items_json(const std::vector<logged_item>& items) {
  json::writer w(300 * items.size() + 2);
  w.begin_array();
  for (std::size_t n = 0; n < items.size(); ++n) {
    const logged_item& i = items[n];
    w.begin_object()
        .member("position", static_cast<int>(n))
        .member("kind", i.kind)
        .member("recipe_id", i.recipe_id)
        .member("product_id", i.product_id)
        .member("barcode", i.barcode)
        .member("name", i.name)
        .member("grams", i.grams)
        .member("servings", i.servings);
    const item_values& v = i.values;
    const std::pair<std::string_view, double> numbers[] = {
        {"kcal", v.kcal},    {"protein_g", v.protein_g}, {"carbs_g", v.carbs_g},
        {"fat_g", v.fat_g},  {"fiber_g", v.fiber_g},     {"sugar_g", v.sugar_g},
        {"salt_g", v.salt_g}};
    for (const auto& [key, value] : numbers) {
      w.member(key, std::isfinite(value) ? value : 0.0);
    }
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace

boost::asio::awaitable<std::map<std::string, recipe_serving>> recipes(
    pg::database& db, std::vector<std::string> ids) {
  std::map<std::string, recipe_serving> out;
  if (ids.empty()) {
    co_return out;
  }
  pg::params args{pg::uuid_array(ids)};
  auto rows = co_await db.query(recipes_sql, args);
  for (const auto& r : rows) {
    recipe_serving s;
    s.name = r.get<std::string>(1);
    s.per_serving = {r.get<double>(2),
                     r.get<double>(3),
                     r.get<double>(4),
                     r.get<double>(5),
                     r.get<double>(6),
                     r.get<double>(7),
                     r.get<double>(8) * 2.5 / 1000};
    out.emplace(r.get<std::string>(0), std::move(s));
  }
  co_return out;
}

boost::asio::awaitable<meal> insert_meal(pg::database& db, std::string user_id, std::string id,
                                         instant eaten_at, std::string slot, std::string name,
                                         std::optional<std::string> notes,
                                         const std::vector<logged_item>& items) {
  const std::string records = items_json(items);
  std::vector<pg::command> commands;
  commands.push_back({&insert_meal_sql, pg::params{user_id, id, time::format_rfc3339(eaten_at),
                                                   slot, name, notes, records}});
  commands.push_back({&insert_items_sql, pg::params{user_id, id, records}});
  commands.push_back({&find_meal_sql, pg::params{user_id, id}});
  auto results = co_await db.pipeline(commands);
  co_return read_meals(results[2]).at(0);
}

boost::asio::awaitable<std::optional<meal>> update_meal(
    pg::database& db, std::string user_id, std::string id, const meal_patch& patch,
    const std::optional<std::vector<logged_item>>& items) {
  std::optional<std::string> at;
  if (patch.eaten_at) {
    at = time::format_rfc3339(*patch.eaten_at);
  }
  const bool notes_given = patch.notes.has_value() || patch.clear_notes;
  std::vector<pg::command> commands;
  commands.push_back({&update_meal_sql, pg::params{user_id, id, at, patch.slot, patch.name,
                                                   notes_given, patch.notes}});
  if (items) {
    commands.push_back({&delete_items_sql, pg::params{user_id, id}});
    commands.push_back({&insert_items_sql, pg::params{user_id, id, items_json(*items)}});
    commands.push_back({&update_totals_sql, pg::params{user_id, id}});
  }
  commands.push_back({&find_meal_sql, pg::params{user_id, id}});
  auto results = co_await db.pipeline(commands);
  auto meals = read_meals(results.back());
  if (meals.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(meals[0]);
}

boost::asio::awaitable<bool> delete_meal(pg::database& db, std::string user_id, std::string id) {
  pg::params args{user_id, id};
  auto rows = co_await db.query(delete_meal_sql, args);
  co_return rows.affected_rows() == 1;
}

boost::asio::awaitable<std::optional<meal>> find_meal(pg::database& db, std::string user_id,
                                                      std::string id) {
  pg::params args{user_id, id};
  auto rows = co_await db.query(find_meal_sql, args);
  auto meals = read_meals(rows);
  if (meals.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(meals[0]);
}

boost::asio::awaitable<day_rows> day(pg::database& db, std::string user_id, std::string date) {
  pg::params args{std::move(user_id), std::move(date)};
  auto rows = co_await db.query(day_sql, args);
  day_rows out;
  if (rows.empty()) {
    co_return out;  // not reached: the statement always answers one row
  }
  const auto& r = rows[0];
  out.kcal_goal = r.get<std::optional<int>>(0);
  out.workouts_kcal = r.get<double>(1);
  out.active_kcal = r.get<double>(2);
  if (!r.is_null(3)) {
    out.meals_json = r.text(3);
    out.totals = {r.get<double>(4), r.get<double>(5), r.get<double>(6), r.get<double>(7),
                  r.get<double>(8), r.get<double>(9), r.get<double>(10)};
  }
  co_return out;
}

boost::asio::awaitable<today_intake> today(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(today_sql, args);
  co_return today_intake{rows[0].get<std::string>(0), rows[0].get<double>(1)};
}

boost::asio::awaitable<std::string> export_meals(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands;
  commands.push_back({&pg::utc_for_this_transaction, pg::params{}});
  commands.push_back({&export_sql, pg::params{user_id}});
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::nutrition::diary_store
