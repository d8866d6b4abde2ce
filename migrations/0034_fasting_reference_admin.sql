-- Administration and localisation of the fasting reference data (issue 14, docs/admin.md):
-- row versions for the admin's optimistic concurrency (If-Match: "v<version>") on protocols and
-- stages, and their translations (docs/admin.md, "Localised reference data").

-- version: bumped by every UPDATE of the row (the trigger below), so the ETag an editor read goes
-- stale on any write: the admin API, the seed or by hand.
-- translations: {"de": {"name": ..., "description": ..., "benefits": [...],
-- "considerations": [...]}, "fr": {...}}, keyed by a served language other than English; each
-- value holds only the translatable text fields (the admin API validates them, the seeds are
-- ours). A missing field falls back to the English column.
ALTER TABLE fasting_protocols
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD CONSTRAINT fasting_protocols_translations_object
    CHECK (jsonb_typeof(translations) = 'object');

-- Stages translate name, summary, description and disclaimer (the sources are citations).
ALTER TABLE fasting_stages
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD CONSTRAINT fasting_stages_translations_object
    CHECK (jsonb_typeof(translations) = 'object');

CREATE FUNCTION bump_fasting_reference_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER fasting_protocols_bump_row_version
  BEFORE UPDATE ON fasting_protocols
  FOR EACH ROW EXECUTE FUNCTION bump_fasting_reference_row_version();
CREATE TRIGGER fasting_stages_bump_row_version
  BEFORE UPDATE ON fasting_stages
  FOR EACH ROW EXECUTE FUNCTION bump_fasting_reference_row_version();
