// SQL of the content administration's categories and tags (admin_store.hpp), as named
// statements. Translated names travel as "language U+001E name" pairs joined with U+001F.
#include "content/admin_store.hpp"

#include <map>

#include "content/admin_store_lists.hpp"
#include "core/pg/database.hpp"

namespace ugoki::content::admin::store {

namespace {

using boost::asio::awaitable;
using detail::joined;
using detail::offset_of;

constexpr pg::statement categories_sql{"content_admin.categories", R"(
SELECT c.slug, c.name, c.position,
       (SELECT coalesce(string_agg(t.language || E'\x1e' || t.name, E'\x1f' ORDER BY t.language),
                        '')
        FROM content_category_translations t WHERE t.category = c.slug),
       (SELECT count(*) FROM content_articles a WHERE a.category = c.slug)
FROM content_categories c
WHERE $3::text IS NULL OR c.slug = $3::text
ORDER BY c.position, c.slug LIMIT $1::int4 OFFSET $2::int8)"};

constexpr pg::statement count_categories_sql{"content_admin.count_categories", R"(
SELECT count(*) FROM content_categories)"};

constexpr pg::statement insert_category_sql{"content_admin.insert_category", R"(
INSERT INTO content_categories (slug, name, position) VALUES ($1, $2, $3::int4))"};

constexpr pg::statement lock_category_sql{"content_admin.lock_category", R"(
SELECT content_category_audit_json(slug)::text FROM content_categories
WHERE slug = $1 FOR UPDATE)"};

constexpr pg::statement update_category_sql{"content_admin.update_category", R"(
UPDATE content_categories SET name = coalesce($2, name), position = coalesce($3::int4, position)
WHERE slug = $1)"};

// $2: "language U+001E name" pairs to set; $3: languages to remove.
constexpr pg::statement category_names_sql{"content_admin.category_names", R"(
WITH pairs AS (SELECT split_part(p, E'\x1e', 1) AS language, split_part(p, E'\x1e', 2) AS name
               FROM unnest(string_to_array($2, E'\x1f')) p),
up AS (INSERT INTO content_category_translations (category, language, name)
       SELECT $1, language, name FROM pairs
       ON CONFLICT (category, language) DO UPDATE SET name = EXCLUDED.name),
del AS (DELETE FROM content_category_translations
        WHERE category = $1 AND language = ANY (string_to_array($3, E'\x1f')))
SELECT 1)"};

constexpr pg::statement delete_category_sql{"content_admin.delete_category", R"(
DELETE FROM content_categories WHERE slug = $1)"};

constexpr pg::statement audit_category_sql{"content_admin.audit_category", R"(
SELECT admin_audit($1::uuid, 'content.category', $2, $3, $4::jsonb,
                   content_category_audit_json($2), $5))"};

constexpr pg::statement tags_sql{"content_admin.tags", R"(
SELECT g.id::text, g.slug, g.name,
       (SELECT count(*) FROM content_article_tags x WHERE x.tag_id = g.id)
FROM content_tags g
WHERE $3::uuid IS NULL OR g.id = $3::uuid
ORDER BY g.slug LIMIT $1::int4 OFFSET $2::int8)"};

constexpr pg::statement count_tags_sql{"content_admin.count_tags", R"(
SELECT count(*) FROM content_tags)"};

// The tag's audit fields.
constexpr pg::statement lock_tag_sql{"content_admin.lock_tag", R"(
SELECT jsonb_build_object('slug', slug, 'name', name)::text FROM content_tags
WHERE id = $1::uuid FOR UPDATE)"};

constexpr pg::statement insert_tag_sql{"content_admin.insert_tag", R"(
INSERT INTO content_tags (slug, name) VALUES ($1, $2) RETURNING id::text)"};

constexpr pg::statement update_tag_sql{"content_admin.update_tag", R"(
UPDATE content_tags SET slug = coalesce($2, slug), name = coalesce($3, name)
WHERE id = $1::uuid)"};

constexpr pg::statement delete_tag_sql{"content_admin.delete_tag", R"(
DELETE FROM content_tags WHERE id = $1::uuid)"};

constexpr pg::statement audit_tag_sql{"content_admin.audit_tag", R"(
SELECT admin_audit($1::uuid, 'content.tag', $2::text, $3, $4::jsonb,
                   (SELECT jsonb_build_object('slug', slug, 'name', name) FROM content_tags
                    WHERE id = $2::text::uuid), $5))"};

category_detail read_category(const pg::row& r) {
  category_detail c;
  c.slug = r.get<std::string>(0);
  c.name = r.get<std::string>(1);
  c.position = r.get<int>(2);
  for (const auto& pair : pg::split_aggregate(r.text(3))) {
    const auto sep = pair.find('\x1e');
    if (sep != std::string::npos) {
      c.names.emplace(pair.substr(0, sep), pair.substr(sep + 1));
    }
  }
  c.article_count = r.get<std::int64_t>(4);
  return c;
}

tag_detail read_tag(const pg::row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::int64_t>(3)};
}

}  // namespace

awaitable<page<category_detail>> list_categories(pg::database& db, list_query q) {
  std::optional<std::string> any;
  std::vector<pg::command> commands{
      {&count_categories_sql, {}},
      {&categories_sql, {q.per_page, offset_of(q.page, q.per_page), any}}};
  auto results = co_await db.pipeline(commands);
  page<category_detail> out;
  out.total = results[0][0].get<std::int64_t>(0);
  out.page_number = q.page;
  out.per_page = q.per_page;
  for (const auto& r : results[1]) {
    out.items.push_back(read_category(r));
  }
  co_return out;
}

namespace {

awaitable<void> set_names(pg::transaction& tx, const std::string& slug,
                          const std::map<std::string, std::optional<std::string>>& names) {
  std::vector<std::string> set;
  std::vector<std::string> drop;
  for (const auto& [language, name] : names) {
    if (name) {
      set.push_back(language + '\x1e' + *name);
    } else {
      drop.push_back(language);
    }
  }
  co_await tx.query(category_names_sql, {slug, joined(set), joined(drop)});
}

awaitable<category_detail> read_category_back(pg::transaction& tx, const std::string& slug) {
  auto rows = co_await tx.query(categories_sql, {1, 0, slug});
  co_return read_category(rows[0]);
}

}  // namespace

awaitable<outcome<category_detail>> create_category(pg::database& db, const actor& who,
                                                    const category_input& in) {
  outcome<category_detail> out;
  pg::transaction tx = co_await db.begin();
  try {
    co_await tx.query(insert_category_sql, {in.slug, in.name, in.position});
  } catch (const pg::error& e) {
    if (!e.is_unique_violation()) {
      throw;
    }
    out.r = refusal::exists;
    co_return out;
  }
  std::map<std::string, std::optional<std::string>> names(in.names.begin(), in.names.end());
  co_await set_names(tx, in.slug, names);
  std::optional<std::string> no_before;
  co_await tx.query(audit_category_sql,
                    {who.user_id, in.slug, "create", no_before, who.request_id});
  out.value = co_await read_category_back(tx, in.slug);
  co_await tx.commit();
  co_return out;
}

awaitable<outcome<category_detail>> update_category(pg::database& db, const actor& who,
                                                    std::string slug, const category_patch& p) {
  outcome<category_detail> out;
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_category_sql, {slug});
  if (lock.empty()) {
    out.r = refusal::not_found;
    co_return out;
  }
  const std::string before = lock[0].get<std::string>(0);
  co_await tx.query(update_category_sql, {slug, p.name, p.position});
  co_await set_names(tx, slug, p.names);
  co_await tx.query(audit_category_sql, {who.user_id, slug, "update", before, who.request_id});
  out.value = co_await read_category_back(tx, slug);
  co_await tx.commit();
  co_return out;
}

awaitable<refusal> delete_category(pg::database& db, const actor& who, std::string slug) {
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_category_sql, {slug});
  if (lock.empty()) {
    co_return refusal::not_found;
  }
  const std::string before = lock[0].get<std::string>(0);
  // The entry comes after the delete, so its `after` (read from the gone row) is NULL.
  try {
    co_await tx.query(delete_category_sql, {slug});
  } catch (const pg::error& e) {
    if (!e.is_foreign_key_violation()) {
      throw;
    }
    co_return refusal::in_use;
  }
  co_await tx.query(audit_category_sql, {who.user_id, slug, "delete", before, who.request_id});
  co_await tx.commit();
  co_return refusal::none;
}

awaitable<page<tag_detail>> list_tags(pg::database& db, list_query q) {
  std::optional<std::string> any;
  std::vector<pg::command> commands{{&count_tags_sql, {}},
                                    {&tags_sql, {q.per_page, offset_of(q.page, q.per_page), any}}};
  auto results = co_await db.pipeline(commands);
  page<tag_detail> out;
  out.total = results[0][0].get<std::int64_t>(0);
  out.page_number = q.page;
  out.per_page = q.per_page;
  for (const auto& r : results[1]) {
    out.items.push_back(read_tag(r));
  }
  co_return out;
}

namespace {

awaitable<tag_detail> read_tag_back(pg::transaction& tx, const std::string& id) {
  auto rows = co_await tx.query(tags_sql, {1, 0, id});
  co_return read_tag(rows[0]);
}

}  // namespace

awaitable<outcome<tag_detail>> create_tag(pg::database& db, const actor& who, std::string slug,
                                          std::string name) {
  outcome<tag_detail> out;
  pg::transaction tx = co_await db.begin();
  std::string id;
  try {
    auto rows = co_await tx.query(insert_tag_sql, {slug, name});
    id = rows[0].get<std::string>(0);
  } catch (const pg::error& e) {
    if (!e.is_unique_violation()) {
      throw;
    }
    out.r = refusal::slug_taken;
    co_return out;
  }
  std::optional<std::string> no_before;
  co_await tx.query(audit_tag_sql, {who.user_id, id, "create", no_before, who.request_id});
  out.value = co_await read_tag_back(tx, id);
  co_await tx.commit();
  co_return out;
}

awaitable<outcome<tag_detail>> update_tag(pg::database& db, const actor& who, std::string id,
                                          const tag_patch& p) {
  outcome<tag_detail> out;
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_tag_sql, {id});
  if (lock.empty()) {
    out.r = refusal::not_found;
    co_return out;
  }
  const std::string before = lock[0].get<std::string>(0);
  try {
    co_await tx.query(update_tag_sql, {id, p.slug, p.name});
  } catch (const pg::error& e) {
    if (!e.is_unique_violation()) {
      throw;
    }
    out.r = refusal::slug_taken;
    co_return out;
  }
  co_await tx.query(audit_tag_sql, {who.user_id, id, "update", before, who.request_id});
  out.value = co_await read_tag_back(tx, id);
  co_await tx.commit();
  co_return out;
}

awaitable<refusal> delete_tag(pg::database& db, const actor& who, std::string id) {
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_tag_sql, {id});
  if (lock.empty()) {
    co_return refusal::not_found;
  }
  const std::string before = lock[0].get<std::string>(0);
  co_await tx.query(delete_tag_sql, {id});
  co_await tx.query(audit_tag_sql, {who.user_id, id, "delete", before, who.request_id});
  co_await tx.commit();
  co_return refusal::none;
}

}  // namespace ugoki::content::admin::store
