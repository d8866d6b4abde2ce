-- Content administration (issue 14, the admin half; docs/content.md, "Administration"):
-- categories become data editors manage instead of a list fixed in CHECK constraints, articles
-- get a row version (editors' optimistic concurrency) and remember being unpublished.

-- Categories: any slug-shaped key instead of the seven of 0009/0026. The seven stay as rows (the
-- seed names them); articles now reference a category row, so a category still used (by any
-- article, removed ones included: they keep their category) cannot be deleted.
ALTER TABLE content_categories DROP CONSTRAINT content_categories_slug_check;
ALTER TABLE content_categories
  ADD CONSTRAINT content_categories_slug_check
  CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60);

-- The seed (041) names these; they must exist before 040's articles reference them.
INSERT INTO content_categories (slug, name, position) VALUES
  ('beginners', 'Getting started', 1), ('if', 'Intermittent fasting', 2), ('hiit', 'HIIT', 3),
  ('nutrition', 'Nutrition', 4), ('sleep', 'Sleep', 5), ('mindset', 'Mindset', 6),
  ('research', 'Research', 7)
ON CONFLICT (slug) DO NOTHING;

ALTER TABLE content_articles DROP CONSTRAINT content_articles_category_check;
ALTER TABLE content_articles
  ADD CONSTRAINT content_articles_category_fkey
  FOREIGN KEY (category) REFERENCES content_categories (slug);

-- version: bumped by every UPDATE of the row (the trigger below), so the ETag an editor read
-- ("v<version>") goes stale on any write, by the admin API, the seed or by hand. An admin write
-- that changes only an article's tags or aliases touches the row too.
-- unpublished_at: when the article was last taken down (status "unpublished" rather than
-- "draft" while it has no publish time).
ALTER TABLE content_articles
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  ADD COLUMN unpublished_at timestamptz;

CREATE FUNCTION bump_content_article_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER content_articles_bump_row_version
  BEFORE UPDATE ON content_articles
  FOR EACH ROW EXECUTE FUNCTION bump_content_article_version();

-- The admin list: every status, most recently edited first.
CREATE INDEX content_articles_updated_idx ON content_articles (updated_at DESC, id DESC);

-- What the audit log records of an article (docs/admin.md): its fields without the bookkeeping
-- (updated_at, created_at, version) and the search vector, plus its tag slugs and former slugs,
-- so an entry shows a retagging or a rename like any other change. The admin store calls it
-- before and after each write, in the write's transaction.
CREATE FUNCTION content_article_audit_json(p_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT (to_jsonb(a) - 'updated_at' - 'created_at' - 'version' - 'search_vector')
         || jsonb_build_object(
              'tags', (SELECT coalesce(jsonb_agg(g.slug ORDER BY g.slug), '[]')
                       FROM content_article_tags x JOIN content_tags g ON g.id = x.tag_id
                       WHERE x.article_id = a.id),
              'former_slugs', (SELECT coalesce(jsonb_agg(s.slug ORDER BY s.created_at, s.slug),
                                               '[]')
                               FROM content_article_slug_aliases s WHERE s.article_id = a.id))
  FROM content_articles a WHERE a.id = p_id
$$;

-- The same for a translation (its text) and a category (name, position, translated names).
CREATE FUNCTION content_translation_audit_json(p_id uuid, p_language text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('title', t.title, 'summary', t.summary,
                            'body_markdown', t.body_markdown)
  FROM content_article_translations t WHERE t.article_id = p_id AND t.language = p_language
$$;

CREATE FUNCTION content_category_audit_json(p_slug text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
           'slug', c.slug, 'name', c.name, 'position', c.position,
           'names', (SELECT coalesce(jsonb_object_agg(t.language, t.name), '{}')
                     FROM content_category_translations t WHERE t.category = c.slug))
  FROM content_categories c WHERE c.slug = p_slug
$$;

-- An article's status as the admin API names it (derived, never stored; admin_types.hpp).
CREATE FUNCTION content_article_status(p_deleted_at timestamptz, p_published_at timestamptz,
                                       p_unpublished_at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_deleted_at IS NOT NULL THEN 'removed'
              WHEN p_published_at IS NULL AND p_unpublished_at IS NOT NULL THEN 'unpublished'
              WHEN p_published_at IS NULL THEN 'draft'
              WHEN p_published_at > now() THEN 'scheduled'
              ELSE 'published' END
$$;
