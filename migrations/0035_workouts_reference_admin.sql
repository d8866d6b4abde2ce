-- Administration of the workout reference data (issue 14, docs/admin.md): the row versions the
-- admin API's version guard compares (If-Match: "v<version>"), and the exercises' translations
-- (docs/admin.md, "Localised reference data").

-- version: bumped by every UPDATE of the row (the triggers below), so the ETag an editor read
-- goes stale on any write: by the admin API, the seed or by hand. An admin write that changes
-- only a routine's exercise list touches the routine row too (its derived duration and
-- equipment), so it bumps the routine's version.
ALTER TABLE exercises
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  -- {"de": {"name": ..., "description": ..., "instructions": [...]}}: per language of
  -- language::served other than English, only the translatable text fields, each optional
  -- (a missing one is served in English). The admin API validates languages and lengths.
  ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb
    CONSTRAINT exercises_translations CHECK (jsonb_typeof(translations) = 'object');

ALTER TABLE workout_routines ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION bump_workout_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER exercises_bump_row_version
  BEFORE UPDATE ON exercises
  FOR EACH ROW EXECUTE FUNCTION bump_workout_row_version();
CREATE TRIGGER workout_routines_bump_row_version
  BEFORE UPDATE ON workout_routines
  FOR EACH ROW EXECUTE FUNCTION bump_workout_row_version();

-- DELETE /admin/workouts/routines/:id asks whether any session was started from the routine
-- (workout_sessions.routine_id is not a foreign key since 0023, so nothing indexed it).
CREATE INDEX workout_sessions_routine_idx ON workout_sessions (routine_id)
  WHERE routine_id IS NOT NULL;
