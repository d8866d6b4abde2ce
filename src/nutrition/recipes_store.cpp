// SQL of the recipe snapshot, as named statements. jsonb string arrays come back joined with the
// unit separator (U+001F, never in our text) so this file needs no JSON parser.
#include "nutrition/recipes_store.hpp"

#include <string_view>

#include "core/pg/database.hpp"

namespace ugoki::nutrition::store {

namespace {

constexpr pg::statement recipes_sql{"nutrition.load_recipes", R"(
SELECT r.id::text, r.slug, r.name, r.description,
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.instructions) WITH ORDINALITY a(v, n)),
       r.prep_time_minutes, r.cook_time_minutes, r.servings,
       r.kcal::float8, r.protein_g::float8, r.carbs_g::float8, r.fat_g::float8,
       r.fiber_g::float8, r.sugar_g::float8, r.sodium_mg::float8,
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.diet_types) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.allergens) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.meal_types) WITH ORDINALITY a(v, n)),
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(r.tags) WITH ORDINALITY a(v, n)),
       r.is_premium, r.is_active, r.image_url
FROM recipes r ORDER BY r.name COLLATE "C", r.id)"};

constexpr pg::statement ingredients_sql{"nutrition.load_recipe_ingredients", R"(
SELECT recipe_id::text, position, name, quantity::float8, unit, notes, aisle
FROM recipe_ingredients ORDER BY recipe_id, position)"};

// Each recipe's translations, one row per language: the text fields (null when missing) and
// the steps joined like the arrays above (a flag says whether the translation has steps).
constexpr pg::statement translations_sql{"nutrition.load_recipe_translations", R"(
SELECT r.id::text, t.key, t.value->>'name', t.value->>'description', t.value ? 'steps',
       (SELECT coalesce(string_agg(v, E'\x1f' ORDER BY n), '')
        FROM jsonb_array_elements_text(coalesce(t.value->'steps', '[]')) WITH ORDINALITY a(v, n))
FROM recipes r, jsonb_each(r.translations) t
ORDER BY r.id, t.key)"};

// The translated ingredient texts, one row per (recipe, language, position).
constexpr pg::statement translated_ingredients_sql{"nutrition.load_recipe_ingredient_texts", R"(
SELECT r.id::text, t.key, i.key::int4, i.value->>'name', i.value->>'notes'
FROM recipes r, jsonb_each(r.translations) t,
     jsonb_each(coalesce(t.value->'ingredients', '{}')) i
ORDER BY r.id, t.key, i.key::int4)"};

}  // namespace

boost::asio::awaitable<recipe_book> load_recipes(pg::database& db) {
  std::vector<pg::command> commands{{&recipes_sql, {}},
                                    {&ingredients_sql, {}},
                                    {&translations_sql, {}},
                                    {&translated_ingredients_sql, {}}};
  auto results = co_await db.pipeline(commands);
  recipe_book book;
  std::unordered_map<std::string, std::size_t> index;
  for (auto row : results[0]) {
    recipe r;
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
    index[r.id] = book.recipes.size();
    book.recipes.push_back(std::move(r));
  }
  for (auto row : results[1]) {
    auto it = index.find(std::string(row.text(0)));
    if (it == index.end()) {
      continue;
    }
    ingredient i;
    i.position = row.get<int>(1);
    i.name = row.get<std::string>(2);
    i.quantity = row.get<std::optional<double>>(3);
    i.unit = row.get<std::optional<std::string>>(4);
    i.notes = row.get<std::optional<std::string>>(5);
    i.aisle = row.get<std::string>(6);
    book.recipes[it->second].ingredients.push_back(std::move(i));
  }
  for (auto row : results[2]) {
    auto it = index.find(std::string(row.text(0)));
    if (it == index.end()) {
      continue;
    }
    recipe_translation& t = book.recipes[it->second].translations[row.get<std::string>(1)];
    t.name = row.get<std::optional<std::string>>(2);
    t.description = row.get<std::optional<std::string>>(3);
    if (row.get<bool>(4)) {
      t.steps = pg::split_aggregate(row.text(5));
    }
  }
  for (auto row : results[3]) {
    auto it = index.find(std::string(row.text(0)));
    if (it == index.end()) {
      continue;
    }
    ingredient_text& x =
        book.recipes[it->second].translations[row.get<std::string>(1)].ingredients[row.get<int>(2)];
    x.name = row.get<std::optional<std::string>>(3);
    x.notes = row.get<std::optional<std::string>>(4);
  }
  co_return book;
}

}  // namespace ugoki::nutrition::store
