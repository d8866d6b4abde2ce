-- Content reading from an in-process snapshot (docs/content.md, "The article snapshot"): one row
-- holding the version of the articles as readers see them. Statement-level triggers bump it on
-- any write to the tables an article's answer is built from, so the admin API, the seed or a
-- hand-run UPDATE all invalidate every instance's snapshot without calling anything; readers
-- poll this single row, as the workout library does (0021).

CREATE TABLE content_reference_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version  bigint NOT NULL DEFAULT 1
);
INSERT INTO content_reference_version DEFAULT VALUES;

CREATE FUNCTION bump_content_reference_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_reference_version SET version = version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER content_articles_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_articles
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_reference_version();
CREATE TRIGGER content_article_translations_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_article_translations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_reference_version();
CREATE TRIGGER content_article_slug_aliases_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_article_slug_aliases
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_reference_version();
CREATE TRIGGER content_article_tags_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_article_tags
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_reference_version();
CREATE TRIGGER content_tags_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_tags
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_reference_version();
