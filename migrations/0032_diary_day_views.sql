-- Read-only views for the food diary's day (GET /nutrition/diary, issue 13): the day's meals and
-- the three figures it needs of other modules (the kcal goal, the workouts' energy, the
-- active_kcal metric) are read in one statement, one transaction, instead of four
-- (docs/architecture.md, "Module-owned data": a view the owning module publishes when its data
-- must join the reader's own SQL in one round trip). Each view is owned by the module named in
-- its comment, which keeps its meaning when the tables under it change; never written.

CREATE VIEW user_kcal_goals AS
SELECT user_id, daily_kcal_goal FROM user_preferences;

COMMENT ON VIEW user_kcal_goals IS
  'Owned by the user module: (user_id, daily_kcal_goal) of the preferences row, NULL goal when '
  'unset; no row when the user never saved preferences. Read by the food diary.';

-- The same rows as workouts_store's kcal_by_day reads, served by workout_sessions_local_date_idx
-- (its predicate is the view's).
CREATE VIEW completed_workout_days AS
SELECT user_id, local_date, calories_burned
  FROM workout_sessions
 WHERE status = 'completed' AND deleted_at IS NULL;

COMMENT ON VIEW completed_workout_days IS
  'Owned by the workouts module: completed, not deleted workout sessions by the user''s local '
  'date (calories_burned may be NULL). Read by the food diary.';

CREATE VIEW metric_day_sums AS
SELECT user_id, metric_type, day, sum FROM progress_metrics_daily;

COMMENT ON VIEW metric_day_sums IS
  'Owned by the analytics module: the sum of a metric over a local calendar day of the user''s '
  '(no row for a day without points). Read by the food diary (active_kcal).';
