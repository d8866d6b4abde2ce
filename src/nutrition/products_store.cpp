// SQL for food_products as named statements. Nutriments live in jsonb objects keyed
// energy_kcal, proteins_g, carbohydrates_g, sugars_g, fat_g, saturated_fat_g, fiber_g, salt_g
// (migrations/0008, 0024); they come back as float8 columns, lists as comma-joined text.
#include "nutrition/products_store.hpp"

#include <cmath>
#include <string_view>

#include "core/json_writer.hpp"
#include "core/pg/database.hpp"
#include "nutrition/products_rows.hpp"

namespace ugoki::nutrition::products_store {

namespace {

// The public row first, then the caller's own submission unless an admin rejected it (their
// list and the id still show it, with the reason).
constexpr pg::statement find_by_code_sql{"food.find_by_code", "SELECT " UGOKI_PRODUCT_COLUMNS R"(
FROM food_products f
WHERE f.code = $1 AND f.found AND f.status <> 'rejected'
  AND (f.submitted_by IS NULL OR f.submitted_by = $2::uuid)
ORDER BY f.submitted_by NULLS FIRST LIMIT 1)"};

constexpr pg::statement find_by_id_sql{"food.find_by_id", "SELECT " UGOKI_PRODUCT_COLUMNS R"(
FROM food_products f
WHERE f.id = $1::uuid AND f.found AND (f.submitted_by IS NULL OR f.submitted_by = $2::uuid))"};

// $1: a JSON array of records (write_record). A user's submission of the same code is a
// different row (the unique indexes are partial), so it is never overwritten.
constexpr pg::statement upsert_sql{"food.upsert_public", R"(
INSERT INTO food_products AS f (code, found, name, brand, nutriments_100g, nutriments_serving,
                                serving_size, serving_size_g, nutriscore_grade, nova_group,
                                allergens, image_url, source, status, quality_flags, fetched_at)
SELECT r.code, true, r.name, r.brand, r.n100, r.nserv, r.serving_size, r.serving_g,
       r.nutriscore, r.nova, r.allergens, r.image_url, 'open_food_facts', 'published', r.flags,
       now()
FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, brand text, n100 jsonb,
                                         nserv jsonb, serving_size text, serving_g numeric,
                                         nutriscore text, nova int2, allergens jsonb,
                                         image_url text, flags jsonb)
ON CONFLICT (code) WHERE submitted_by IS NULL DO UPDATE
SET found = true, name = EXCLUDED.name, brand = EXCLUDED.brand,
    nutriments_100g = EXCLUDED.nutriments_100g, nutriments_serving = EXCLUDED.nutriments_serving,
    serving_size = EXCLUDED.serving_size, serving_size_g = EXCLUDED.serving_size_g,
    nutriscore_grade = EXCLUDED.nutriscore_grade, nova_group = EXCLUDED.nova_group,
    allergens = EXCLUDED.allergens, image_url = EXCLUDED.image_url,
    quality_flags = EXCLUDED.quality_flags, fetched_at = now()
RETURNING )" UGOKI_PRODUCT_COLUMNS};

// The import's batches: the same upsert, answering only how many rows it wrote; rows an admin
// has written are skipped.
constexpr pg::statement import_sql{"food.import_batch", R"(
INSERT INTO food_products AS f (code, found, name, brand, nutriments_100g, nutriments_serving,
                                serving_size, serving_size_g, nutriscore_grade, nova_group,
                                allergens, image_url, source, status, quality_flags, fetched_at)
SELECT r.code, true, r.name, r.brand, r.n100, r.nserv, r.serving_size, r.serving_g,
       r.nutriscore, r.nova, r.allergens, r.image_url, 'open_food_facts', 'published', r.flags,
       now()
FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, brand text, n100 jsonb,
                                         nserv jsonb, serving_size text, serving_g numeric,
                                         nutriscore text, nova int2, allergens jsonb,
                                         image_url text, flags jsonb)
ON CONFLICT (code) WHERE submitted_by IS NULL DO UPDATE
SET found = true, name = EXCLUDED.name, brand = EXCLUDED.brand,
    nutriments_100g = EXCLUDED.nutriments_100g, nutriments_serving = EXCLUDED.nutriments_serving,
    serving_size = EXCLUDED.serving_size, serving_size_g = EXCLUDED.serving_size_g,
    nutriscore_grade = EXCLUDED.nutriscore_grade, nova_group = EXCLUDED.nova_group,
    allergens = EXCLUDED.allergens, image_url = EXCLUDED.image_url,
    quality_flags = EXCLUDED.quality_flags, fetched_at = now()
-- A product an admin has fixed keeps the fix: the next export would bring the error back
-- (0033, admin_touched).
WHERE NOT admin_touched('nutrition.product', f.id::text)
RETURNING 1)"};

// Nothing is inserted when a public product of the code exists; the partial unique index
// refuses a second submission of the caller's (no row back) unless an admin rejected the first:
// then the new one replaces it, pending again, in the same row.
constexpr pg::statement insert_submission_sql{"food.insert_submission", R"(
INSERT INTO food_products AS f (code, found, name, brand, nutriments_100g, nutriments_serving,
                                serving_size, serving_size_g, allergens, source, status,
                                quality_flags, submitted_by)
SELECT r.code, true, r.name, r.brand, r.n100, r.nserv, r.serving_size, r.serving_g, '[]',
       'user', 'pending', r.flags, $2::uuid
FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, brand text, n100 jsonb,
                                         nserv jsonb, serving_size text, serving_g numeric,
                                         flags jsonb)
WHERE NOT EXISTS (SELECT 1 FROM food_products p WHERE p.code = r.code AND p.submitted_by IS NULL)
ON CONFLICT (submitted_by, code) WHERE submitted_by IS NOT NULL DO UPDATE
SET name = EXCLUDED.name, brand = EXCLUDED.brand, nutriments_100g = EXCLUDED.nutriments_100g,
    nutriments_serving = EXCLUDED.nutriments_serving, serving_size = EXCLUDED.serving_size,
    serving_size_g = EXCLUDED.serving_size_g, quality_flags = EXCLUDED.quality_flags,
    status = 'pending', review_reason = NULL, reviewed_at = NULL, reviewed_by = NULL,
    created_at = now()
WHERE f.status = 'rejected'
RETURNING )" UGOKI_PRODUCT_COLUMNS};

constexpr pg::statement list_submissions_sql{"food.list_submissions",
                                             "SELECT " UGOKI_PRODUCT_COLUMNS R"(
FROM food_products f WHERE f.submitted_by = $1::uuid OR f.contributed_by = $1::uuid
ORDER BY f.created_at DESC, f.id)"};

constexpr pg::statement export_sql{"food.export_products", R"(
SELECT coalesce(jsonb_agg(to_jsonb(t) - 'submitted_by' ORDER BY t.created_at), '[]')::text
FROM food_products t WHERE t.submitted_by = $1::uuid)"};

// The record set of `batch`: a JSON array of write_record's objects.
std::string records_of(const product* batch, std::size_t count) {
  json::writer w(512 * count + 2);
  w.begin_array();
  for (std::size_t i = 0; i < count; ++i) {
    products_rows::write_record(w, batch[i]);
  }
  w.end_array();
  return w.take();
}

std::optional<product> first(const pg::result& rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  return products_rows::read_product(rows[0]);
}

}  // namespace

boost::asio::awaitable<std::optional<product>> find_by_code(pg::database& db, std::string code,
                                                            std::string user_id) {
  pg::params args{code, user_id};
  auto rows = co_await db.query(find_by_code_sql, args);
  co_return first(rows);
}

boost::asio::awaitable<std::optional<product>> find_by_id(pg::database& db, std::string id,
                                                          std::string user_id) {
  pg::params args{id, user_id};
  auto rows = co_await db.query(find_by_id_sql, args);
  co_return first(rows);
}

boost::asio::awaitable<product> upsert_public(pg::database& db, const product& p) {
  pg::params args{records_of(&p, 1)};
  auto rows = co_await db.query(upsert_sql, args);
  co_return products_rows::read_product(rows[0]);
}

boost::asio::awaitable<std::optional<product>> insert_submission(pg::database& db,
                                                                 std::string user_id,
                                                                 const product& p) {
  pg::params args{records_of(&p, 1), user_id};
  auto rows = co_await db.query(insert_submission_sql, args);
  co_return first(rows);
}

boost::asio::awaitable<std::vector<product>> list_submissions(pg::database& db,
                                                              std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(list_submissions_sql, args);
  std::vector<product> out;
  for (const auto& row : rows) {
    out.push_back(products_rows::read_product(row));
  }
  co_return out;
}

boost::asio::awaitable<std::size_t> upsert_batch(pg::database& db,
                                                 const std::vector<product>& batch) {
  if (batch.empty()) {
    co_return 0;
  }
  pg::params args{records_of(batch.data(), batch.size())};
  auto rows = co_await db.query(import_sql, args);
  co_return rows.size();
}

boost::asio::awaitable<std::string> export_submissions(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands;
  commands.push_back({&pg::utc_for_this_transaction, pg::params{}});
  commands.push_back({&export_sql, pg::params{user_id}});
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::nutrition::products_store

namespace ugoki::nutrition::products_rows {

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) {
      comma = s.size();
    }
    out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Absent nutrients are left out of the object (the stored jsonb has only what is known).
void write_nutrients(json::writer& w, const nutrients& n) {
  w.begin_object();
  auto member = [&](std::string_view key, std::optional<double> v) {
    if (v && std::isfinite(*v)) {
      w.member(key, *v);
    }
  };
  member("energy_kcal", n.energy_kcal);
  member("proteins_g", n.proteins_g);
  member("carbohydrates_g", n.carbohydrates_g);
  member("sugars_g", n.sugars_g);
  member("fat_g", n.fat_g);
  member("saturated_fat_g", n.saturated_fat_g);
  member("fiber_g", n.fiber_g);
  member("salt_g", n.salt_g);
  w.end_object();
}

void write_list(json::writer& w, const std::vector<std::string>& list) {
  w.begin_array();
  for (const auto& item : list) {
    w.value(item);
  }
  w.end_array();
}

}  // namespace

product read_product(const pg::row& r) {
  product p;
  p.id = r.get<std::string>(0);
  p.code = r.get<std::string>(1);
  p.name = r.get<std::optional<std::string>>(2).value_or("");
  p.brands = r.get<std::optional<std::string>>(3);
  for (nutrients* n : {&p.per_100g, &p.per_serving}) {
    const int base = n == &p.per_100g ? 4 : 12;
    n->energy_kcal = r.get<std::optional<double>>(base + 0);
    n->proteins_g = r.get<std::optional<double>>(base + 1);
    n->carbohydrates_g = r.get<std::optional<double>>(base + 2);
    n->sugars_g = r.get<std::optional<double>>(base + 3);
    n->fat_g = r.get<std::optional<double>>(base + 4);
    n->saturated_fat_g = r.get<std::optional<double>>(base + 5);
    n->fiber_g = r.get<std::optional<double>>(base + 6);
    n->salt_g = r.get<std::optional<double>>(base + 7);
  }
  p.serving_size = r.get<std::optional<std::string>>(20);
  p.serving_quantity_g = r.get<std::optional<double>>(21);
  p.nutriscore_grade = r.get<std::optional<std::string>>(22);
  if (auto nova = r.get<std::optional<std::int64_t>>(23)) {
    p.nova_group = static_cast<int>(*nova);
  }
  p.allergens = split_list(r.get<std::string>(24));
  p.image_url = r.get<std::optional<std::string>>(25);
  p.source = r.get<std::string>(26);
  p.status = r.get<std::string>(27);
  p.quality_flags = split_list(r.get<std::string>(28));
  p.rejection_reason = r.get<std::optional<std::string>>(29);
  return p;
}

void write_record(json::writer& w, const product& p) {
  w.begin_object().member("code", p.code).member("name", p.name).member("brand", p.brands);
  w.key("n100");
  write_nutrients(w, p.per_100g);
  w.key("nserv");
  write_nutrients(w, p.per_serving);
  w.member("serving_size", p.serving_size)
      .member("serving_g", p.serving_quantity_g)
      .member("nutriscore", p.nutriscore_grade)
      .member("nova", p.nova_group);
  w.key("allergens");
  write_list(w, p.allergens);
  w.member("image_url", p.image_url);
  w.key("flags");
  write_list(w, p.quality_flags);
  w.end_object();
}

std::string record(const product& p) {
  json::writer w(1024);
  write_record(w, p);
  return w.take();
}

}  // namespace ugoki::nutrition::products_rows
