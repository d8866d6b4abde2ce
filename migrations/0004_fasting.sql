-- A user's fasting: recurring schedules, sessions (the timer) and in-fast check-in logs.
-- The database itself enforces the two invariants the timer relies on: at most one active
-- session per user, and no two (non-cancelled) sessions of one user overlapping in time.

-- Trusted extension since PostgreSQL 13: lets a GiST exclusion constraint compare uuid with =.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- 0002 could not reference fasting_protocols (created by 0003); a retired protocol only clears
-- the recommendation.
ALTER TABLE user_profiles
  ADD CONSTRAINT user_profiles_recommended_protocol_fkey
  FOREIGN KEY (recommended_protocol_id) REFERENCES fasting_protocols (id) ON DELETE SET NULL;

-- The user's plan: "start a 16:8 fast at 20:00 on Mon-Fri". Reminder jobs are derived from it.
CREATE TABLE fasting_schedules (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                 uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- NULL for a custom length; fasting_minutes is then the user's own target.
  protocol_id             uuid REFERENCES fasting_protocols (id) ON DELETE SET NULL,
  fasting_minutes         integer NOT NULL CHECK (fasting_minutes BETWEEN 60 AND 7 * 24 * 60),
  -- ISO weekdays, 1 = Monday .. 7 = Sunday.
  weekdays                smallint[] NOT NULL
                          CHECK (cardinality(weekdays) BETWEEN 1 AND 7
                                 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
  start_local_time        time NOT NULL,
  -- Snapshot of the profile's zone when saved: the schedule means wall-clock time there, and a
  -- traveller's profile change should not silently move it.
  timezone                text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  reminder_minutes_before smallint CHECK (reminder_minutes_before BETWEEN 0 AND 1440),
  active                  boolean NOT NULL DEFAULT true,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  deleted_at              timestamptz,
  -- Target of composite FKs, so a child row can never point at another user's parent.
  UNIQUE (user_id, id)
);
CREATE INDEX fasting_schedules_user_active_idx ON fasting_schedules (user_id)
  WHERE active AND deleted_at IS NULL;
CREATE TRIGGER fasting_schedules_set_updated_at BEFORE UPDATE ON fasting_schedules
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE fasting_sessions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  protocol_id    uuid REFERENCES fasting_protocols (id) ON DELETE SET NULL,
  schedule_id    uuid,
  -- Snapshot of the protocol at start: history must show what the user fasted even if the
  -- reference row is renamed or retired. The target length is target_end_at - started_at.
  protocol_slug  text,
  protocol_name  text,
  started_at     timestamptz NOT NULL,
  target_end_at  timestamptz NOT NULL,
  actual_end_at  timestamptz,
  status         text NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'completed', 'ended_early', 'cancelled')),
  -- Zone in force at start; end_local_date is the calendar day the fast ended there, which is
  -- what streaks count (computed once, so a later zone change does not rewrite history).
  timezone       text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  end_local_date date,
  notes          text CHECK (length(notes) <= 2000),
  source         text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'import', 'admin')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz,
  UNIQUE (user_id, id),
  FOREIGN KEY (user_id, schedule_id) REFERENCES fasting_schedules (user_id, id)
    ON DELETE SET NULL (schedule_id),
  CHECK (target_end_at > started_at),
  CHECK (actual_end_at IS NULL OR actual_end_at >= started_at),
  -- Only a running fast lacks an end; only a finished one has a streak day.
  CHECK ((status = 'active') = (actual_end_at IS NULL)),
  CHECK (status NOT IN ('completed', 'ended_early') OR end_local_date IS NOT NULL),
  -- Deleting a running fast must cancel it first, so the active index below stays meaningful.
  CHECK (status <> 'active' OR deleted_at IS NULL)
);
-- At most one running fast per user: a racing second POST /fasting/sessions fails with 23505 on
-- this index. Created before the exclusion constraint below on purpose: PostgreSQL checks
-- indexes in creation order, so "already fasting" reports this name rather than the overlap one.
-- The store should map errors by constraint name all the same.
CREATE UNIQUE INDEX fasting_sessions_one_active_key ON fasting_sessions (user_id)
  WHERE status = 'active';
-- Half-open [start, end) ranges per user may not intersect (23P01); back-to-back fasts are fine.
-- A running session extends to infinity, so nothing can be backdated after its start.
ALTER TABLE fasting_sessions ADD CONSTRAINT fasting_sessions_no_overlap EXCLUDE USING gist (
  user_id WITH =,
  tstzrange(started_at, coalesce(actual_end_at, 'infinity'::timestamptz), '[)') WITH &&
) WHERE (status <> 'cancelled' AND deleted_at IS NULL);
-- GET /sessions/history: WHERE user_id = $1 AND deleted_at IS NULL
--   AND (started_at, id) < ($2, $3) ORDER BY started_at DESC, id DESC LIMIT n.
CREATE INDEX fasting_sessions_history_idx ON fasting_sessions (user_id, started_at DESC, id DESC)
  WHERE deleted_at IS NULL;
-- GET /fasting/streaks: distinct end_local_date of finished fasts, newest first.
CREATE INDEX fasting_sessions_streak_idx ON fasting_sessions (user_id, end_local_date DESC)
  WHERE status IN ('completed', 'ended_early') AND deleted_at IS NULL;
-- The completion sweep ("fasting:completed" push when the target passes): global, by time.
CREATE INDEX fasting_sessions_due_idx ON fasting_sessions (target_end_at)
  WHERE status = 'active';
CREATE TRIGGER fasting_sessions_set_updated_at BEFORE UPDATE ON fasting_sessions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Check-ins during a fast (how do you feel?). user_id is repeated on purpose: every user-owned
-- table carries it so the schema can be sharded by user, and the composite FK keeps it truthful.
CREATE TABLE fasting_logs (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  logged_at  timestamptz NOT NULL,
  mood       smallint CHECK (mood BETWEEN 1 AND 5),
  energy     smallint CHECK (energy BETWEEN 1 AND 5),
  hunger     smallint CHECK (hunger BETWEEN 1 AND 5),
  -- ["headache", "dizziness", ...]: a list the app may grow without migrations.
  symptoms   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(symptoms) = 'array'),
  note       text CHECK (length(note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  FOREIGN KEY (user_id, session_id) REFERENCES fasting_sessions (user_id, id) ON DELETE CASCADE,
  CHECK (num_nonnulls(mood, energy, hunger, note) > 0 OR symptoms <> '[]')
);
-- A session's logs in time order; also serves the FK's cascade from fasting_sessions.
CREATE INDEX fasting_logs_session_idx ON fasting_logs (user_id, session_id, logged_at);
CREATE TRIGGER fasting_logs_set_updated_at BEFORE UPDATE ON fasting_logs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
