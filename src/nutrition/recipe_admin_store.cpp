// SQL of the recipes' administration as named statements. jsonb string arrays come back joined
// with the unit separator (as in recipes_store.cpp); what the statements take as jsonb is
// written with json::writer. Audit entries leave out created_at, updated_at and version (not
// content) and carry the ingredients (without their row ids: replacing them is not a change).
#include "nutrition/recipe_admin_store.hpp"

#include "core/json_writer.hpp"
#include "core/pg/database.hpp"

namespace ugoki::nutrition::recipe_admin_store {

namespace {

// The 25 columns read_recipe reads, from a recipes row named `r`.
#define UGOKI_AGG(column)                                     \
  "(SELECT coalesce(string_agg(v, E'\\x1f' ORDER BY n), '') " \
  "FROM jsonb_array_elements_text(r." column ") WITH ORDINALITY a(v, n))"
#define UGOKI_RECIPE_COLUMNS \
  "r.id::text, r.slug, r.name, r.description, " UGOKI_AGG("instructions") ", "                 \
  "r.prep_time_minutes, r.cook_time_minutes, r.servings, r.kcal::float8, r.protein_g::float8, " \
  "r.carbs_g::float8, r.fat_g::float8, r.fiber_g::float8, r.sugar_g::float8, "                 \
  "r.sodium_mg::float8, " UGOKI_AGG("diet_types") ", " UGOKI_AGG("allergens") ", "             \
  UGOKI_AGG("meal_types") ", " UGOKI_AGG("tags") ", r.is_premium, r.is_active, r.image_url, "  \
  "r.translations::text, r.version, "                                                          \
  "to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
// The audit's view of recipe row `r`: its content and its ingredients in order.
#define UGOKI_RECIPE_AUDIT                                                          \
  "((to_jsonb(r) - 'updated_at' - 'created_at' - 'version') || jsonb_build_object(" \
  "'ingredients', (SELECT coalesce(jsonb_agg(to_jsonb(i) - 'id' - 'recipe_id' - "   \
  "'created_at' - 'updated_at' ORDER BY i.position), '[]'::jsonb) "                 \
  "FROM recipe_ingredients i WHERE i.recipe_id = r.id)))"

// $1 q or NULL, $2 limit, $3 offset.
constexpr pg::statement list_sql{"recipe_admin.list", "SELECT " UGOKI_RECIPE_COLUMNS R"(
FROM recipes r
WHERE $1::text IS NULL OR strpos(lower(r.name), lower($1::text)) > 0
   OR strpos(r.slug, lower($1::text)) > 0
ORDER BY r.name COLLATE "C", r.id LIMIT $2::int8 OFFSET $3::int8)"};

constexpr pg::statement count_sql{"recipe_admin.count", R"(
SELECT count(*) FROM recipes r
WHERE $1::text IS NULL OR strpos(lower(r.name), lower($1::text)) > 0
   OR strpos(r.slug, lower($1::text)) > 0)"};

constexpr pg::statement find_sql{"recipe_admin.find", "SELECT " UGOKI_RECIPE_COLUMNS R"(
FROM recipes r WHERE r.id = $1::uuid)"};

constexpr pg::statement ingredients_sql{"recipe_admin.ingredients", R"(
SELECT position, name, quantity::float8, unit, notes, aisle
FROM recipe_ingredients WHERE recipe_id = $1::uuid ORDER BY position)"};

constexpr pg::statement lock_sql{"recipe_admin.lock",
                                 "SELECT " UGOKI_RECIPE_COLUMNS ", " UGOKI_RECIPE_AUDIT R"(::text
FROM recipes r WHERE r.id = $1::uuid FOR UPDATE)"};

// $1 slug, $2 name, ... (the fields, as in update_sql's $2..$19 but translations whole).
constexpr pg::statement insert_sql{"recipe_admin.insert", R"(
INSERT INTO recipes (slug, name, description, instructions, prep_time_minutes, cook_time_minutes,
                     servings, kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg,
                     diet_types, allergens, meal_types, tags, is_premium, is_active, image_url,
                     translations)
VALUES ($1, $2, $3, $4::jsonb, $5::int4, $6::int4, $7::int4, $8::int4, $9::numeric,
        $10::numeric, $11::numeric, $12::numeric, $13::numeric, $14::numeric, $15::jsonb,
        $16::jsonb, $17::jsonb, $18::jsonb, $19::bool, $20::bool, $21, $22::jsonb)
ON CONFLICT (slug) DO NOTHING
RETURNING id::text)"};

// $1 id, $2.. the fields but slug, $21 languages removed (a jsonb array), $22 languages set.
constexpr pg::statement update_sql{"recipe_admin.update", R"(
UPDATE recipes
   SET name = $2, description = $3, instructions = $4::jsonb, prep_time_minutes = $5::int4,
       cook_time_minutes = $6::int4, servings = $7::int4, kcal = $8::int4,
       protein_g = $9::numeric, carbs_g = $10::numeric, fat_g = $11::numeric,
       fiber_g = $12::numeric, sugar_g = $13::numeric, sodium_mg = $14::numeric,
       diet_types = $15::jsonb, allergens = $16::jsonb, meal_types = $17::jsonb,
       tags = $18::jsonb, is_premium = $19::bool, is_active = $20::bool, image_url = $21,
       translations = (translations - ARRAY(SELECT jsonb_array_elements_text($22::jsonb)))
                      || $23::jsonb
 WHERE id = $1::uuid)"};

constexpr pg::statement drop_ingredients_sql{"recipe_admin.drop_ingredients", R"(
DELETE FROM recipe_ingredients WHERE recipe_id = $1::uuid)"};

// $1 recipe id, $2 the ingredients as a jsonb array of records.
constexpr pg::statement add_ingredients_sql{"recipe_admin.add_ingredients", R"(
INSERT INTO recipe_ingredients (recipe_id, position, name, quantity, unit, notes, aisle)
SELECT $1::uuid, x.position, x.name, x.quantity, x.unit, x.notes, x.aisle
FROM jsonb_to_recordset($2::jsonb)
     AS x(position int4, name text, quantity numeric, unit text, notes text, aisle text))"};

// $1 id, $2 actor, $3 action, $4 before (NULL for a create), $5 request id. The after is the
// row as this transaction now sees it (NULL once deleted).
constexpr pg::statement audit_sql{"recipe_admin.audit", R"(
SELECT admin_audit($2::uuid, 'nutrition.recipe', $1::text, $3, $4::jsonb,
                   (SELECT )" UGOKI_RECIPE_AUDIT R"( FROM recipes r WHERE r.id = $1::uuid), $5))"};

constexpr pg::statement references_sql{"recipe_admin.references", R"(
SELECT (SELECT count(*) FROM meal_plan_items WHERE recipe_id = $1::uuid),
       (SELECT count(*) FROM meal_log_items WHERE recipe_id = $1::uuid)
       + (SELECT count(*) FROM meal_logs WHERE recipe_id = $1::uuid))"};

// The slug is remembered so `ugoki seed` does not bring a seeded recipe back (migration 0036).
constexpr pg::statement delete_sql{"recipe_admin.delete", R"(
WITH gone AS (DELETE FROM recipes WHERE id = $1::uuid RETURNING slug)
INSERT INTO recipe_deletions (slug) SELECT slug FROM gone
ON CONFLICT (slug) DO UPDATE SET deleted_at = now())"};

// An admin's create at a slug an admin deleted before: the seed may leave it alone again.
constexpr pg::statement undelete_sql{"recipe_admin.undelete", R"(
DELETE FROM recipe_deletions WHERE slug = $1)"};

#undef UGOKI_RECIPE_AUDIT
#undef UGOKI_RECIPE_COLUMNS
#undef UGOKI_AGG

admin_recipe read_recipe(const pg::row& row) {
  admin_recipe out;
  recipe& r = out.r;
  r.id = row.get<std::string>(0);
  r.slug = row.get<std::string>(1);
  r.name = row.get<std::string>(2);
  r.description = row.get<std::string>(3);
  r.steps = pg::split_aggregate(row.text(4));
  r.prep_minutes = row.get<int>(5);
  r.cook_minutes = row.get<int>(6);
  r.servings = row.get<int>(7);
  r.per_serving = {row.get<double>(8),  row.get<double>(9),  row.get<double>(10),
                   row.get<double>(11), row.get<double>(12), row.get<double>(13),
                   row.get<double>(14)};
  r.diet_types = pg::split_aggregate(row.text(15));
  r.allergens = pg::split_aggregate(row.text(16));
  r.meal_types = pg::split_aggregate(row.text(17));
  r.tags = pg::split_aggregate(row.text(18));
  r.is_premium = row.get<bool>(19);
  r.active = row.get<bool>(20);
  r.image_url = row.get<std::optional<std::string>>(21);
  out.translations_json = row.get<std::string>(22);
  out.version = row.get<std::int64_t>(23);
  out.updated_at = row.get<std::string>(24);
  return out;
}

std::vector<ingredient> read_ingredients(const pg::result& rows) {
  std::vector<ingredient> out;
  for (const auto& row : rows) {
    ingredient i;
    i.position = row.get<int>(0);
    i.name = row.get<std::string>(1);
    i.quantity = row.get<std::optional<double>>(2);
    i.unit = row.get<std::optional<std::string>>(3);
    i.notes = row.get<std::optional<std::string>>(4);
    i.aisle = row.get<std::string>(5);
    out.push_back(std::move(i));
  }
  return out;
}

std::string json_strings(const std::vector<std::string>& v) {
  json::writer w;
  w.begin_array();
  for (const auto& s : v) {
    w.value(s);
  }
  w.end_array();
  return w.take();
}

std::string json_ingredients(const std::vector<ingredient>& v) {
  json::writer w;
  w.begin_array();
  for (const auto& i : v) {
    w.begin_object()
        .member("position", i.position)
        .member("name", i.name)
        .member("quantity", i.quantity)
        .member("unit", i.unit)
        .member("notes", i.notes)
        .member("aisle", i.aisle)
        .end_object();
  }
  w.end_array();
  return w.take();
}

// The fields but slug and translations, in the statements' order.
void add_fields(pg::params& args, const recipe& r) {
  args.add(r.name);
  args.add(r.description);
  args.add(json_strings(r.steps));
  args.add(r.prep_minutes);
  args.add(r.cook_minutes);
  args.add(r.servings);
  args.add(static_cast<int>(r.per_serving.kcal));
  args.add(r.per_serving.protein_g);
  args.add(r.per_serving.carbs_g);
  args.add(r.per_serving.fat_g);
  args.add(r.per_serving.fiber_g);
  args.add(r.per_serving.sugar_g);
  args.add(r.per_serving.sodium_mg);
  args.add(json_strings(r.diet_types));
  args.add(json_strings(r.allergens));
  args.add(json_strings(r.meal_types));
  args.add(json_strings(r.tags));
  args.add(r.is_premium);
  args.add(r.active);
  args.add(r.image_url);
}

}  // namespace

boost::asio::awaitable<admin_recipe_page> list_recipes(pg::database& db,
                                                       const admin_recipe_query& q) {
  std::vector<pg::command> commands;
  commands.push_back({&list_sql, pg::params{q.q, std::int64_t{q.per_page},
                                            std::int64_t{q.page - 1} * q.per_page}});
  commands.push_back({&count_sql, pg::params{q.q}});
  auto results = co_await db.pipeline(commands);
  admin_recipe_page out;
  out.page = q.page;
  out.per_page = q.per_page;
  for (const auto& row : results[0]) {
    out.items.push_back(read_recipe(row));
  }
  out.total = results[1][0].get<std::int64_t>(0);
  co_return out;
}

boost::asio::awaitable<std::optional<admin_recipe>> find_recipe(pg::database& db, std::string id) {
  std::vector<pg::command> commands;
  commands.push_back({&find_sql, pg::params{id}});
  commands.push_back({&ingredients_sql, pg::params{id}});
  auto results = co_await db.pipeline(commands);
  if (results[0].empty()) {
    co_return std::nullopt;
  }
  admin_recipe out = read_recipe(results[0][0]);
  out.r.ingredients = read_ingredients(results[1]);
  co_return out;
}

boost::asio::awaitable<std::optional<admin_recipe>> insert_recipe(pg::database& db,
                                                                  const admin_recipe& a,
                                                                  const actor& who) {
  pg::transaction tx = co_await db.begin();
  pg::params args{a.r.slug};
  add_fields(args, a.r);
  args.add(a.translations_json);
  auto inserted = co_await tx.query(insert_sql, args);
  if (inserted.empty()) {
    co_return std::nullopt;
  }
  const std::string id = inserted[0].get<std::string>(0);
  std::vector<pg::command> commands;
  commands.push_back({&add_ingredients_sql, pg::params{id, json_ingredients(a.r.ingredients)}});
  commands.push_back({&undelete_sql, pg::params{a.r.slug}});
  commands.push_back(
      {&audit_sql, pg::params{id, who.user_id, "create", std::nullopt, who.request_id}});
  commands.push_back({&find_sql, pg::params{id}});
  commands.push_back({&ingredients_sql, pg::params{id}});
  auto results = co_await tx.pipeline(commands);
  admin_recipe out = read_recipe(results[3][0]);
  out.r.ingredients = read_ingredients(results[4]);
  co_await tx.commit();
  co_return out;
}

boost::asio::awaitable<std::optional<locked_recipe>> lock_recipe(pg::transaction& tx,
                                                                 std::string id) {
  std::vector<pg::command> commands;
  commands.push_back({&lock_sql, pg::params{id}});
  commands.push_back({&ingredients_sql, pg::params{id}});
  auto results = co_await tx.pipeline(commands);
  if (results[0].empty()) {
    co_return std::nullopt;
  }
  locked_recipe out{read_recipe(results[0][0]), results[0][0].get<std::string>(25)};
  out.recipe.r.ingredients = read_ingredients(results[1]);
  co_return out;
}

boost::asio::awaitable<admin_recipe> write_recipe(pg::transaction& tx, const admin_recipe& a,
                                                  bool ingredients_changed,
                                                  const translations_change& translations,
                                                  const std::string& audit_before, const actor& who,
                                                  std::string action) {
  const std::string& id = a.r.id;
  pg::params update{id};
  add_fields(update, a.r);
  update.add(json_strings(translations.remove));
  update.add(translations.set_json);
  std::vector<pg::command> commands;
  commands.push_back({&update_sql, std::move(update)});
  if (ingredients_changed) {
    commands.push_back({&drop_ingredients_sql, pg::params{id}});
    commands.push_back({&add_ingredients_sql, pg::params{id, json_ingredients(a.r.ingredients)}});
  }
  commands.push_back(
      {&audit_sql, pg::params{id, who.user_id, std::move(action), audit_before, who.request_id}});
  commands.push_back({&find_sql, pg::params{id}});
  commands.push_back({&ingredients_sql, pg::params{id}});
  auto results = co_await tx.pipeline(commands);
  const std::size_t n = results.size();
  admin_recipe out = read_recipe(results[n - 2][0]);
  out.r.ingredients = read_ingredients(results[n - 1]);
  co_return out;
}

boost::asio::awaitable<recipe_references> references_of(pg::transaction& tx, std::string id) {
  auto rows = co_await tx.query(references_sql, pg::params{std::move(id)});
  co_return recipe_references{rows[0].get<std::int64_t>(0), rows[0].get<std::int64_t>(1)};
}

boost::asio::awaitable<void> delete_recipe(pg::transaction& tx, std::string id,
                                           const std::string& audit_before, const actor& who) {
  std::vector<pg::command> commands;
  commands.push_back({&delete_sql, pg::params{id}});
  commands.push_back(
      {&audit_sql, pg::params{id, who.user_id, "delete", audit_before, who.request_id}});
  co_await tx.pipeline(commands);
}

}  // namespace ugoki::nutrition::recipe_admin_store
