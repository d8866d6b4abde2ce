-- A workout can start from a catalogue routine (workout_routines) or from one of the user's own
-- (user_workout_routines, 0021), so workout_sessions.routine_id can no longer reference the
-- catalogue alone. It becomes the id of the routine as started, whichever table held it: the
-- session's routine_snapshot keeps what was done, so a routine deleted by its owner or retired
-- from the catalogue leaves history intact, and the history filter by routine keeps working.
ALTER TABLE workout_sessions DROP CONSTRAINT workout_sessions_routine_id_fkey;
COMMENT ON COLUMN workout_sessions.routine_id IS
  'The routine the workout was started from: a catalogue routine or one of the user''s own; '
  'not a foreign key (either table, and a deleted own routine leaves history intact).';
