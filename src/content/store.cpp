// SQL of the content module, as named statements. Tag slugs and languages come back joined
// with the unit separator (U+001F, never in a slug), instants as timestamptz text.
#include "content/store.hpp"

#include <unordered_map>

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::content::store {

namespace {

using boost::asio::awaitable;

// Every statement that reads an article by slug resolves it the same way: the article with
// that slug, else the one a former slug (content_article_slug_aliases) points at. Two scalar
// subqueries under coalesce: the alias is looked up only when the slug is not current.

// Columns 0..11 of every list: id, slug, title, summary, category, language, premium, reading
// time, author, image, published_at, tags; the translation's text when there is one.
constexpr pg::statement list_sql{"content.articles", R"(
SELECT a.id::text, a.slug, coalesce(t.title, a.title), coalesce(t.summary, a.summary),
       a.category, coalesce(t.language, 'en'), a.is_premium, a.reading_time_minutes, a.author,
       a.image_url, a.published_at,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id)
FROM content_articles a
LEFT JOIN content_article_translations t ON t.article_id = a.id AND t.language = $1
WHERE a.deleted_at IS NULL AND a.published_at <= now()
  AND ($2::text IS NULL OR a.category = $2::text)
  AND ($3::text IS NULL OR EXISTS (
        SELECT 1 FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id AND g.slug = $3::text))
  AND (a.published_at, a.id) < ($4::timestamptz, $5::uuid)
ORDER BY a.published_at DESC, a.id DESC
LIMIT $6::int4)"};

// Full-text search: an article is searched in the language it would be served in (its
// translation into $2 when there is one, with that language's stemming; else English), so a
// match and its snippet are in the text the reader gets. Ranked by ts_rank with the default
// weights (A 1.0 title, B 0.4 summary, C 0.2 body; D unused), ties by id.
// Where the time goes (docs/content.md, "Search"): the tsquery is written inline (a CTE's
// column would be a join filter, which no index can serve), the live and filter conditions sit
// with the match so the page joins back to 20 rows by primary key, and only the hits are
// ranked. Snippets come from ts_headline over the page's rows only, on the summary and the
// first snippet_body_chars of the body (it re-parses the text: a whole body costs ~0.4 ms a
// row); a premium article's snippet is taken from its summary alone, so the list, which every
// reader sees, never shows words of a premium body.
constexpr pg::statement search_sql{"content.search", R"(
WITH hits AS (
  SELECT a.id, ts_rank(a.search_vector, websearch_to_tsquery('english', $1)) AS rank
  FROM content_articles a
  WHERE a.search_vector @@ websearch_to_tsquery('english', $1)
    AND a.deleted_at IS NULL AND a.published_at <= now()
    AND ($4::text IS NULL OR a.category = $4::text)
    AND ($5::text IS NULL OR EXISTS (
          SELECT 1 FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
          WHERE x.article_id = a.id AND g.slug = $5::text))
    AND NOT EXISTS (SELECT 1 FROM content_article_translations t
                    WHERE t.article_id = a.id AND t.language = $2)
  UNION ALL
  SELECT a.id, ts_rank(t.search_vector, websearch_to_tsquery($3::regconfig, $1))
  FROM content_article_translations t JOIN content_articles a ON a.id = t.article_id
  WHERE t.language = $2 AND t.search_vector @@ websearch_to_tsquery($3::regconfig, $1)
    AND a.deleted_at IS NULL AND a.published_at <= now()
    AND ($4::text IS NULL OR a.category = $4::text)
    AND ($5::text IS NULL OR EXISTS (
          SELECT 1 FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
          WHERE x.article_id = a.id AND g.slug = $5::text))),
page AS (
  SELECT h.id, h.rank FROM hits h
  WHERE $6::real IS NULL OR (h.rank, h.id) < ($6::real, $7::uuid)
  ORDER BY h.rank DESC, h.id DESC
  LIMIT $8::int4)
SELECT a.id::text, a.slug, coalesce(t.title, a.title), coalesce(t.summary, a.summary),
       a.category, coalesce(t.language, 'en'), a.is_premium, a.reading_time_minutes, a.author,
       a.image_url, a.published_at,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id),
       p.rank::text,
       ts_headline(coalesce(t.search_config, 'english'::regconfig),
                   CASE WHEN a.is_premium THEN coalesce(t.summary, a.summary)
                        ELSE coalesce(t.summary, a.summary) || E'\n\n'
                             || left(coalesce(t.body_markdown, a.body_markdown), $9::int4) END,
                   CASE WHEN t.article_id IS NULL THEN websearch_to_tsquery('english', $1)
                        ELSE websearch_to_tsquery($3::regconfig, $1) END,
                   'StartSel=' || chr(1) || ', StopSel=' || chr(2)
                   || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
FROM page p JOIN content_articles a ON a.id = p.id
LEFT JOIN content_article_translations t ON t.article_id = p.id AND t.language = $2
ORDER BY p.rank DESC, p.id DESC)"};

// The planner costs a sequential scan of the articles without the detoasting of every
// out-of-line search vector it does (~5 ms for 10,000 articles), so for common words it picks
// it over the GIN index (0.2 ms). The search runs in a pipeline after this, which turns
// sequential scans off for its implicit transaction only (is_local).
constexpr pg::statement prefer_indexes_sql{"content.prefer_indexes", R"(
SELECT set_config('enable_seqscan', 'off', true))"};

// How much of a body ts_headline reads for a snippet (characters).
constexpr int snippet_body_chars = 600;

// The snapshot (load_library): the version first, so data read after it is at least that new
// (a write in between makes the next poll reload, never a stale snapshot that looks current).
constexpr pg::statement version_sql{"content.version", R"(
SELECT version FROM content_reference_version)"};

// Every article a reader may get now or later (published or scheduled, not removed), in
// English; columns 0..11 as in list_sql, then body, citations, updated_at.
constexpr pg::statement library_sql{"content.library", R"(
SELECT a.id::text, a.slug, a.title, a.summary, a.category, 'en', a.is_premium,
       a.reading_time_minutes, a.author, a.image_url, a.published_at,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id),
       a.body_markdown, a.citations::text, a.updated_at
FROM content_articles a
WHERE a.deleted_at IS NULL AND a.published_at IS NOT NULL)"};

// Their translations, by language code within an article (available_languages' order).
constexpr pg::statement library_translations_sql{"content.library_translations", R"(
SELECT t.article_id::text, t.language, t.title, t.summary, t.body_markdown,
       greatest(a.updated_at, t.updated_at)
FROM content_article_translations t JOIN content_articles a ON a.id = t.article_id
WHERE a.deleted_at IS NULL AND a.published_at IS NOT NULL
ORDER BY t.article_id, t.language)"};

constexpr pg::statement library_aliases_sql{"content.library_aliases", R"(
SELECT slug, article_id::text FROM content_article_slug_aliases)"};

// The caller's own state of one article (its id from the snapshot).
constexpr pg::statement state_sql{"content.state", R"(
SELECT (SELECT created_at FROM content_bookmarks WHERE user_id = $1::uuid AND article_id = $2::uuid),
       p.percent, p.read_at
FROM (SELECT 1) one
LEFT JOIN content_reading_progress p ON p.user_id = $1::uuid AND p.article_id = $2::uuid)"};

constexpr pg::statement categories_sql{"content.categories", R"(
SELECT c.slug, coalesce(ct.name, c.name), coalesce(ct.language, 'en'),
       (SELECT count(*) FROM content_articles a
        WHERE a.category = c.slug AND a.deleted_at IS NULL AND a.published_at <= now())::int4
FROM content_categories c
LEFT JOIN content_category_translations ct ON ct.category = c.slug AND ct.language = $1
ORDER BY c.position, c.slug)"};

constexpr pg::statement add_bookmark_sql{"content.add_bookmark", R"(
WITH a AS (
  SELECT id FROM content_articles
  WHERE id = coalesce((SELECT id FROM content_articles WHERE slug = $2),
                      (SELECT article_id FROM content_article_slug_aliases WHERE slug = $2))
    AND deleted_at IS NULL AND published_at <= now()),
ins AS (
  INSERT INTO content_bookmarks (user_id, article_id)
  SELECT $1::uuid, id FROM a
  ON CONFLICT DO NOTHING
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM a), EXISTS (SELECT 1 FROM ins))"};

// Also answers POST .../bookmark with the one bookmark ($6: the slug, current or former).
constexpr pg::statement bookmarks_sql{"content.bookmarks", R"(
SELECT a.id::text, a.slug, coalesce(t.title, a.title), coalesce(t.summary, a.summary),
       a.category, coalesce(t.language, 'en'), a.is_premium, a.reading_time_minutes, a.author,
       a.image_url, a.published_at,
       (SELECT coalesce(string_agg(g.slug, E'\x1f' ORDER BY g.slug), '')
        FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
        WHERE x.article_id = a.id),
       b.created_at
FROM content_bookmarks b
JOIN content_articles a ON a.id = b.article_id
LEFT JOIN content_article_translations t ON t.article_id = a.id AND t.language = $2
WHERE b.user_id = $1::uuid AND a.deleted_at IS NULL AND a.published_at <= now()
  AND (b.created_at, b.article_id) < ($3::timestamptz, $4::uuid)
  AND ($6::text IS NULL OR a.id = coalesce(
        (SELECT id FROM content_articles WHERE slug = $6),
        (SELECT article_id FROM content_article_slug_aliases WHERE slug = $6)))
ORDER BY b.created_at DESC, b.article_id DESC
LIMIT $5::int4)"};

// A removed article's bookmark can still be removed; an unpublished one's too.
constexpr pg::statement remove_bookmark_sql{"content.remove_bookmark", R"(
WITH a AS (
  SELECT id FROM content_articles
  WHERE id = coalesce((SELECT id FROM content_articles WHERE slug = $2),
                      (SELECT article_id FROM content_article_slug_aliases WHERE slug = $2))),
d AS (
  DELETE FROM content_bookmarks b USING a
  WHERE b.user_id = $1::uuid AND b.article_id = a.id
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM a), (SELECT count(*) FROM d))"};

// $3 percent, $4 completed (read now unless read before), $5 the caller may read premium.
constexpr pg::statement progress_sql{"content.set_progress", R"(
WITH a AS (
  SELECT id, is_premium FROM content_articles
  WHERE id = coalesce((SELECT id FROM content_articles WHERE slug = $2),
                      (SELECT article_id FROM content_article_slug_aliases WHERE slug = $2))
    AND deleted_at IS NULL AND published_at <= now()),
up AS (
  INSERT INTO content_reading_progress (user_id, article_id, percent, read_at)
  SELECT $1::uuid, a.id, $3::int2, CASE WHEN $4::bool THEN now() END
  FROM a WHERE NOT a.is_premium OR $5::bool
  ON CONFLICT (user_id, article_id) DO UPDATE
    SET percent = EXCLUDED.percent,
        read_at = coalesce(content_reading_progress.read_at, EXCLUDED.read_at)
  RETURNING article_id, percent, read_at)
SELECT EXISTS (SELECT 1 FROM a), coalesce((SELECT is_premium FROM a), false), up.percent,
       up.read_at,
       (SELECT b.created_at FROM content_bookmarks b JOIN a ON a.id = b.article_id
        WHERE b.user_id = $1::uuid)
FROM (SELECT 1) one LEFT JOIN up ON true)"};

// Every bookmark and progress row, live article or not: the export is the user's data.
constexpr pg::statement export_sql{"content.export", R"(
SELECT jsonb_build_object(
  'bookmarks', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'article_id', b.article_id, 'slug', a.slug, 'created_at', b.created_at)
                  ORDER BY b.created_at, b.article_id), '[]')
                FROM content_bookmarks b JOIN content_articles a ON a.id = b.article_id
                WHERE b.user_id = $1::uuid),
  'reading_progress', (SELECT coalesce(jsonb_agg(
                           (to_jsonb(p) - 'user_id') || jsonb_build_object('slug', a.slug)
                         ORDER BY p.created_at, p.article_id), '[]')
                       FROM content_reading_progress p
                       JOIN content_articles a ON a.id = p.article_id
                       WHERE p.user_id = $1::uuid))::text)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

// Columns 0..11 (list_sql's).
article_summary read_summary(const pg::row& r) {
  article_summary s;
  s.id = r.get<std::string>(0);
  s.slug = r.get<std::string>(1);
  s.title = r.get<std::string>(2);
  s.summary = r.get<std::string>(3);
  s.category = r.get<std::string>(4);
  s.language = r.get<std::string>(5);
  s.premium = r.get<bool>(6);
  s.reading_time_minutes = r.get<int>(7);
  s.author = r.get<std::optional<std::string>>(8);
  s.image_url = r.get<std::optional<std::string>>(9);
  s.published_us = r.get<pg::timestamp_us>(10).value;
  s.published_at = from_us(s.published_us);
  s.tags = pg::split_aggregate(r.text(11));
  return s;
}

std::optional<instant> optional_instant(const pg::row& r, int col) {
  auto t = r.get<std::optional<pg::timestamp_us>>(col);
  return t ? std::optional<instant>(from_us(t->value)) : std::nullopt;
}

constexpr std::string_view last_uuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";

bookmark read_bookmark(const pg::row& r) {
  bookmark b;
  b.article = read_summary(r);
  b.created_us = r.get<pg::timestamp_us>(12).value;
  b.created_at = from_us(b.created_us);
  return b;
}

}  // namespace

awaitable<article_page> articles(pg::database& db, const article_query& q,
                                 std::string_view search_config) {
  article_page page;
  page.searched = q.q.has_value();
  // One row more than the page tells whether another page follows.
  pg::result rows;
  if (q.q) {
    pg::params args{*q.q,       q.language,  std::string(search_config),
                    q.category, q.tag,       q.after_rank,
                    q.after_id, q.limit + 1, snippet_body_chars};
    std::vector<pg::command> commands{{&prefer_indexes_sql, {}}, {&search_sql, std::move(args)}};
    auto results = co_await db.pipeline(commands);
    rows = std::move(results[1]);
  } else {
    std::string after =
        q.after_published_us ? time::format_rfc3339_micros(*q.after_published_us) : "infinity";
    pg::params args{
        q.language, q.category, q.tag, after, q.after_id.value_or(std::string(last_uuid)),
        q.limit + 1};
    rows = co_await db.query(list_sql, args);
  }
  for (const auto& row : rows) {
    if (page.items.size() == static_cast<std::size_t>(q.limit)) {
      page.has_more = true;
      break;
    }
    article_summary s = read_summary(row);
    if (q.q) {
      s.rank = row.get<std::string>(12);
      s.snippet = row.get<std::string>(13);
    }
    page.items.push_back(std::move(s));
  }
  co_return page;
}

awaitable<std::int64_t> library_version(pg::database& db) {
  auto rows = co_await db.query(version_sql);
  co_return rows[0].get<std::int64_t>(0);
}

awaitable<article_library> load_library(pg::database& db) {
  std::vector<pg::command> commands{{&version_sql, {}},
                                    {&library_sql, {}},
                                    {&library_translations_sql, {}},
                                    {&library_aliases_sql, {}}};
  auto results = co_await db.pipeline(commands);
  article_library lib;
  lib.version = results[0][0].get<std::int64_t>(0);
  std::unordered_map<std::string, std::size_t> by_id;
  lib.articles.reserve(results[1].size());
  for (const auto& r : results[1]) {
    article a;
    a.head = read_summary(r);
    a.body_markdown = r.get<std::string>(12);
    a.citations_json = r.get<std::string>(13);
    a.updated_at = from_us(r.get<pg::timestamp_us>(14).value);
    a.available_languages.push_back("en");
    by_id.emplace(a.head.id, lib.articles.size());
    lib.by_slug.emplace(a.head.slug, lib.articles.size());
    lib.articles.push_back({{std::move(a)}});
  }
  for (const auto& r : results[2]) {
    auto it = by_id.find(r.get<std::string>(0));
    if (it == by_id.end()) {
      continue;
    }
    auto& versions = lib.articles[it->second].versions;
    article t = versions.front();
    t.head.language = r.get<std::string>(1);
    t.head.title = r.get<std::string>(2);
    t.head.summary = r.get<std::string>(3);
    t.body_markdown = r.get<std::string>(4);
    t.updated_at = from_us(r.get<pg::timestamp_us>(5).value);
    versions.push_back(std::move(t));
  }
  for (auto& entry : lib.articles) {
    std::vector<std::string> languages;
    for (const auto& v : entry.versions) {
      languages.push_back(v.head.language);
    }
    for (auto& v : entry.versions) {
      v.available_languages = languages;
    }
  }
  // A current slug wins over a former one (unique among current slugs; a former slug taken by
  // another article since answers with that article).
  for (const auto& r : results[3]) {
    auto it = by_id.find(r.get<std::string>(1));
    if (it != by_id.end()) {
      lib.by_slug.emplace(r.get<std::string>(0), it->second);
    }
  }
  co_return lib;
}

awaitable<reader_state> reader_state_of(pg::database& db, std::string user_id,
                                        std::string article_id) {
  auto rows = co_await db.query(state_sql, {user_id, article_id});
  const auto& r = rows[0];
  reader_state s;
  s.bookmarked_at = optional_instant(r, 0);
  s.percent = r.get<std::optional<int>>(1).value_or(0);
  s.read_at = optional_instant(r, 2);
  co_return s;
}

awaitable<std::vector<category>> categories(pg::database& db, std::string language) {
  auto rows = co_await db.query(categories_sql, {language});
  std::vector<category> out;
  for (const auto& r : rows) {
    out.push_back(
        {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3)});
  }
  co_return out;
}

awaitable<std::optional<saved>> add_bookmark(pg::database& db, std::string user_id,
                                             std::string slug, std::string language) {
  std::vector<pg::command> commands{
      {&add_bookmark_sql, {user_id, slug}},
      {&bookmarks_sql, {user_id, language, "infinity", std::string(last_uuid), 1, slug}}};
  auto results = co_await db.pipeline(commands);
  if (!results[0][0].get<bool>(0) || results[1].empty()) {
    co_return std::nullopt;
  }
  co_return saved{read_bookmark(results[1][0]), results[0][0].get<bool>(1)};
}

awaitable<bool> remove_bookmark(pg::database& db, std::string user_id, std::string slug) {
  auto rows = co_await db.query(remove_bookmark_sql, {user_id, slug});
  co_return rows[0].get<bool>(0);
}

awaitable<bookmark_page> bookmarks(pg::database& db, std::string user_id, const bookmark_query& q) {
  std::string after = q.after_us ? time::format_rfc3339_micros(*q.after_us) : "infinity";
  std::optional<std::string> any_slug;
  pg::params args{user_id,     q.language, after, q.after_id.value_or(std::string(last_uuid)),
                  q.limit + 1, any_slug};
  auto rows = co_await db.query(bookmarks_sql, args);
  bookmark_page page;
  for (const auto& row : rows) {
    if (page.items.size() == static_cast<std::size_t>(q.limit)) {
      page.has_more = true;
      break;
    }
    page.items.push_back(read_bookmark(row));
  }
  co_return page;
}

awaitable<progress_outcome> set_progress(pg::database& db, std::string user_id, std::string slug,
                                         progress_input in, bool premium_caller) {
  auto rows =
      co_await db.query(progress_sql, {user_id, slug, in.percent, in.completed, premium_caller});
  const auto& r = rows[0];
  progress_outcome out;
  out.found = r.get<bool>(0);
  out.premium = r.get<bool>(1);
  out.state.percent = r.get<std::optional<int>>(2).value_or(0);
  out.state.read_at = optional_instant(r, 3);
  out.state.bookmarked_at = optional_instant(r, 4);
  co_return out;
}

awaitable<std::string> export_user(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands{{&pg::utc_for_this_transaction, {}}, {&export_sql, {user_id}}};
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::content::store
