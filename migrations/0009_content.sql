-- Content: articles, tags and full-text search (seeded by seeds/040_content.sql).
-- Admins will edit articles later, so instead of is_active an article is visible when
-- published_at <= now() AND deleted_at IS NULL (soft delete keeps an audit trail and stable slugs).

CREATE TABLE content_articles (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug                 text NOT NULL UNIQUE
                         CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 255),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    summary              text NOT NULL,
    body_markdown        text NOT NULL CHECK (length(body_markdown) > 0),
    author               text CHECK (author IS NULL OR length(author) <= 100),
    image_url            text CHECK (image_url IS NULL OR length(image_url) <= 500),
    -- The plan's five categories, plus two that make the library easier to browse for newcomers.
    category             text NOT NULL CHECK (category IN ('if', 'hiit', 'nutrition', 'sleep',
                                                           'research', 'mindset', 'beginners')),
    is_premium           boolean NOT NULL DEFAULT false,
    reading_time_minutes integer NOT NULL CHECK (reading_time_minutes BETWEEN 1 AND 120),
    -- Array of {title, authors, year, journal, doi | url}. Named citations rather than the
    -- natural "references" because REFERENCES is a reserved word that would need quoting in
    -- every query.
    citations            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(citations) = 'array'),
    -- Null = draft. A future instant = scheduled.
    published_at         timestamptz,
    deleted_at           timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- Weighted so a match in the title outranks one in the body under ts_rank. The two-argument
    -- to_tsvector with a fixed config is immutable, which a generated column requires.
    search_vector        tsvector GENERATED ALWAYS AS (
                             setweight(to_tsvector('english', title), 'A')
                             || setweight(to_tsvector('english', summary), 'B')
                             || setweight(to_tsvector('english', body_markdown), 'C')
                         ) STORED
);

CREATE TRIGGER content_articles_set_updated_at
    BEFORE UPDATE ON content_articles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- GET /content/articles?q=...: search_vector @@ websearch_to_tsquery('english', $q).
CREATE INDEX content_articles_search_gin ON content_articles USING gin (search_vector);
-- GET /content/articles[?category=]: newest first, cursor on (published_at, id), live rows only.
CREATE INDEX content_articles_category_published_idx
    ON content_articles (category, published_at DESC, id DESC)
    WHERE deleted_at IS NULL AND published_at IS NOT NULL;
CREATE INDEX content_articles_published_idx
    ON content_articles (published_at DESC, id DESC)
    WHERE deleted_at IS NULL AND published_at IS NOT NULL;

CREATE TABLE content_tags (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER content_tags_set_updated_at
    BEFORE UPDATE ON content_tags
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE content_article_tags (
    article_id uuid NOT NULL REFERENCES content_articles (id) ON DELETE CASCADE,
    tag_id     uuid NOT NULL REFERENCES content_tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
);

-- "Articles with tag X" walks from the tag side; the primary key serves the article side.
CREATE INDEX content_article_tags_tag_idx ON content_article_tags (tag_id, article_id);
