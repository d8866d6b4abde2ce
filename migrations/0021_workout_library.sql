-- The workout library's additions (issue 12): exercise aliases for search, routine blocks
-- (warm-up, intervals, cool-down), a version stamp that every write to the reference tables
-- bumps (each instance polls it to refresh its in-process snapshot), and users' own routines.

-- Other names an exercise is searched by ("pushup", "star jumps"); lowercase words.
ALTER TABLE exercises ADD COLUMN aliases jsonb NOT NULL DEFAULT '[]';
ALTER TABLE exercises ADD CONSTRAINT exercises_aliases CHECK (
  jsonb_typeof(aliases) = 'array' AND jsonb_array_length(aliases) <= 10);

-- What a routine is good for (GET /workouts/routines?goal=); a closed vocabulary.
ALTER TABLE workout_routines ADD COLUMN goals jsonb NOT NULL DEFAULT '[]';
ALTER TABLE workout_routines ADD CONSTRAINT workout_routines_goals CHECK (
  jsonb_typeof(goals) = 'array'
  AND goals <@ '["fat_loss", "endurance", "strength", "core", "low_impact"]'::jsonb);

-- A slot belongs to the warm-up (done once, before the rounds), the main intervals (repeated
-- `rounds` times) or the cool-down (once, after). Existing slots are main intervals.
ALTER TABLE workout_routine_exercises ADD COLUMN block text NOT NULL DEFAULT 'main';
ALTER TABLE workout_routine_exercises ADD CONSTRAINT workout_routine_exercises_block
  CHECK (block IN ('warm_up', 'main', 'cool_down'));

-- The length formula of 0005, with blocks: warm-up and cool-down slots run once each, back to
-- back (work only, their own work_seconds or the routine's); the main block as before.
-- src/workouts/routine_rules.cpp computes the same figure; a test checks they agree.
CREATE OR REPLACE FUNCTION workout_routine_duration_seconds(p_routine_id uuid) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT (CASE r.category
      WHEN 'amrap' THEN r.rounds * r.work_seconds
      ELSE r.rounds * (
          COALESCE((SELECT sum(COALESCE(e.work_seconds, r.work_seconds))
                    FROM workout_routine_exercises e
                    WHERE e.routine_id = r.id AND e.block = 'main'), 0)
          + r.rest_seconds * GREATEST(
              (SELECT count(*) FROM workout_routine_exercises e
               WHERE e.routine_id = r.id AND e.block = 'main') - 1, 0))
    END + (r.rounds - 1) * r.rest_between_rounds_seconds
      + COALESCE((SELECT sum(COALESCE(e.work_seconds, r.work_seconds))
                  FROM workout_routine_exercises e
                  WHERE e.routine_id = r.id AND e.block <> 'main'), 0))::integer
  FROM workout_routines r
  WHERE r.id = p_routine_id
$$;

-- One row: the version of the workout reference data (exercises, routines and their slots).
-- Statement-level triggers bump it on any write, so the content/admin module, the seed or a
-- hand-run UPDATE all invalidate every instance's snapshot without calling anything; readers
-- poll this single row (docs/workouts.md, "Exercise library").
CREATE TABLE workout_reference_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version  bigint NOT NULL DEFAULT 1
);
INSERT INTO workout_reference_version DEFAULT VALUES;

CREATE FUNCTION bump_workout_reference_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE workout_reference_version SET version = version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER exercises_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exercises
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workout_reference_version();
CREATE TRIGGER workout_routines_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workout_routines
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workout_reference_version();
CREATE TRIGGER workout_routine_exercises_bump_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workout_routine_exercises
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workout_reference_version();

-- A user's own routine: a main block repeated `rounds` times, plus optional warm-up and
-- cool-down, built from library exercises. Private: only its owner reads or changes it.
CREATE TABLE user_workout_routines (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name                        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  description                 text CHECK (length(description) <= 1000),
  rounds                      integer NOT NULL CHECK (rounds BETWEEN 1 AND 50),
  rest_between_rounds_seconds integer NOT NULL DEFAULT 0
                              CHECK (rest_between_rounds_seconds BETWEEN 0 AND 900),
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  -- Target of the composite FK from the intervals, so an interval is always its owner's.
  UNIQUE (user_id, id)
);
CREATE INDEX user_workout_routines_owner ON user_workout_routines (user_id, created_at, id);
CREATE TRIGGER user_workout_routines_set_updated_at BEFORE UPDATE ON user_workout_routines
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Its intervals in order. An interval is work_seconds long, or reps (or both: reps as the
-- target inside the time), then rest_seconds, repeated `rounds` times in a row.
CREATE TABLE user_workout_routine_intervals (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  routine_id   uuid NOT NULL,
  position     smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
  block        text NOT NULL CHECK (block IN ('warm_up', 'main', 'cool_down')),
  -- RESTRICT: exercises are retired with is_active, never deleted under users' routines.
  exercise_id  uuid NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  work_seconds integer CHECK (work_seconds BETWEEN 5 AND 3600),
  reps         integer CHECK (reps BETWEEN 1 AND 500),
  rest_seconds integer NOT NULL DEFAULT 0 CHECK (rest_seconds BETWEEN 0 AND 600),
  rounds       smallint NOT NULL DEFAULT 1 CHECK (rounds BETWEEN 1 AND 20),
  notes        text CHECK (length(notes) <= 500),
  PRIMARY KEY (routine_id, position),
  FOREIGN KEY (user_id, routine_id) REFERENCES user_workout_routines (user_id, id)
    ON DELETE CASCADE,
  CHECK (work_seconds IS NOT NULL OR reps IS NOT NULL)
);
-- The RESTRICT check on exercises and "whose routines use X".
CREATE INDEX user_workout_routine_intervals_exercise
  ON user_workout_routine_intervals (exercise_id);
