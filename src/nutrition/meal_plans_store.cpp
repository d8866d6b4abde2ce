// SQL of meal plans, as named statements (meal_plans_store.hpp).
#include "nutrition/meal_plans_store.hpp"

#include <cstdio>
#include <type_traits>
#include <unordered_map>

#include "core/pg/database.hpp"
#include "core/pg/error.hpp"
#include "core/time.hpp"

namespace ugoki::nutrition::store {

namespace {

using boost::asio::awaitable;

constexpr pg::statement list_plans_sql{"nutrition.list_plans", R"(
SELECT id::text, name, week_start_date::text, created_at, updated_at
FROM meal_plans
WHERE user_id = $1::uuid AND deleted_at IS NULL
  AND ($2::date IS NULL OR (week_start_date <= $2::date AND $2::date < week_start_date + 7))
  AND ($3::date IS NULL OR (week_start_date, id) < ($3::date, $4::uuid))
ORDER BY week_start_date DESC, id DESC
LIMIT $5)"};

// The same page's items (the page's predicate repeated, so both go in one round trip).
constexpr pg::statement list_items_sql{"nutrition.list_plan_items", R"(
SELECT i.meal_plan_id::text, i.id::text, i.day_index, i.meal_slot, i.position, i.servings::float8,
       i.recipe_id::text, i.product_id::text, i.free_text, coalesce(r.name, p.name), r.slug,
       p.code, coalesce(r.is_active, true),
       CASE WHEN r.id IS NOT NULL THEN r.kcal::float8
            WHEN jsonb_typeof(p.nutriments_100g -> 'energy_kcal') = 'number'
              THEN (p.nutriments_100g ->> 'energy_kcal')::float8
                   * coalesce(p.serving_size_g, 100)::float8 / 100 END
FROM meal_plan_items i
LEFT JOIN recipes r ON r.id = i.recipe_id
LEFT JOIN food_products p ON p.id = i.product_id
WHERE i.user_id = $1::uuid AND i.meal_plan_id IN (
  SELECT id FROM meal_plans
  WHERE user_id = $1::uuid AND deleted_at IS NULL
    AND ($2::date IS NULL OR (week_start_date <= $2::date AND $2::date < week_start_date + 7))
    AND ($3::date IS NULL OR (week_start_date, id) < ($3::date, $4::uuid))
  ORDER BY week_start_date DESC, id DESC LIMIT $5)
ORDER BY i.meal_plan_id, i.day_index,
         array_position(ARRAY['breakfast', 'lunch', 'dinner', 'snack'], i.meal_slot),
         i.position, i.id)"};

constexpr pg::statement find_plan_sql{"nutrition.find_plan", R"(
SELECT id::text, name, week_start_date::text, created_at, updated_at
FROM meal_plans WHERE user_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL)"};

constexpr pg::statement find_items_sql{"nutrition.find_plan_items", R"(
SELECT i.meal_plan_id::text, i.id::text, i.day_index, i.meal_slot, i.position, i.servings::float8,
       i.recipe_id::text, i.product_id::text, i.free_text, coalesce(r.name, p.name), r.slug,
       p.code, coalesce(r.is_active, true),
       CASE WHEN r.id IS NOT NULL THEN r.kcal::float8
            WHEN jsonb_typeof(p.nutriments_100g -> 'energy_kcal') = 'number'
              THEN (p.nutriments_100g ->> 'energy_kcal')::float8
                   * coalesce(p.serving_size_g, 100)::float8 / 100 END
FROM meal_plan_items i
LEFT JOIN recipes r ON r.id = i.recipe_id
LEFT JOIN food_products p ON p.id = i.product_id
WHERE i.user_id = $1::uuid AND i.meal_plan_id = $2::uuid
ORDER BY i.day_index, array_position(ARRAY['breakfast', 'lunch', 'dinner', 'snack'], i.meal_slot),
         i.position, i.id)"};

// Items are numbered per (day, slot) in the order given.
constexpr pg::statement create_plan_sql{"nutrition.create_plan", R"(
WITH p AS (
  INSERT INTO meal_plans (user_id, name, week_start_date)
  VALUES ($1::uuid, $2, $3::date)
  RETURNING id, user_id),
i AS (
  INSERT INTO meal_plan_items (user_id, meal_plan_id, day_index, meal_slot, recipe_id, product_id,
                               free_text, servings, position)
  SELECT p.user_id, p.id, u.day, u.slot, u.recipe_id, u.product_id, u.free_text, u.servings,
         row_number() OVER (PARTITION BY u.day, u.slot ORDER BY u.n) - 1
  FROM p, unnest($4::int[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::numeric[])
          WITH ORDINALITY AS u(day, slot, recipe_id, product_id, free_text, servings, n)
  RETURNING 1)
SELECT id::text, (SELECT count(*) FROM i) FROM p)"};

constexpr pg::statement lock_plan_sql{"nutrition.lock_plan", R"(
SELECT id::text FROM meal_plans
WHERE user_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL FOR UPDATE)"};

constexpr pg::statement plan_item_ids_sql{"nutrition.plan_item_ids", R"(
SELECT id::text FROM meal_plan_items WHERE user_id = $1::uuid AND meal_plan_id = $2::uuid)"};

constexpr pg::statement rename_plan_sql{"nutrition.touch_plan", R"(
UPDATE meal_plans SET name = CASE WHEN $3::bool THEN $4 ELSE name END, updated_at = now()
WHERE user_id = $1::uuid AND id = $2::uuid)"};

constexpr pg::statement remove_items_sql{"nutrition.remove_plan_items", R"(
DELETE FROM meal_plan_items
WHERE user_id = $1::uuid AND meal_plan_id = $2::uuid AND id = ANY($3::uuid[]))"};

// A moved item goes last in its new (day, slot).
constexpr pg::statement move_item_sql{"nutrition.move_plan_item", R"(
UPDATE meal_plan_items i
SET day_index = coalesce($4::int, i.day_index), meal_slot = coalesce($5, i.meal_slot),
    servings = coalesce($6::numeric, i.servings),
    position = CASE WHEN $4::int IS NULL AND $5::text IS NULL THEN i.position ELSE
      (SELECT coalesce(max(o.position) + 1, 0) FROM meal_plan_items o
       WHERE o.meal_plan_id = i.meal_plan_id AND o.id <> i.id
         AND o.day_index = coalesce($4::int, i.day_index)
         AND o.meal_slot = coalesce($5, i.meal_slot)) END
WHERE i.user_id = $1::uuid AND i.meal_plan_id = $2::uuid AND i.id = $3::uuid)"};

constexpr pg::statement add_items_sql{"nutrition.add_plan_items", R"(
INSERT INTO meal_plan_items (user_id, meal_plan_id, day_index, meal_slot, recipe_id, product_id,
                             free_text, servings, position)
SELECT $1::uuid, $2::uuid, u.day, u.slot, u.recipe_id, u.product_id, u.free_text, u.servings,
       (SELECT coalesce(max(o.position) + 1, 0) FROM meal_plan_items o
        WHERE o.meal_plan_id = $2::uuid AND o.day_index = u.day AND o.meal_slot = u.slot)
       + row_number() OVER (PARTITION BY u.day, u.slot ORDER BY u.n) - 1
FROM unnest($3::int[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::numeric[])
     WITH ORDINALITY AS u(day, slot, recipe_id, product_id, free_text, servings, n))"};

constexpr pg::statement delete_plan_sql{"nutrition.delete_plan", R"(
DELETE FROM meal_plans WHERE user_id = $1::uuid AND id = $2::uuid)"};

constexpr pg::statement known_products_sql{"nutrition.known_products", R"(
SELECT id::text FROM food_products WHERE id = ANY($1::uuid[]) AND found)"};

constexpr pg::statement export_plans_sql{"nutrition.export_plans", R"(
SELECT coalesce(jsonb_agg(
         (to_jsonb(p) - 'user_id') || jsonb_build_object('items', (
           SELECT coalesce(jsonb_agg(to_jsonb(i) - 'user_id' - 'meal_plan_id'
                                     ORDER BY i.day_index, i.meal_slot, i.position), '[]')
           FROM meal_plan_items i WHERE i.meal_plan_id = p.id AND i.user_id = p.user_id))
         ORDER BY p.week_start_date, p.id), '[]')::text
FROM meal_plans p WHERE p.user_id = $1::uuid)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

date parse_day(std::string_view text) {
  return date(time::parse_date(text).value());
}

std::string day_text(date d) {
  return time::format_date(std::chrono::year_month_day(d));
}

// A PostgreSQL array literal; text quoted and escaped, absent values NULL.
template <class Get>
std::string array_of(const std::vector<item_input>& items, Get get) {
  std::string out = "{";
  for (std::size_t n = 0; n < items.size(); ++n) {
    if (n > 0) {
      out += ',';
    }
    auto v = get(items[n]);
    using V = std::remove_cvref_t<decltype(v)>;
    if constexpr (std::is_same_v<V, std::optional<std::string>>) {
      if (!v) {
        out += "NULL";
        continue;
      }
      out += '"';
      for (char c : *v) {
        if (c == '"' || c == '\\') {
          out += '\\';
        }
        out += c;
      }
      out += '"';
    } else if constexpr (std::is_same_v<V, double>) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", v);
      out += buf;
    } else {
      out += std::to_string(v);
    }
  }
  out += '}';
  return out;
}

void add_item_arrays(pg::params& args, const std::vector<item_input>& items) {
  using text = std::optional<std::string>;
  args.add(array_of(items, [](const item_input& i) { return i.day; }));
  args.add(array_of(items, [](const item_input& i) { return text(i.slot); }));
  args.add(array_of(items, [](const item_input& i) { return i.recipe_id; }));
  args.add(array_of(items, [](const item_input& i) { return i.product_id; }));
  args.add(array_of(items, [](const item_input& i) { return i.free_text; }));
  args.add(array_of(items, [](const item_input& i) { return i.servings; }));
}

meal_plan read_plan_row(const pg::row& row) {
  meal_plan p;
  p.id = row.get<std::string>(0);
  p.name = row.get<std::optional<std::string>>(1);
  p.week_start = parse_day(row.text(2));
  p.created_at = from_us(row.get<pg::timestamp_us>(3).value);
  p.updated_at = from_us(row.get<pg::timestamp_us>(4).value);
  return p;
}

plan_item read_item(const pg::row& row) {
  plan_item i;
  i.id = row.get<std::string>(1);
  i.day = row.get<int>(2);
  i.slot = row.get<std::string>(3);
  i.position = row.get<int>(4);
  i.servings = row.get<double>(5);
  i.recipe_id = row.get<std::optional<std::string>>(6);
  i.product_id = row.get<std::optional<std::string>>(7);
  i.free_text = row.get<std::optional<std::string>>(8);
  i.name = row.get<std::optional<std::string>>(9);
  i.slug = row.get<std::optional<std::string>>(10);
  i.code = row.get<std::optional<std::string>>(11);
  i.recipe_active = row.get<bool>(12);
  i.kcal_per_serving = row.get<std::optional<double>>(13);
  return i;
}

std::vector<meal_plan> join(const pg::result& plans, const pg::result& items) {
  std::vector<meal_plan> out;
  std::unordered_map<std::string, std::size_t> index;
  for (auto row : plans) {
    index[std::string(row.text(0))] = out.size();
    out.push_back(read_plan_row(row));
  }
  for (auto row : items) {
    auto it = index.find(std::string(row.text(0)));
    if (it != index.end()) {
      out[it->second].items.push_back(read_item(row));
    }
  }
  return out;
}

std::string uuid_array(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (std::size_t n = 0; n < ids.size(); ++n) {
    out += (n ? "," : "");
    out += ids[n];
  }
  return out + "}";
}

}  // namespace

awaitable<plan_page> list_plans(pg::database& db, std::string user_id, plan_list_query q) {
  std::optional<std::string> week;
  if (q.week) {
    week = day_text(*q.week);
  }
  std::optional<std::string> after_day;
  std::optional<std::string> after_id;
  if (q.after) {
    after_day = day_text(q.after->first);
    after_id = q.after->second;
  }
  pg::params args{user_id, week, after_day, after_id, q.limit + 1};
  std::vector<pg::command> commands{{&list_plans_sql, args}, {&list_items_sql, args}};
  auto results = co_await db.pipeline(commands);
  plan_page page;
  page.items = join(results[0], results[1]);
  if (static_cast<int>(page.items.size()) > q.limit) {
    page.items.pop_back();
    page.has_more = true;
  }
  co_return page;
}

awaitable<std::optional<meal_plan>> find_plan(pg::database& db, std::string user_id,
                                              std::string id) {
  std::vector<pg::command> commands{{&find_plan_sql, {user_id, id}},
                                    {&find_items_sql, {user_id, id}}};
  auto results = co_await db.pipeline(commands);
  auto plans = join(results[0], results[1]);
  if (plans.empty()) {
    co_return std::nullopt;
  }
  co_return std::move(plans.front());
}

awaitable<std::optional<meal_plan>> create_plan(pg::database& db, std::string user_id,
                                                plan_input in) {
  pg::params args{user_id, in.name, day_text(in.week_start)};
  add_item_arrays(args, in.items);
  std::string id;
  try {
    auto rows = co_await db.query(create_plan_sql, args);
    id = rows[0].get<std::string>(0);
  } catch (const pg::error& e) {
    if (!e.is_exclusion_violation()) {
      throw;
    }
  }
  if (id.empty()) {
    co_return std::nullopt;  // outside the catch: no co_await in a handler
  }
  co_return co_await find_plan(db, std::move(user_id), std::move(id));
}

awaitable<std::optional<std::set<std::string>>> lock_plan(pg::transaction& tx, std::string user_id,
                                                          std::string id) {
  std::vector<pg::command> commands{{&lock_plan_sql, {user_id, id}},
                                    {&plan_item_ids_sql, {user_id, id}}};
  auto results = co_await tx.pipeline(commands);
  if (results[0].size() == 0) {
    co_return std::nullopt;
  }
  std::set<std::string> ids;
  for (auto row : results[1]) {
    ids.insert(row.get<std::string>(0));
  }
  co_return ids;
}

awaitable<meal_plan> apply_patch(pg::transaction& tx, std::string user_id, std::string id,
                                 plan_patch p) {
  std::vector<pg::command> commands;
  commands.push_back({&rename_plan_sql, {user_id, id, p.set_name, p.name}});
  if (!p.remove.empty()) {
    commands.push_back({&remove_items_sql, {user_id, id, uuid_array(p.remove)}});
  }
  for (const auto& m : p.move) {
    commands.push_back({&move_item_sql, {user_id, id, m.item_id, m.day, m.slot, m.servings}});
  }
  if (!p.add.empty()) {
    pg::params args{user_id, id};
    add_item_arrays(args, p.add);
    commands.push_back({&add_items_sql, std::move(args)});
  }
  commands.push_back({&find_plan_sql, {user_id, id}});
  commands.push_back({&find_items_sql, {user_id, id}});
  auto results = co_await tx.pipeline(commands);
  auto plans = join(results[results.size() - 2], results.back());
  co_return std::move(plans.at(0));
}

awaitable<bool> delete_plan(pg::database& db, std::string user_id, std::string id) {
  auto rows = co_await db.query(delete_plan_sql, {user_id, id});
  co_return rows.affected_rows() == 1;
}

awaitable<std::set<std::string>> known_products(pg::database& db, std::vector<std::string> ids) {
  std::set<std::string> out;
  if (ids.empty()) {
    co_return out;
  }
  auto rows = co_await db.query(known_products_sql, {uuid_array(ids)});
  for (auto row : rows) {
    out.insert(row.get<std::string>(0));
  }
  co_return out;
}

awaitable<std::string> export_plans(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands{{&pg::utc_for_this_transaction, {}},
                                    {&export_plans_sql, {user_id}}};
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::nutrition::store
