-- A user's workouts: HIIT/strength sessions and the per-exercise sets logged inside them.
-- Reference tables (exercises, workout_routines) come from 0005 and are referenced by id only.

CREATE TABLE workout_sessions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- NULL for a free-form workout, or once the routine is retired: the snapshot keeps history.
  routine_id         uuid REFERENCES workout_routines (id) ON DELETE SET NULL,
  -- The routine as started (name, rounds, exercise list with work/rest seconds): routines are
  -- edited by content staff and a finished workout must still read as it was done.
  routine_snapshot   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(routine_snapshot) = 'object'),
  status             text NOT NULL DEFAULT 'in_progress'
                     CHECK (status IN ('in_progress', 'completed', 'abandoned')),
  started_at         timestamptz NOT NULL,
  -- Set when the session leaves in_progress (completed or abandoned).
  completed_at       timestamptz,
  -- Active time as the client measured it (pauses excluded), so not completed_at - started_at.
  duration_seconds   integer CHECK (duration_seconds BETWEEN 0 AND 86400),
  calories_burned    integer CHECK (calories_burned BETWEEN 0 AND 10000),
  -- Borg CR10 rating of perceived exertion.
  perceived_exertion smallint CHECK (perceived_exertion BETWEEN 1 AND 10),
  avg_heart_rate_bpm smallint CHECK (avg_heart_rate_bpm BETWEEN 20 AND 250),
  notes              text CHECK (length(notes) <= 2000),
  -- Zone in force at start and the local day of the workout, for weekly goals and streaks.
  timezone           text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  local_date         date NOT NULL,
  source             text NOT NULL DEFAULT 'app'
                     CHECK (source IN ('app', 'import', 'healthkit', 'health_connect')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz,
  -- Target of the composite FK from exercise_logs.
  UNIQUE (user_id, id),
  CHECK ((status = 'in_progress') = (completed_at IS NULL)),
  CHECK (completed_at IS NULL OR completed_at >= started_at)
);
-- GET /workouts/sessions/history: WHERE user_id = $1 AND deleted_at IS NULL
--   AND (started_at, id) < ($2, $3) ORDER BY started_at DESC, id DESC LIMIT n.
CREATE INDEX workout_sessions_history_idx ON workout_sessions (user_id, started_at DESC, id DESC)
  WHERE deleted_at IS NULL;
-- Weekly goal progress and workout streaks: completed sessions by local day.
CREATE INDEX workout_sessions_local_date_idx ON workout_sessions (user_id, local_date DESC)
  WHERE status = 'completed' AND deleted_at IS NULL;
CREATE TRIGGER workout_sessions_set_updated_at BEFORE UPDATE ON workout_sessions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One row per performed set/interval. (round, position) is the slot in the session, unique so the
-- client can resend a PATCH with the same logs and the store upserts instead of duplicating.
CREATE TABLE exercise_logs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id       uuid NOT NULL,
  -- RESTRICT: exercises are reference data that is upserted, never deleted under history.
  exercise_id      uuid NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  round            smallint NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 100),
  position         smallint NOT NULL DEFAULT 1 CHECK (position BETWEEN 1 AND 1000),
  reps             integer CHECK (reps BETWEEN 0 AND 10000),
  weight_kg        numeric(6, 2) CHECK (weight_kg BETWEEN 0 AND 1000),
  duration_seconds integer CHECK (duration_seconds BETWEEN 0 AND 86400),
  rest_seconds     integer CHECK (rest_seconds BETWEEN 0 AND 86400),
  distance_m       numeric(9, 2) CHECK (distance_m BETWEEN 0 AND 1000000),
  -- false when the user skipped the interval; kept so completion rates can be computed.
  completed        boolean NOT NULL DEFAULT true,
  performed_at     timestamptz,
  notes            text CHECK (length(notes) <= 500),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, session_id) REFERENCES workout_sessions (user_id, id) ON DELETE CASCADE,
  UNIQUE (user_id, session_id, round, position)
);
-- Per-exercise progress ("my push-up reps over time"); the UNIQUE above serves session reads.
CREATE INDEX exercise_logs_exercise_idx ON exercise_logs (user_id, exercise_id, created_at DESC);
CREATE TRIGGER exercise_logs_set_updated_at BEFORE UPDATE ON exercise_logs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
