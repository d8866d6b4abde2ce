// SQL of the shopping list, as named statements (shopping_store.hpp).
#include "nutrition/shopping_store.hpp"

#include <algorithm>
#include <cstdio>

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::nutrition::store {

namespace {

using boost::asio::awaitable;

// Every read of items returns these columns (read_shopping_item).
constexpr pg::statement lock_week_plan_sql{"nutrition.shopping_lock_week_plan", R"(
SELECT id::text, week_start_date::text FROM meal_plans
WHERE user_id = $1::uuid AND deleted_at IS NULL
  AND week_start_date <= $2::date AND $2::date < week_start_date + 7
FOR UPDATE)"};

// The same plan's items (the predicate repeated, so both go in one round trip).
constexpr pg::statement week_plan_items_sql{"nutrition.shopping_week_plan_items", R"(
SELECT i.recipe_id::text, p.name, i.servings::float8
FROM meal_plan_items i
JOIN meal_plans m ON m.id = i.meal_plan_id AND m.user_id = i.user_id
LEFT JOIN food_products p ON p.id = i.product_id
WHERE i.user_id = $1::uuid AND m.deleted_at IS NULL
  AND m.week_start_date <= $2::date AND $2::date < m.week_start_date + 7
  AND (i.recipe_id IS NOT NULL OR i.product_id IS NOT NULL))"};

// Regeneration in place: a line's row is found by (user, plan, item_key). A checked row stays
// checked only while its quantity and unit are unchanged; unchanged rows are not written (their
// updated_at stays).
constexpr pg::statement upsert_lines_sql{"nutrition.shopping_upsert_lines", R"(
INSERT INTO shopping_list_items AS s (user_id, meal_plan_id, item_key, name, quantity, unit,
                                      category, position)
SELECT $1::uuid, $2::uuid, u.item_key, u.name, u.quantity, u.unit, u.aisle, u.n - 1
FROM unnest($3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[])
     WITH ORDINALITY AS u(item_key, name, quantity, unit, aisle, n)
ON CONFLICT (user_id, meal_plan_id, item_key) WHERE meal_plan_id IS NOT NULL DO UPDATE
SET name = EXCLUDED.name, quantity = EXCLUDED.quantity, unit = EXCLUDED.unit,
    category = EXCLUDED.category, position = EXCLUDED.position,
    checked = s.checked AND s.quantity IS NOT DISTINCT FROM EXCLUDED.quantity
              AND s.unit IS NOT DISTINCT FROM EXCLUDED.unit,
    checked_at = CASE WHEN s.quantity IS NOT DISTINCT FROM EXCLUDED.quantity
                           AND s.unit IS NOT DISTINCT FROM EXCLUDED.unit THEN s.checked_at END
WHERE (s.name, s.quantity, s.unit, s.category, s.position)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.quantity, EXCLUDED.unit, EXCLUDED.category,
                        EXCLUDED.position))"};

// Lines that left the plan go, unless checked (bought: they stay until cleared).
constexpr pg::statement drop_stale_lines_sql{"nutrition.shopping_drop_stale_lines", R"(
DELETE FROM shopping_list_items
WHERE user_id = $1::uuid AND meal_plan_id = $2::uuid AND NOT checked
  AND item_key <> ALL($3::text[]))"};

constexpr pg::statement week_items_sql{"nutrition.shopping_week_items", R"(
SELECT id::text, meal_plan_id::text, name, quantity::float8, unit, coalesce(category, 'other'),
       checked, checked_at, position, created_at, updated_at
FROM shopping_list_items
WHERE user_id = $1::uuid AND (meal_plan_id = $2::uuid OR meal_plan_id IS NULL))"};

constexpr pg::statement list_items_sql{"nutrition.shopping_list_items", R"(
SELECT id::text, meal_plan_id::text, name, quantity::float8, unit, coalesce(category, 'other'),
       checked, checked_at, position, created_at, updated_at
FROM shopping_list_items WHERE user_id = $1::uuid)"};

// The cap is checked in the insert itself; two concurrent adds at the cap may both pass, which
// only lets the list grow by one past it.
constexpr pg::statement add_item_sql{"nutrition.shopping_add_item", R"(
INSERT INTO shopping_list_items (user_id, name, quantity, unit, category)
SELECT $1::uuid, $2, $3::numeric, $4, $5
WHERE (SELECT count(*) FROM shopping_list_items
       WHERE user_id = $1::uuid AND meal_plan_id IS NULL) < $6::int
RETURNING id::text, meal_plan_id::text, name, quantity::float8, unit, coalesce(category, 'other'),
       checked, checked_at, position, created_at, updated_at)"};

constexpr pg::statement lock_item_sql{"nutrition.shopping_lock_item", R"(
SELECT id::text, meal_plan_id::text, name, quantity::float8, unit, coalesce(category, 'other'),
       checked, checked_at, position, created_at, updated_at
FROM shopping_list_items WHERE user_id = $1::uuid AND id = $2::uuid FOR UPDATE)"};

constexpr pg::statement update_item_sql{"nutrition.shopping_update_item", R"(
UPDATE shopping_list_items
SET checked = coalesce($3::bool, checked),
    checked_at = CASE WHEN $3::bool IS NULL THEN checked_at
                      WHEN $3::bool AND checked THEN checked_at
                      WHEN $3::bool THEN now() END,
    name = coalesce($4, name),
    quantity = CASE WHEN $5::bool THEN $6::numeric ELSE quantity END,
    unit = CASE WHEN $5::bool THEN $7 ELSE unit END,
    category = coalesce($8, category)
WHERE user_id = $1::uuid AND id = $2::uuid
RETURNING id::text, meal_plan_id::text, name, quantity::float8, unit, coalesce(category, 'other'),
       checked, checked_at, position, created_at, updated_at)"};

constexpr pg::statement delete_item_sql{"nutrition.shopping_delete_item", R"(
DELETE FROM shopping_list_items WHERE user_id = $1::uuid AND id = $2::uuid)"};

constexpr pg::statement clear_checked_sql{"nutrition.shopping_clear_checked", R"(
DELETE FROM shopping_list_items WHERE user_id = $1::uuid AND checked)"};

// The internal aggregation key is not the user's data; category is shown as "aisle".
constexpr pg::statement export_items_sql{"nutrition.shopping_export", R"(
SELECT coalesce(jsonb_agg(
         (to_jsonb(s) - 'user_id' - 'item_key' - 'category')
           || jsonb_build_object('aisle', coalesce(s.category, 'other'))
         ORDER BY s.created_at, s.id), '[]')::text
FROM shopping_list_items s WHERE s.user_id = $1::uuid)"};

instant shopping_instant(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

shopping_item read_shopping_item(const pg::row& row) {
  shopping_item i;
  i.id = row.get<std::string>(0);
  i.meal_plan_id = row.get<std::optional<std::string>>(1);
  i.name = row.get<std::string>(2);
  i.quantity = row.get<std::optional<double>>(3);
  i.unit = row.get<std::optional<std::string>>(4);
  i.aisle = row.get<std::string>(5);
  const auto& aisles = units::aisles();
  if (std::find(aisles.begin(), aisles.end(), i.aisle) == aisles.end()) {
    i.aisle = "other";  // a category written before aisles had a vocabulary
  }
  i.checked = row.get<bool>(6);
  if (auto at = row.get<std::optional<pg::timestamp_us>>(7)) {
    i.checked_at = shopping_instant(at->value);
  }
  i.position = row.get<int>(8);
  i.created_at = shopping_instant(row.get<pg::timestamp_us>(9).value);
  i.updated_at = shopping_instant(row.get<pg::timestamp_us>(10).value);
  return i;
}

std::vector<shopping_item> read_shopping_items(const pg::result& rows) {
  std::vector<shopping_item> out;
  out.reserve(rows.size());
  for (auto row : rows) {
    out.push_back(read_shopping_item(row));
  }
  return out;
}

// A PostgreSQL array literal of `values`; every element quoted and escaped, absent ones NULL.
std::string text_array(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t n = 0; n < values.size(); ++n) {
    out += n ? "," : "";
    if (!values[n]) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (char c : *values[n]) {
      if (c == '"' || c == '\\') {
        out += '\\';
      }
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::optional<std::string> numeric_text(std::optional<double> v) {
  if (!v) {
    return std::nullopt;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return std::string(buf);
}

}  // namespace

awaitable<std::optional<week_plan>> lock_week_plan(pg::transaction& tx, std::string user_id,
                                                   date day) {
  std::string day_text = time::format_date(std::chrono::year_month_day(day));
  std::vector<pg::command> commands{{&lock_week_plan_sql, {user_id, day_text}},
                                    {&week_plan_items_sql, {user_id, day_text}}};
  auto results = co_await tx.pipeline(commands);
  if (results[0].empty()) {
    co_return std::nullopt;
  }
  week_plan p;
  p.id = results[0][0].get<std::string>(0);
  p.week_start = date(time::parse_date(results[0][0].text(1)).value());
  for (auto row : results[1]) {
    shopping::planned item;
    item.recipe_id = row.get<std::optional<std::string>>(0);
    if (!item.recipe_id) {
      item.product_name = row.get<std::optional<std::string>>(1).value_or("product");
    }
    item.servings = row.get<double>(2);
    p.items.push_back(std::move(item));
  }
  co_return p;
}

awaitable<std::vector<shopping_item>> sync_and_read(pg::transaction& tx, std::string user_id,
                                                    std::string plan_id,
                                                    std::vector<units::line> lines) {
  std::vector<std::optional<std::string>> keys, names, quantities, unit_names, aisles;
  for (auto& l : lines) {
    keys.emplace_back(l.key);
    names.emplace_back(l.name);
    quantities.push_back(numeric_text(l.quantity));
    unit_names.push_back(l.unit);
    aisles.emplace_back(l.aisle);
  }
  std::string key_array = text_array(keys);
  std::vector<pg::command> commands{
      {&upsert_lines_sql,
       {user_id, plan_id, key_array, text_array(names), text_array(quantities),
        text_array(unit_names), text_array(aisles)}},
      {&drop_stale_lines_sql, {user_id, plan_id, key_array}},
      {&week_items_sql, {user_id, plan_id}}};
  auto results = co_await tx.pipeline(commands);
  co_return read_shopping_items(results[2]);
}

awaitable<std::vector<shopping_item>> list_items(pg::database& db, std::string user_id) {
  co_return read_shopping_items(co_await db.query(list_items_sql, {user_id}));
}

awaitable<std::optional<shopping_item>> add_item(pg::database& db, std::string user_id,
                                                 shopping_input in, int max_manual) {
  auto rows = co_await db.query(add_item_sql, {user_id, in.name, numeric_text(in.quantity), in.unit,
                                               in.aisle.value_or("other"), max_manual});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_shopping_item(rows[0]);
}

awaitable<std::optional<shopping_item>> lock_item(pg::transaction& tx, std::string user_id,
                                                  std::string id) {
  auto rows = co_await tx.query(lock_item_sql, {user_id, id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_shopping_item(rows[0]);
}

awaitable<shopping_item> update_item(pg::transaction& tx, std::string user_id, std::string id,
                                     shopping_patch p) {
  auto rows = co_await tx.query(update_item_sql, {user_id, id, p.checked, p.name, p.set_quantity,
                                                  numeric_text(p.quantity), p.unit, p.aisle});
  co_return read_shopping_item(rows[0]);
}

awaitable<bool> delete_item(pg::database& db, std::string user_id, std::string id) {
  auto rows = co_await db.query(delete_item_sql, {user_id, id});
  co_return rows.affected_rows() == 1;
}

awaitable<std::int64_t> clear_checked(pg::database& db, std::string user_id) {
  auto rows = co_await db.query(clear_checked_sql, {user_id});
  co_return rows.affected_rows();
}

awaitable<std::string> export_items(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands{{&pg::utc_for_this_transaction, {}},
                                    {&export_items_sql, {user_id}}};
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::nutrition::store
