-- Fasting plans: one plan per user, and the anchor an alternate-day plan counts its cycle from.

-- An alternate-day plan fasts on anchor_date, anchor_date + 2, ... (in the plan's zone); other
-- kinds keep it NULL, since their weekdays fix the phase.
ALTER TABLE fasting_schedules ADD COLUMN anchor_date date;

-- "The user's plan" is a single row: PUT /fasting/schedule upserts on this index, so two racing
-- PUTs end as one plan rather than two. A soft-deleted plan does not block a new one.
CREATE UNIQUE INDEX fasting_schedules_one_per_user ON fasting_schedules (user_id)
  WHERE deleted_at IS NULL;
