// SQL of the food products' administration as named statements. Audit entries name the entity
// `nutrition.product` and leave out what is not content (updated_at, fetched_at).
#include "nutrition/admin_store.hpp"

#include "core/pg/database.hpp"
#include "nutrition/products_rows.hpp"

namespace ugoki::nutrition::admin_store {

namespace {

// After UGOKI_PRODUCT_COLUMNS (30..35): who submitted (or contributed) it, when, the review,
// another public product of the same code, and the row's version.
#define UGOKI_REVIEW_COLUMNS                                                                  \
  ", coalesce(f.submitted_by, f.contributed_by)::text, "                                      \
  "to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "              \
  "to_char(f.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "             \
  "f.reviewed_by::text, "                                                                     \
  "(SELECT p.id::text FROM food_products p WHERE p.code = f.code AND p.submitted_by IS NULL " \
  "AND p.found AND p.id <> f.id), f.version"
// After UGOKI_PRODUCT_COLUMNS (30): the row's version (migration 0036).
#define UGOKI_VERSION_COLUMN ", f.version"

// The audit's view of a row: every column but the bookkeeping ones (the version included).
#define UGOKI_AUDIT_ROW(alias) "to_jsonb(" alias ") - 'updated_at' - 'fetched_at' - 'version'"

// Users' products: pending first (oldest first: a queue), then reviewed ones, newest review
// first. $1: a status or NULL for all.
constexpr pg::statement list_sql{"food_admin.list_reviews",
                                 "SELECT " UGOKI_PRODUCT_COLUMNS UGOKI_REVIEW_COLUMNS R"(
FROM food_products f
WHERE (f.submitted_by IS NOT NULL OR f.contributed_by IS NOT NULL)
  AND ($1::text IS NULL OR f.status = $1::text)
ORDER BY (f.status <> 'pending'), CASE WHEN f.status = 'pending' THEN f.created_at END,
         f.reviewed_at DESC NULLS LAST, f.created_at DESC, f.id
LIMIT $2::int8 OFFSET $3::int8)"};

constexpr pg::statement count_sql{"food_admin.count_reviews", R"(
SELECT count(*) FROM food_products f
WHERE (f.submitted_by IS NOT NULL OR f.contributed_by IS NOT NULL)
  AND ($1::text IS NULL OR f.status = $1::text))"};

constexpr pg::statement lock_submission_sql{"food_admin.lock_submission",
                                            "SELECT " UGOKI_PRODUCT_COLUMNS UGOKI_REVIEW_COLUMNS R"(
FROM food_products f
WHERE f.id = $1::uuid AND (f.submitted_by IS NOT NULL OR f.contributed_by IS NOT NULL)
FOR UPDATE OF f)"};

constexpr pg::statement lock_public_sql{"food_admin.lock_public",
                                        "SELECT " UGOKI_PRODUCT_COLUMNS UGOKI_VERSION_COLUMN R"(
FROM food_products f
WHERE f.id = $1::uuid AND f.submitted_by IS NULL AND f.found
FOR UPDATE OF f)"};

constexpr pg::statement find_public_sql{"food_admin.find_public",
                                        "SELECT " UGOKI_PRODUCT_COLUMNS UGOKI_VERSION_COLUMN R"(
FROM food_products f
WHERE f.id = $1::uuid AND f.submitted_by IS NULL AND f.found)"};

constexpr pg::statement public_id_sql{"food_admin.public_id", R"(
SELECT id::text FROM food_products
WHERE code = $1 AND submitted_by IS NULL AND found AND id <> $2::uuid)"};

// $1 id, $2 the record (products_rows::record), $3 actor, $4 request id. `before` reads the
// statement's snapshot: the row as it was.
constexpr pg::statement write_sql{"food_admin.write_product", R"(
WITH before AS (SELECT )" UGOKI_AUDIT_ROW("f") R"( AS j FROM food_products f
                 WHERE f.id = $1::uuid),
     after AS (
       UPDATE food_products f
          SET code = r.code, name = r.name, brand = r.brand, nutriments_100g = r.n100,
              nutriments_serving = r.nserv, serving_size = r.serving_size,
              serving_size_g = r.serving_g, nutriscore_grade = r.nutriscore, nova_group = r.nova,
              allergens = r.allergens, image_url = r.image_url, quality_flags = r.flags
         FROM jsonb_to_record($2::jsonb) AS )" UGOKI_PRODUCT_RECORD R"(
        WHERE f.id = $1::uuid
       RETURNING f.*)
SELECT )" UGOKI_PRODUCT_COLUMNS UGOKI_VERSION_COLUMN R"(,
       admin_audit($3::uuid, 'nutrition.product', $1::text, 'update', (SELECT j FROM before),
                   )" UGOKI_AUDIT_ROW("f") R"(, $4)
FROM after f)"};

// A public row of the code that only remembers "upstream has no such product" (migration
// 0008's found = false) gives way to the approved submission.
constexpr pg::statement drop_placeholder_sql{"food_admin.drop_placeholder", R"(
DELETE FROM food_products WHERE code = $1 AND submitted_by IS NULL AND NOT found)"};

// The submission becomes the public row: the partial unique index on public codes refuses it
// when another public row of the code exists (a race with an Open Food Facts upsert).
constexpr pg::statement approve_sql{"food_admin.approve", R"(
WITH before AS (SELECT )" UGOKI_AUDIT_ROW("f") R"( AS j FROM food_products f
                 WHERE f.id = $1::uuid),
     after AS (
       UPDATE food_products f
          SET contributed_by = f.submitted_by, submitted_by = NULL, status = 'published',
              reviewed_at = now(), reviewed_by = $2::uuid
        WHERE f.id = $1::uuid AND f.status = 'pending'
       RETURNING f.*)
SELECT )" UGOKI_PRODUCT_COLUMNS UGOKI_VERSION_COLUMN R"(,
       admin_audit($2::uuid, 'nutrition.product', $1::text, 'approve', (SELECT j FROM before),
                   )" UGOKI_AUDIT_ROW("f") R"(, $3)
FROM after f)"};

// Other users' pending submissions of the approved code: rejected, each with its entry.
// $1 code, $2 actor, $3 request id, $4 reason, $5 the approved id.
constexpr pg::statement supersede_sql{"food_admin.supersede", R"(
WITH before AS (SELECT f.id, )" UGOKI_AUDIT_ROW("f") R"( AS j FROM food_products f
                 WHERE f.code = $1 AND f.status = 'pending' AND f.submitted_by IS NOT NULL
                   AND f.id <> $5::uuid),
     after AS (
       UPDATE food_products f
          SET status = 'rejected', review_reason = $4, reviewed_at = now(),
              reviewed_by = $2::uuid
         FROM before b
        WHERE f.id = b.id
       RETURNING f.*)
SELECT admin_audit($2::uuid, 'nutrition.product', a.id::text, 'reject', b.j,
                   )" UGOKI_AUDIT_ROW("a") R"(, $3)
FROM after a JOIN before b ON b.id = a.id)"};

constexpr pg::statement reject_sql{"food_admin.reject", R"(
WITH before AS (SELECT )" UGOKI_AUDIT_ROW("f") R"( AS j FROM food_products f
                 WHERE f.id = $1::uuid),
     after AS (
       UPDATE food_products f
          SET status = 'rejected', review_reason = $4, reviewed_at = now(),
              reviewed_by = $2::uuid
        WHERE f.id = $1::uuid AND f.status = 'pending'
       RETURNING f.*)
SELECT )" UGOKI_PRODUCT_COLUMNS UGOKI_VERSION_COLUMN R"(,
       admin_audit($2::uuid, 'nutrition.product', $1::text, 'reject', (SELECT j FROM before),
                   )" UGOKI_AUDIT_ROW("f") R"(, $3)
FROM after f)"};

#undef UGOKI_AUDIT_ROW
#undef UGOKI_REVIEW_COLUMNS
#undef UGOKI_VERSION_COLUMN

reviewed_product read_reviewed(const pg::row& r) {
  reviewed_product out;
  out.item = products_rows::read_product(r);
  out.submitted_by = r.get<std::optional<std::string>>(30);
  out.submitted_at = r.get<std::string>(31);
  out.reviewed_at = r.get<std::optional<std::string>>(32);
  out.reviewed_by = r.get<std::optional<std::string>>(33);
  out.public_product_id = r.get<std::optional<std::string>>(34);
  out.version = r.get<std::int64_t>(35);
  return out;
}

versioned_product read_versioned(const pg::row& r) {
  return versioned_product{products_rows::read_product(r), r.get<std::int64_t>(30)};
}

}  // namespace

boost::asio::awaitable<review_page> list_reviews(pg::database& db, const review_query& q) {
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.per_page;
  std::vector<pg::command> commands;
  commands.push_back({&list_sql, pg::params{q.status, std::int64_t{q.per_page}, offset}});
  commands.push_back({&count_sql, pg::params{q.status}});
  auto results = co_await db.pipeline(commands);
  review_page page;
  page.page = q.page;
  page.per_page = q.per_page;
  for (const auto& row : results[0]) {
    page.items.push_back(read_reviewed(row));
  }
  page.total = results[1][0].get<std::int64_t>(0);
  co_return page;
}

boost::asio::awaitable<std::optional<reviewed_product>> lock_submission(pg::transaction& tx,
                                                                        std::string id) {
  auto rows = co_await tx.query(lock_submission_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_reviewed(rows[0]);
}

boost::asio::awaitable<std::optional<versioned_product>> lock_public(pg::transaction& tx,
                                                                     std::string id) {
  auto rows = co_await tx.query(lock_public_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_versioned(rows[0]);
}

boost::asio::awaitable<std::optional<versioned_product>> find_public(pg::database& db,
                                                                     std::string id) {
  auto rows = co_await db.query(find_public_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_versioned(rows[0]);
}

boost::asio::awaitable<versioned_product> write_product(pg::transaction& tx, const product& p,
                                                        const actor& who) {
  auto rows = co_await tx.query(
      write_sql, pg::params{p.id, products_rows::record(p), who.user_id, who.request_id});
  co_return read_versioned(rows[0]);
}

boost::asio::awaitable<std::optional<std::string>> public_id_of(pg::transaction& tx,
                                                                std::string code,
                                                                std::string except_id) {
  auto rows = co_await tx.query(public_id_sql, pg::params{code, except_id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return rows[0].get<std::string>(0);
}

boost::asio::awaitable<versioned_product> approve(pg::transaction& tx, std::string id,
                                                  std::string code, const actor& who,
                                                  std::string superseded_reason) {
  std::vector<pg::command> commands;
  commands.push_back({&drop_placeholder_sql, pg::params{code}});
  commands.push_back({&approve_sql, pg::params{id, who.user_id, who.request_id}});
  commands.push_back(
      {&supersede_sql, pg::params{code, who.user_id, who.request_id, superseded_reason, id}});
  auto results = co_await tx.pipeline(commands);
  co_return read_versioned(results[1][0]);
}

boost::asio::awaitable<versioned_product> reject(pg::transaction& tx, std::string id,
                                                 std::string reason, const actor& who) {
  auto rows =
      co_await tx.query(reject_sql, pg::params{id, who.user_id, who.request_id, std::move(reason)});
  co_return read_versioned(rows[0]);
}

}  // namespace ugoki::nutrition::admin_store
