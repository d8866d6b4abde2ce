-- Workout reference data: the exercise library and the HIIT routines built from it.
-- Rows are written only by `ugoki seed` (seeds/020_*, seeds/021_*), upserted by slug;
-- docs/reference-data.md explains every column and how to add a row.

CREATE TABLE exercises (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug          text NOT NULL UNIQUE,
  name          text NOT NULL,
  description   text NOT NULL,
  -- Ordered steps, one short imperative sentence each.
  instructions  jsonb NOT NULL DEFAULT '[]',
  muscle_groups jsonb NOT NULL DEFAULT '[]',
  -- Empty array = bodyweight only.
  equipment     jsonb NOT NULL DEFAULT '[]',
  difficulty    text NOT NULL,
  category      text NOT NULL,
  -- Energy cost in METs from the Compendium of Physical Activities; kcal/min is derived
  -- (MET x 3.5 x kg / 200), never stored, because it depends on the user's weight.
  met_value     numeric(4,1) NOT NULL,
  met_source    text NOT NULL,
  -- One side at a time: the client doubles the set or prompts "switch sides".
  is_unilateral boolean NOT NULL DEFAULT false,
  video_url     text,
  thumbnail_url text,
  sort_order    integer NOT NULL DEFAULT 0,
  is_active     boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),

  CONSTRAINT exercises_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT exercises_name_nonempty CHECK (btrim(name) <> ''),
  CONSTRAINT exercises_description_nonempty CHECK (btrim(description) <> ''),
  CONSTRAINT exercises_difficulty CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  CONSTRAINT exercises_category
    CHECK (category IN ('cardio', 'strength', 'core', 'plyometric', 'mobility')),
  CONSTRAINT exercises_met_range CHECK (met_value BETWEEN 1.0 AND 25.0),
  CONSTRAINT exercises_met_source CHECK (met_source ~ '^Compendium (2011|2024) code [0-9]{5}$'),
  CONSTRAINT exercises_instructions_array CHECK (
    jsonb_typeof(instructions) = 'array' AND jsonb_array_length(instructions) BETWEEN 3 AND 6),
  -- Closed vocabularies keep filters (?muscle=glutes, ?equipment=kettlebell) reliable.
  CONSTRAINT exercises_muscle_groups CHECK (
    jsonb_typeof(muscle_groups) = 'array' AND jsonb_array_length(muscle_groups) >= 1
    AND muscle_groups <@ '["chest", "back", "shoulders", "biceps", "triceps", "forearms",
      "core", "obliques", "lower_back", "glutes", "quadriceps", "hamstrings", "calves",
      "hip_flexors", "adductors", "full_body"]'::jsonb),
  CONSTRAINT exercises_equipment CHECK (
    jsonb_typeof(equipment) = 'array'
    AND equipment <@ '["dumbbell", "kettlebell", "resistance_band", "mini_band", "jump_rope",
      "box"]'::jsonb),
  CONSTRAINT exercises_video_url CHECK (video_url IS NULL OR video_url ~ '^https://'),
  CONSTRAINT exercises_thumbnail_url CHECK (thumbnail_url IS NULL OR thumbnail_url ~ '^https://')
);

CREATE INDEX exercises_active_order ON exercises (sort_order, name) WHERE is_active;
-- Library filters: "exercises for glutes", "exercises with a kettlebell".
CREATE INDEX exercises_muscle_groups_gin ON exercises USING gin (muscle_groups);
CREATE INDEX exercises_equipment_gin ON exercises USING gin (equipment);

CREATE TRIGGER exercises_set_updated_at
  BEFORE UPDATE ON exercises
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE workout_routines (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug                        text NOT NULL UNIQUE,
  name                        text NOT NULL,
  description                 text NOT NULL,
  difficulty                  text NOT NULL,
  category                    text NOT NULL,
  rounds                      integer NOT NULL,
  -- Default interval per exercise; for 'amrap' it is the length of one AMRAP block and
  -- for 'emom' it is the minute (60).
  work_seconds                integer NOT NULL,
  -- Rest after each exercise inside a round (not after the last one).
  rest_seconds                integer NOT NULL,
  rest_between_rounds_seconds integer NOT NULL,
  -- Derived from the fields above and the routine's exercises by
  -- workout_routine_duration_seconds(); the seed keeps it in step.
  estimated_duration_seconds  integer NOT NULL DEFAULT 0,
  -- Union of the exercises' equipment, also kept in step by the seed.
  equipment                   jsonb NOT NULL DEFAULT '[]',
  is_premium                  boolean NOT NULL DEFAULT false,
  sort_order                  integer NOT NULL DEFAULT 0,
  is_active                   boolean NOT NULL DEFAULT true,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),

  CONSTRAINT workout_routines_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT workout_routines_name_nonempty CHECK (btrim(name) <> ''),
  CONSTRAINT workout_routines_description_nonempty CHECK (btrim(description) <> ''),
  CONSTRAINT workout_routines_difficulty
    CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  CONSTRAINT workout_routines_category
    CHECK (category IN ('hiit', 'tabata', 'emom', 'amrap', 'circuit')),
  CONSTRAINT workout_routines_rounds CHECK (rounds BETWEEN 1 AND 50),
  CONSTRAINT workout_routines_work CHECK (work_seconds BETWEEN 5 AND 3600),
  CONSTRAINT workout_routines_rest CHECK (rest_seconds BETWEEN 0 AND 600),
  CONSTRAINT workout_routines_round_rest CHECK (rest_between_rounds_seconds BETWEEN 0 AND 900),
  CONSTRAINT workout_routines_duration CHECK (estimated_duration_seconds >= 0),
  CONSTRAINT workout_routines_emom_minute CHECK (category <> 'emom' OR work_seconds = 60),
  CONSTRAINT workout_routines_equipment CHECK (jsonb_typeof(equipment) = 'array')
);

CREATE INDEX workout_routines_active_order ON workout_routines (sort_order, name) WHERE is_active;

CREATE TRIGGER workout_routines_set_updated_at
  BEFORE UPDATE ON workout_routines
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE workout_routine_exercises (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  routine_id   uuid NOT NULL REFERENCES workout_routines (id) ON DELETE CASCADE,
  -- RESTRICT: retiring an exercise is done with is_active, never by deleting a used row.
  exercise_id  uuid NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  position     integer NOT NULL,
  -- Overrides the routine's work_seconds for this slot (e.g. a longer plank).
  work_seconds integer,
  -- Target reps instead of (emom, amrap) or as a guide within the interval.
  reps         integer,
  notes        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),

  CONSTRAINT workout_routine_exercises_position UNIQUE (routine_id, position),
  CONSTRAINT workout_routine_exercises_position_positive CHECK (position >= 1),
  CONSTRAINT workout_routine_exercises_work CHECK (work_seconds IS NULL OR work_seconds > 0),
  CONSTRAINT workout_routine_exercises_reps CHECK (reps IS NULL OR reps BETWEEN 1 AND 500)
);

-- The FK from exercises needs its own index for the RESTRICT check and "routines using X".
CREATE INDEX workout_routine_exercises_exercise ON workout_routine_exercises (exercise_id);

CREATE TRIGGER workout_routine_exercises_set_updated_at
  BEFORE UPDATE ON workout_routine_exercises
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Estimated length of one routine in seconds, so the API, the seed and tests share one formula.
-- Rounds run the exercises in position order. Interval routines: each slot works for its
-- override or the routine's work_seconds, rests rest_seconds after every slot but the last of
-- a round, and rest_between_rounds_seconds separates rounds. AMRAP: rounds blocks of
-- work_seconds each. Returns NULL for an unknown routine id.
CREATE FUNCTION workout_routine_duration_seconds(p_routine_id uuid) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT (CASE r.category
      WHEN 'amrap' THEN r.rounds * r.work_seconds
      ELSE r.rounds * (
          COALESCE((SELECT sum(COALESCE(e.work_seconds, r.work_seconds))
                    FROM workout_routine_exercises e WHERE e.routine_id = r.id), 0)
          + r.rest_seconds * GREATEST(
              (SELECT count(*) FROM workout_routine_exercises e WHERE e.routine_id = r.id) - 1,
              0))
    END + (r.rounds - 1) * r.rest_between_rounds_seconds)::integer
  FROM workout_routines r
  WHERE r.id = p_routine_id
$$;
