-- Workout sessions as the API runs them (issue 12, sessions half): the session's type, the
-- fasted flag, pause bookkeeping and the energy figure with the body mass it used; a set's RPE.
-- Like fasting (0004), the database enforces the two invariants: at most one workout in
-- progress per user, and no two (non-cancelled) workouts of one user overlapping in time.
-- Depends only on 0006 (tables) and 0004 (btree_gist).

-- 'abandoned' of 0006 was never written by any route; the API's word is cancelled.
ALTER TABLE workout_sessions DROP CONSTRAINT workout_sessions_status_check;
ALTER TABLE workout_sessions ADD CONSTRAINT workout_sessions_status_check
  CHECK (status IN ('in_progress', 'completed', 'cancelled'));

ALTER TABLE workout_sessions
  -- What kind of workout: a routine's sessions are 'hiit'; free-form ones say what they are.
  -- The type picks the MET of active time no logged set covers (docs/workouts.md).
  ADD COLUMN type text NOT NULL DEFAULT 'other'
    CHECK (type IN ('hiit', 'strength', 'cardio', 'mobility', 'other')),
  -- The routine's name at start, for history lists without parsing the snapshot.
  ADD COLUMN routine_name text,
  -- A fast was running when the workout started (asked of the fasting module at start).
  ADD COLUMN fasted boolean NOT NULL DEFAULT false,
  -- Set while paused; paused_seconds sums the finished pauses. Active time is
  -- (end - start) - paused_seconds (duration_seconds once the session ends).
  ADD COLUMN paused_at timestamptz,
  ADD COLUMN paused_seconds integer NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
  -- The mass every kcal figure of the session was computed with (fetched once, at start), and
  -- whether it was the documented default rather than the user's own.
  ADD COLUMN body_mass_kg numeric(5, 1) NOT NULL DEFAULT 70.0
    CHECK (body_mass_kg BETWEEN 20 AND 500),
  ADD COLUMN kcal_estimated boolean NOT NULL DEFAULT true,
  ADD CONSTRAINT workout_sessions_paused_only_in_progress
    CHECK (paused_at IS NULL OR status = 'in_progress'),
  -- A cancelled session is out of the invariants below; deleting a running one needs an end.
  ADD CONSTRAINT workout_sessions_running_not_deleted
    CHECK (status <> 'in_progress' OR deleted_at IS NULL);

-- At most one workout in progress per user: a racing second POST /workouts/sessions fails with
-- 23505 on this index. Created before the exclusion constraint on purpose (PostgreSQL checks in
-- creation order), so "already training" reports this name rather than the overlap one.
CREATE UNIQUE INDEX workout_sessions_one_active_key ON workout_sessions (user_id)
  WHERE status = 'in_progress';
-- Half-open [start, end) ranges per user may not intersect (23P01); a running session extends
-- to infinity, so nothing can be backdated after its start. Back-to-back is fine.
ALTER TABLE workout_sessions ADD CONSTRAINT workout_sessions_no_overlap EXCLUDE USING gist (
  user_id WITH =,
  tstzrange(started_at, coalesce(completed_at, 'infinity'::timestamptz), '[)') WITH &&
) WHERE (status <> 'cancelled' AND deleted_at IS NULL);

-- Borg CR10 effort of one set (the session's own stays perceived_exertion).
ALTER TABLE exercise_logs
  ADD COLUMN rpe smallint CHECK (rpe BETWEEN 1 AND 10);
