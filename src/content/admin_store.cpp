// SQL of the content administration (admin_store.hpp), as named statements. Lists of slugs and
// languages travel joined with the unit separator (U+001F, never in a slug), pairs inside them
// with the record separator (U+001E).
#include "content/admin_store.hpp"

#include <map>

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::content::admin::store {

namespace {

using boost::asio::awaitable;

// Columns 0..9 of an article row; the detail adds 10..20.
constexpr pg::statement article_sql{"content_admin.article", R"(
SELECT a.id::text, a.slug, a.title, a.category,
       content_article_status(a.deleted_at, a.published_at, a.unpublished_at), a.is_premium,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id),
       a.published_at, a.updated_at, a.version,
       a.summary, a.body_markdown, a.author, a.image_url, a.reading_time_minutes,
       a.citations::text,
       (SELECT coalesce(string_agg(s.slug, E'\x1f' ORDER BY s.created_at, s.slug), '')
        FROM content_article_slug_aliases s WHERE s.article_id = a.id),
       (SELECT coalesce(string_agg(t.language, E'\x1f' ORDER BY t.language), '')
        FROM content_article_translations t WHERE t.article_id = a.id),
       a.created_at, a.unpublished_at, a.deleted_at
FROM content_articles a WHERE a.id = $1::uuid)"};

// $1 status, $2 category, $3 a LIKE pattern on the title (escaped by the caller).
constexpr pg::statement list_sql{"content_admin.articles", R"(
SELECT a.id::text, a.slug, a.title, a.category,
       content_article_status(a.deleted_at, a.published_at, a.unpublished_at), a.is_premium,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id),
       a.published_at, a.updated_at, a.version
FROM content_articles a
WHERE ($1::text IS NULL
       OR content_article_status(a.deleted_at, a.published_at, a.unpublished_at) = $1::text)
  AND ($2::text IS NULL OR a.category = $2::text)
  AND ($3::text IS NULL OR a.title ILIKE $3::text)
ORDER BY a.updated_at DESC, a.id DESC
LIMIT $4::int4 OFFSET $5::int8)"};

constexpr pg::statement count_sql{"content_admin.count_articles", R"(
SELECT count(*) FROM content_articles a
WHERE ($1::text IS NULL
       OR content_article_status(a.deleted_at, a.published_at, a.unpublished_at) = $1::text)
  AND ($2::text IS NULL OR a.category = $2::text)
  AND ($3::text IS NULL OR a.title ILIKE $3::text))"};

// The first candidate slug that no article has now or had before.
constexpr pg::statement pick_slug_sql{"content_admin.pick_slug", R"(
SELECT c FROM unnest(string_to_array($1, E'\x1f')) WITH ORDINALITY AS t(c, n)
WHERE NOT EXISTS (SELECT 1 FROM content_articles WHERE slug = c)
  AND NOT EXISTS (SELECT 1 FROM content_article_slug_aliases WHERE slug = c)
ORDER BY n LIMIT 1)"};

constexpr pg::statement insert_sql{"content_admin.insert_article", R"(
INSERT INTO content_articles (slug, title, summary, body_markdown, category, is_premium,
                              reading_time_minutes, author, image_url)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id::text)"};

// Replaces the article's tags with the named ones; returns the names that match no tag (the
// caller then rolls back).
constexpr pg::statement set_tags_sql{"content_admin.set_tags", R"(
WITH wanted AS (SELECT unnest(string_to_array($2, E'\x1f')) AS slug),
found AS (SELECT g.id, g.slug FROM content_tags g JOIN wanted w ON w.slug = g.slug),
gone AS (DELETE FROM content_article_tags x
         WHERE x.article_id = $1::uuid AND x.tag_id NOT IN (SELECT id FROM found)),
added AS (INSERT INTO content_article_tags (article_id, tag_id)
          SELECT $1::uuid, id FROM found ON CONFLICT DO NOTHING)
SELECT coalesce(string_agg(w.slug, E'\x1f' ORDER BY w.slug), '') FROM wanted w
WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.slug = w.slug))"};

// The row locked for the write, with what the audit entry's `before` is.
constexpr pg::statement lock_sql{"content_admin.lock_article", R"(
SELECT version, deleted_at IS NOT NULL, published_at IS NULL,
       published_at IS NOT NULL AND published_at <= now(), slug,
       content_article_audit_json(id)::text
FROM content_articles WHERE id = $1::uuid FOR UPDATE)"};

// A rename: the new slug must not be another article's former one; the article's own former
// slug is taken back; the current slug becomes a former one. Returns whether it is taken.
constexpr pg::statement rename_sql{"content_admin.rename", R"(
WITH taken AS (SELECT 1 FROM content_article_slug_aliases
               WHERE slug = $2 AND article_id <> $1::uuid),
own AS (DELETE FROM content_article_slug_aliases
        WHERE slug = $2 AND article_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM taken)),
old AS (INSERT INTO content_article_slug_aliases (slug, article_id)
        SELECT slug, id FROM content_articles
        WHERE id = $1::uuid AND NOT EXISTS (SELECT 1 FROM taken)
        ON CONFLICT (slug) DO NOTHING)
SELECT EXISTS (SELECT 1 FROM taken))"};

// Every member of a PATCH: NULL leaves a column alone; $8/$10 say whether author/image_url
// were sent (a NULL $9/$11 then clears them). Always touches the row, so its version moves.
constexpr pg::statement update_sql{"content_admin.update_article", R"(
UPDATE content_articles SET
  slug = coalesce($2, slug), title = coalesce($3, title), summary = coalesce($4, summary),
  body_markdown = coalesce($5, body_markdown),
  reading_time_minutes = coalesce($6::int4, reading_time_minutes),
  category = coalesce($7, category), is_premium = coalesce($12::bool, is_premium),
  author = CASE WHEN $8::bool THEN $9 ELSE author END,
  image_url = CASE WHEN $10::bool THEN $11 ELSE image_url END,
  updated_at = now()
WHERE id = $1::uuid)"};

constexpr pg::statement publish_sql{"content_admin.publish", R"(
UPDATE content_articles SET published_at = coalesce($2::timestamptz, now()),
                            unpublished_at = NULL
WHERE id = $1::uuid)"};

constexpr pg::statement unpublish_sql{"content_admin.unpublish", R"(
UPDATE content_articles SET published_at = NULL, unpublished_at = now() WHERE id = $1::uuid)"};

constexpr pg::statement remove_sql{"content_admin.remove", R"(
UPDATE content_articles SET deleted_at = now() WHERE id = $1::uuid)"};

// $3 the action, $4 the `before` (NULL for a create).
constexpr pg::statement audit_article_sql{"content_admin.audit_article", R"(
SELECT admin_audit($1::uuid, 'content.article', $2::text, $3, $4::jsonb,
                   content_article_audit_json($2::text::uuid), $5))"};

constexpr pg::statement translation_sql{"content_admin.translation", R"(
SELECT language, title, summary, body_markdown, updated_at
FROM content_article_translations WHERE article_id = $1::uuid AND language = $2)"};

constexpr pg::statement lock_translation_sql{"content_admin.lock_translation", R"(
SELECT a.deleted_at IS NOT NULL, content_translation_audit_json(a.id, $2)::text
FROM content_articles a WHERE a.id = $1::uuid FOR UPDATE)"};

constexpr pg::statement upsert_translation_sql{"content_admin.upsert_translation", R"(
INSERT INTO content_article_translations (article_id, language, title, summary, body_markdown,
                                          search_config)
VALUES ($1::uuid, $2, $3, $4, $5, $6::regconfig)
ON CONFLICT (article_id, language) DO UPDATE
  SET title = EXCLUDED.title, summary = EXCLUDED.summary, body_markdown = EXCLUDED.body_markdown)"};

constexpr pg::statement delete_translation_sql{"content_admin.delete_translation", R"(
DELETE FROM content_article_translations WHERE article_id = $1::uuid AND language = $2)"};

// Entity id "<article id>/<language>"; $4 before, $5 after.
constexpr pg::statement audit_translation_sql{"content_admin.audit_translation", R"(
SELECT admin_audit($1::uuid, 'content.article_translation', $2::text || '/' || $3, $4,
                   $5::jsonb, content_translation_audit_json($2::text::uuid, $3), $6))"};

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

// How often a generated slug may lose a race to a concurrent create before the create gives up
// (409): each loss means another create committed, so this bounds the creates racing at once.
constexpr int max_slug_races = 8;

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

std::optional<instant> optional_instant(const pg::row& r, int col) {
  auto t = r.get<std::optional<pg::timestamp_us>>(col);
  return t ? std::optional<instant>(from_us(t->value)) : std::nullopt;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) {
      out += '\x1f';
    }
    out += s;
  }
  return out;
}

article_row read_row(const pg::row& r) {
  article_row a;
  a.id = r.get<std::string>(0);
  a.slug = r.get<std::string>(1);
  a.title = r.get<std::string>(2);
  a.category = r.get<std::string>(3);
  a.status = r.get<std::string>(4);
  a.premium = r.get<bool>(5);
  a.tags = pg::split_aggregate(r.text(6));
  a.published_at = optional_instant(r, 7);
  a.updated_at = from_us(r.get<pg::timestamp_us>(8).value);
  a.version = r.get<std::int64_t>(9);
  return a;
}

article_detail read_detail(const pg::row& r) {
  article_detail a;
  a.row = read_row(r);
  a.summary = r.get<std::string>(10);
  a.body_markdown = r.get<std::string>(11);
  a.author = r.get<std::optional<std::string>>(12);
  a.image_url = r.get<std::optional<std::string>>(13);
  a.reading_time_minutes = r.get<int>(14);
  a.citations_json = r.get<std::string>(15);
  a.former_slugs = pg::split_aggregate(r.text(16));
  a.translations = pg::split_aggregate(r.text(17));
  a.created_at = from_us(r.get<pg::timestamp_us>(18).value);
  a.unpublished_at = optional_instant(r, 19);
  a.deleted_at = optional_instant(r, 20);
  return a;
}

translation_detail read_translation(const pg::row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::string>(3), from_us(r.get<pg::timestamp_us>(4).value)};
}

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

// The title filter as a LIKE pattern: the words as typed, wildcards escaped.
std::optional<std::string> like_pattern(const std::optional<std::string>& q) {
  if (!q) {
    return std::nullopt;
  }
  std::string out = "%";
  for (char c : *q) {
    if (c == '%' || c == '_' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '%';
  return out;
}

std::int64_t offset_of(int page, int per_page) {
  return static_cast<std::int64_t>(page - 1) * per_page;
}

// The article as it is inside `tx` (after the write, before the commit).
awaitable<article_detail> read_back(pg::transaction& tx, const std::string& id) {
  auto rows = co_await tx.query(article_sql, {id});
  co_return read_detail(rows[0]);
}

// The SQLSTATE classes a write expects from its data; anything else is a bug and propagates.
refusal refusal_of(const pg::error& e) {
  if (e.is_unique_violation()) {
    return refusal::slug_taken;
  }
  if (e.is_foreign_key_violation()) {
    return refusal::unknown_category;
  }
  throw e;
}

struct locked {
  std::int64_t version = 0;
  bool removed = false;
  bool unpublished = false;  // no publish time
  bool live = false;         // published and its time has come
  std::string slug;
  std::string before;
};

awaitable<std::optional<locked>> lock_article(pg::transaction& tx, const std::string& id) {
  auto rows = co_await tx.query(lock_sql, {id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  const auto& r = rows[0];
  co_return locked{r.get<std::int64_t>(0), r.get<bool>(1),        r.get<bool>(2),
                   r.get<bool>(3),         r.get<std::string>(4), r.get<std::string>(5)};
}

}  // namespace

awaitable<page<article_row>> list_articles(pg::database& db, const article_list_query& q) {
  const auto like = like_pattern(q.q);
  std::vector<pg::command> commands{
      {&count_sql, {q.status, q.category, like}},
      {&list_sql, {q.status, q.category, like, q.per_page, offset_of(q.page, q.per_page)}}};
  auto results = co_await db.pipeline(commands);
  page<article_row> out;
  out.total = results[0][0].get<std::int64_t>(0);
  out.page_number = q.page;
  out.per_page = q.per_page;
  for (const auto& r : results[1]) {
    out.items.push_back(read_row(r));
  }
  co_return out;
}

awaitable<std::optional<article_detail>> get_article(pg::database& db, std::string id) {
  auto rows = co_await db.query(article_sql, {id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_detail(rows[0]);
}

awaitable<outcome<article_detail>> create_article(pg::database& db, const actor& who,
                                                  const article_input& in,
                                                  std::vector<std::string> slugs,
                                                  int reading_time_minutes) {
  const bool chosen = in.slug.has_value();
  // A concurrent create may take the picked slug between the pick and the insert: the unique
  // index refuses ours, and the next attempt picks again.
  for (int attempt = 0;; ++attempt) {
    outcome<article_detail> out;
    pg::transaction tx = co_await db.begin();
    auto picked = co_await tx.query(pick_slug_sql, {joined(slugs)});
    if (picked.empty()) {
      out.r = refusal::slug_taken;
      co_return out;
    }
    std::string id;
    try {
      auto rows = co_await tx.query(
          insert_sql, {picked[0].get<std::string>(0), in.title, in.summary, in.body_markdown,
                       in.category, in.premium, reading_time_minutes, in.author, in.image_url});
      id = rows[0].get<std::string>(0);
    } catch (const pg::error& e) {
      out.r = refusal_of(e);
      if (out.r == refusal::slug_taken && !chosen && attempt < max_slug_races) {
        continue;
      }
      co_return out;
    }
    auto unknown = co_await tx.query(set_tags_sql, {id, joined(in.tags)});
    out.unknown = pg::split_aggregate(unknown[0].text(0));
    if (!out.unknown.empty()) {
      out.r = refusal::unknown_tags;
      co_return out;
    }
    std::optional<std::string> no_before;
    co_await tx.query(audit_article_sql, {who.user_id, id, "create", no_before, who.request_id});
    out.value = co_await read_back(tx, id);
    co_await tx.commit();
    co_return out;
  }
}

awaitable<outcome<article_detail>> update_article(pg::database& db, const actor& who,
                                                  std::string id, const article_patch& p,
                                                  std::optional<int> reading_time_minutes) {
  outcome<article_detail> out;
  pg::transaction tx = co_await db.begin();
  auto row = co_await lock_article(tx, id);
  if (!row) {
    out.r = refusal::not_found;
    co_return out;
  }
  if (p.version && *p.version != row->version) {
    out.r = refusal::stale;
    co_return out;
  }
  if (row->removed) {
    out.r = refusal::removed;
    co_return out;
  }
  const bool rename = p.slug && *p.slug != row->slug;
  if (rename) {
    auto taken = co_await tx.query(rename_sql, {id, *p.slug});
    if (taken[0].get<bool>(0)) {
      out.r = refusal::slug_taken;
      co_return out;
    }
  }
  try {
    std::optional<std::string> author;
    std::optional<std::string> image_url;
    if (p.author) {
      author = *p.author;
    }
    if (p.image_url) {
      image_url = *p.image_url;
    }
    std::optional<std::string> slug;
    if (rename) {
      slug = p.slug;
    }
    // Built before the co_await: gcc 12 destroys the temporaries of a conditional expression
    // inside a co_await's full expression twice.
    pg::params args{id,
                    slug,
                    p.title,
                    p.summary,
                    p.body_markdown,
                    reading_time_minutes,
                    p.category,
                    p.author.has_value(),
                    author,
                    p.image_url.has_value(),
                    image_url,
                    p.premium};
    co_await tx.query(update_sql, args);
  } catch (const pg::error& e) {
    out.r = refusal_of(e);
    co_return out;
  }
  if (p.tags) {
    auto unknown = co_await tx.query(set_tags_sql, {id, joined(*p.tags)});
    out.unknown = pg::split_aggregate(unknown[0].text(0));
    if (!out.unknown.empty()) {
      out.r = refusal::unknown_tags;
      co_return out;
    }
  }
  co_await tx.query(audit_article_sql, {who.user_id, id, "update", row->before, who.request_id});
  out.value = co_await read_back(tx, id);
  co_await tx.commit();
  co_return out;
}

awaitable<outcome<article_detail>> change_state(pg::database& db, const actor& who, std::string id,
                                                action a, std::optional<instant> at,
                                                precondition pre) {
  outcome<article_detail> out;
  pg::transaction tx = co_await db.begin();
  auto row = co_await lock_article(tx, id);
  if (!row) {
    out.r = refusal::not_found;
    co_return out;
  }
  if (pre.version && *pre.version != row->version) {
    out.r = refusal::stale;
    co_return out;
  }
  if (row->removed && a != action::remove) {
    out.r = refusal::removed;
    co_return out;
  }
  const bool no_op = (a == action::remove && row->removed) ||
                     (a == action::unpublish && row->unpublished) ||
                     (a == action::publish && !at && row->live);
  if (no_op) {
    out.value = co_await read_back(tx, id);
    co_await tx.commit();
    co_return out;
  }
  std::string name;
  switch (a) {
    case action::publish: {
      std::optional<std::string> when;
      if (at) {
        when = time::format_rfc3339_micros(
            std::chrono::duration_cast<std::chrono::microseconds>(at->time_since_epoch()).count());
      }
      co_await tx.query(publish_sql, {id, when});
      name = at ? "schedule" : "publish";
      break;
    }
    case action::unpublish:
      co_await tx.query(unpublish_sql, {id});
      name = "unpublish";
      break;
    case action::remove:
      co_await tx.query(remove_sql, {id});
      name = "delete";
      break;
  }
  co_await tx.query(audit_article_sql, {who.user_id, id, name, row->before, who.request_id});
  out.value = co_await read_back(tx, id);
  co_await tx.commit();
  co_return out;
}

awaitable<std::optional<translation_detail>> get_translation(pg::database& db, std::string id,
                                                             std::string language) {
  auto rows = co_await db.query(translation_sql, {id, language});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_translation(rows[0]);
}

awaitable<outcome<translation_detail>> put_translation(pg::database& db, const actor& who,
                                                       std::string id, std::string language,
                                                       std::string search_config,
                                                       const translation_input& in) {
  outcome<translation_detail> out;
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_translation_sql, {id, language});
  if (lock.empty()) {
    out.r = refusal::not_found;
    co_return out;
  }
  if (lock[0].get<bool>(0)) {
    out.r = refusal::removed;
    co_return out;
  }
  auto before = lock[0].get<std::optional<std::string>>(1);
  out.created = !before.has_value();
  co_await tx.query(upsert_translation_sql,
                    {id, language, in.title, in.summary, in.body_markdown, search_config});
  const std::string action_name = out.created ? "create" : "update";
  pg::params audit_args{who.user_id, id, language, action_name, before, who.request_id};
  co_await tx.query(audit_translation_sql, audit_args);
  auto rows = co_await tx.query(translation_sql, {id, language});
  out.value = read_translation(rows[0]);
  co_await tx.commit();
  co_return out;
}

awaitable<refusal> delete_translation(pg::database& db, const actor& who, std::string id,
                                      std::string language) {
  pg::transaction tx = co_await db.begin();
  auto lock = co_await tx.query(lock_translation_sql, {id, language});
  if (lock.empty() || !lock[0].get<std::optional<std::string>>(1)) {
    co_return refusal::not_found;
  }
  const std::string before = lock[0].get<std::string>(1);
  co_await tx.query(delete_translation_sql, {id, language});
  co_await tx.query(audit_translation_sql,
                    {who.user_id, id, language, "delete", before, who.request_id});
  co_await tx.commit();
  co_return refusal::none;
}

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
