-- Content reading (issue 14): category names, article translations with their own search
-- vectors, old slugs that keep answering, and readers' bookmarks and reading progress.
-- 0009 made the articles, tags and the English search vector; this adds what reading needs.

-- The seven categories of content_articles' CHECK, with a display name and an order for the
-- category list (seeds/041_content_locales.sql fills them).
CREATE TABLE content_categories (
    slug       text PRIMARY KEY CHECK (slug IN ('if', 'hiit', 'nutrition', 'sleep', 'research',
                                               'mindset', 'beginners')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    position   integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER content_categories_set_updated_at
    BEFORE UPDATE ON content_categories
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- A category's name in another language; English is the row above.
CREATE TABLE content_category_translations (
    category text NOT NULL REFERENCES content_categories (slug) ON DELETE CASCADE,
    language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$' AND language <> 'en'),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    PRIMARY KEY (category, language)
);

-- An article in another language (English is the content_articles row). search_config is the
-- text search configuration of the language ('german', 'french'), so each translation is
-- stemmed by its own language's rules. The vector is a generated column, as on the articles:
-- to_tsvector(regconfig, text) is immutable even when the regconfig is a column, it can never
-- disagree with the text (a trigger can be disabled or forgotten by a bulk load), and it is
-- stored, so the GIN index below serves searches without recomputing it.
CREATE TABLE content_article_translations (
    article_id    uuid NOT NULL REFERENCES content_articles (id) ON DELETE CASCADE,
    language      text NOT NULL CHECK (language ~ '^[a-z]{2,3}$' AND language <> 'en'),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    summary       text NOT NULL,
    body_markdown text NOT NULL CHECK (length(body_markdown) > 0),
    search_config regconfig NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    search_vector tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector(search_config, title), 'A')
                      || setweight(to_tsvector(search_config, summary), 'B')
                      || setweight(to_tsvector(search_config, body_markdown), 'C')
                  ) STORED,
    PRIMARY KEY (article_id, language)
);

CREATE TRIGGER content_article_translations_set_updated_at
    BEFORE UPDATE ON content_article_translations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX content_article_translations_search_gin
    ON content_article_translations USING gin (search_vector);
CREATE INDEX content_article_translations_language_idx
    ON content_article_translations (language, article_id);

-- Slugs an article answered at before a rename (the admin half writes them): GET
-- /content/articles/:slug finds the article by its old slug too.
CREATE TABLE content_article_slug_aliases (
    slug       text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 255),
    article_id uuid NOT NULL REFERENCES content_articles (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A reader's saved articles. Saving twice is one row (the primary key).
CREATE TABLE content_bookmarks (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id uuid NOT NULL REFERENCES content_articles (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, article_id)
);

-- GET /content/bookmarks: newest first, cursor on (created_at, article_id).
CREATE INDEX content_bookmarks_user_created_idx
    ON content_bookmarks (user_id, created_at DESC, article_id DESC);

-- How far a reader got in an article; read_at is set the first time it is finished (percent
-- 100 or an explicit "completed") and kept when the reader scrolls back.
CREATE TABLE content_reading_progress (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id uuid NOT NULL REFERENCES content_articles (id) ON DELETE CASCADE,
    percent    smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, article_id)
);

CREATE TRIGGER content_reading_progress_set_updated_at
    BEFORE UPDATE ON content_reading_progress
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
