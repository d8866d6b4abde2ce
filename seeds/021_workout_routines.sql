-- Seed: ten HIIT routines built from the exercise library (020), upserted by slug.
-- Three statements: routines, their ordered exercises (by routine slug + position, exercises
-- looked up by slug), then the derived duration and equipment. Each skips unchanged rows, so a
-- re-run writes nothing. Order within a round is `position`; see docs/reference-data.md.

-- Routines an admin has created or edited (anything with an audit entry) are the editors' from
-- then on (0033, admin_touched): every statement below leaves them, and their slots, alone.

-- 1. Routines. A routine dropped from this file is retired (sessions reference it).
WITH src (slug, name, sort_order, category, difficulty, rounds, work_seconds, rest_seconds,
          rest_between_rounds_seconds, is_premium, description) AS (VALUES
('tabata-blast', 'Tabata Blast', 10, 'tabata', 'intermediate', 8, 20, 10, 10, false,
 'Classic Tabata timing, 20 seconds all-out and 10 seconds rest, cycling through four moves for '
 'eight rounds. Short, sharp and hard: push the work intervals and let the clock do the rest.'),
('beginner-30-30', 'Beginner 30/30 Circuit', 20, 'circuit', 'beginner', 3, 30, 30, 60, false,
 'An equal work-to-rest circuit for your first weeks of training. Six foundational moves, '
 '30 seconds each with 30 seconds to recover, three times through. No jumping required.'),
('full-body-40-20', 'Full-Body 40/20', 30, 'hiit', 'intermediate', 3, 40, 20, 60, false,
 'Eight exercises covering legs, upper body and core at 40 seconds on and 20 off. Mixes '
 'strength and plyometric moves so your heart rate stays high while each muscle group rests.'),
('emom-20', 'EMOM 20', 40, 'emom', 'intermediate', 5, 60, 0, 0, false,
 'Every minute on the minute for 20 minutes: at the start of each minute do the target reps, '
 'then rest for what is left of it. Four moves, five rounds. Finishing faster earns more rest.'),
('low-impact-sweat', 'Low-Impact Sweat', 50, 'hiit', 'beginner', 3, 40, 20, 60, false,
 'A no-jumping workout that is kind to the joints and quiet enough for an upstairs flat, yet '
 'still raises the heart rate. Good for beginners, heavier bodies and recovery days.'),
('core-crusher', 'Core Crusher', 60, 'circuit', 'intermediate', 3, 40, 20, 45, false,
 'Eight core exercises that train the trunk to brace, resist rotation and flex, from planks '
 'to leg raises. Quality beats speed: slow down rather than let your lower back arch.'),
('kettlebell-conditioning', 'Kettlebell Conditioning', 70, 'hiit', 'intermediate', 4, 40, 20,
 60, true,
 'Swings, goblet squats and cleans with two bodyweight moves in between, four rounds at 40/20. '
 'Pick a bell you can swing for 40 seconds with good form; a moderate weight is enough.'),
('lower-body-burn', 'Lower-Body Burn', 80, 'hiit', 'intermediate', 3, 45, 15, 60, false,
 'Squats, lunges in two planes, bridges and lateral bounds at 45 seconds on, 15 off. Builds '
 'leg strength and endurance with bodyweight only.'),
('upper-body-strength', 'Upper-Body Strength', 90, 'circuit', 'intermediate', 3, 40, 20, 60,
 true,
 'Pushing, pulling and pressing with dumbbells and a resistance band, balanced so the back '
 'works as much as the chest. Choose weights you can move for the whole interval.'),
('cardio-finisher', 'Cardio Finisher', 100, 'hiit', 'advanced', 2, 30, 15, 30, true,
 'Nine minutes of the hardest plyometric and cardio moves to end a strength session. '
 'Only for trained, injury-free joints; swap in the low-impact versions if landings get heavy.')
),
upserted AS (
INSERT INTO workout_routines AS r
  (slug, name, sort_order, category, difficulty, rounds, work_seconds, rest_seconds,
   rest_between_rounds_seconds, is_premium, description)
SELECT slug, name, sort_order, category, difficulty, rounds, work_seconds, rest_seconds,
       rest_between_rounds_seconds, is_premium, description
FROM src
ON CONFLICT (slug) DO UPDATE SET
  name = EXCLUDED.name,
  sort_order = EXCLUDED.sort_order,
  category = EXCLUDED.category,
  difficulty = EXCLUDED.difficulty,
  rounds = EXCLUDED.rounds,
  work_seconds = EXCLUDED.work_seconds,
  rest_seconds = EXCLUDED.rest_seconds,
  rest_between_rounds_seconds = EXCLUDED.rest_between_rounds_seconds,
  is_premium = EXCLUDED.is_premium,
  description = EXCLUDED.description,
  is_active = true
WHERE NOT admin_touched('workouts.routine', r.id::text)
  AND (r.name, r.sort_order, r.category, r.difficulty, r.rounds, r.work_seconds, r.rest_seconds,
       r.rest_between_rounds_seconds, r.is_premium, r.description, r.is_active)
  IS DISTINCT FROM
      (EXCLUDED.name, EXCLUDED.sort_order, EXCLUDED.category, EXCLUDED.difficulty,
       EXCLUDED.rounds, EXCLUDED.work_seconds, EXCLUDED.rest_seconds,
       EXCLUDED.rest_between_rounds_seconds, EXCLUDED.is_premium, EXCLUDED.description, true)
RETURNING 1
)
UPDATE workout_routines SET is_active = false
WHERE is_active AND slug NOT IN (SELECT slug FROM src)
  AND NOT admin_touched('workouts.routine', id::text);

-- 2. Routine exercises, replaced per seeded routine: slots are upserted by (routine, position)
-- and slots no longer listed are deleted. An unknown slug fails the NOT NULL on purpose.
-- Every routine also gets the same warm-up (positions 101-102, block warm_up) and cool-down
-- (201-202, block cool_down), each slot done once (migration 0021).
WITH main (routine_slug, position, exercise_slug, work_seconds, reps, notes) AS (VALUES
('tabata-blast', 1, 'squat-jumps', NULL, NULL, NULL),
('tabata-blast', 2, 'mountain-climbers', NULL, NULL, NULL),
('tabata-blast', 3, 'push-ups', NULL, NULL, 'Drop to your knees to keep moving for all 20 s.'),
('tabata-blast', 4, 'high-knees', NULL, NULL, NULL),

('beginner-30-30', 1, 'jumping-jacks', NULL, NULL, 'Swap for step jacks if you prefer no jumping.'),
('beginner-30-30', 2, 'air-squats', NULL, NULL, NULL),
('beginner-30-30', 3, 'knee-push-ups', NULL, NULL, NULL),
('beginner-30-30', 4, 'glute-bridges', NULL, NULL, NULL),
('beginner-30-30', 5, 'reverse-lunges', NULL, NULL, 'Alternate legs.'),
('beginner-30-30', 6, 'forearm-plank', NULL, NULL, 'Drop to your knees if your hips sag.'),

('full-body-40-20', 1, 'burpees', NULL, NULL, NULL),
('full-body-40-20', 2, 'reverse-lunges', NULL, NULL, 'Alternate legs.'),
('full-body-40-20', 3, 'push-ups', NULL, NULL, NULL),
('full-body-40-20', 4, 'skaters', NULL, NULL, NULL),
('full-body-40-20', 5, 'mountain-climbers', NULL, NULL, NULL),
('full-body-40-20', 6, 'squat-jumps', NULL, NULL, NULL),
('full-body-40-20', 7, 'plank-shoulder-taps', NULL, NULL, NULL),
('full-body-40-20', 8, 'high-knees', NULL, NULL, NULL),

('emom-20', 1, 'burpees', NULL, 8, 'Rest for the remainder of the minute.'),
('emom-20', 2, 'squat-jumps', NULL, 12, 'Rest for the remainder of the minute.'),
('emom-20', 3, 'push-ups', NULL, 12, 'Rest for the remainder of the minute.'),
('emom-20', 4, 'bicycle-crunches', NULL, 20, 'Count each side as one rep.'),

('low-impact-sweat', 1, 'step-jacks', NULL, NULL, NULL),
('low-impact-sweat', 2, 'air-squats', NULL, NULL, NULL),
('low-impact-sweat', 3, 'standing-march', NULL, NULL, 'Drive the knees high and pump the arms.'),
('low-impact-sweat', 4, 'reverse-lunges', NULL, NULL, 'Alternate legs; hold a wall for balance.'),
('low-impact-sweat', 5, 'wall-sit', NULL, NULL, NULL),
('low-impact-sweat', 6, 'bird-dog', NULL, NULL, 'Alternate sides with a one-second pause.'),

('core-crusher', 1, 'forearm-plank', NULL, NULL, NULL),
('core-crusher', 2, 'bicycle-crunches', NULL, NULL, NULL),
('core-crusher', 3, 'dead-bug', NULL, NULL, NULL),
('core-crusher', 4, 'russian-twists', NULL, NULL, NULL),
('core-crusher', 5, 'side-plank', NULL, NULL, 'Switch sides at the halfway beep.'),
('core-crusher', 6, 'lying-leg-raises', NULL, NULL, NULL),
('core-crusher', 7, 'plank-shoulder-taps', NULL, NULL, NULL),
('core-crusher', 8, 'hollow-body-hold', 30, NULL, 'Shorter hold: keep the lower back down.'),

('kettlebell-conditioning', 1, 'kettlebell-swings', NULL, NULL, NULL),
('kettlebell-conditioning', 2, 'kettlebell-goblet-squats', NULL, NULL, NULL),
('kettlebell-conditioning', 3, 'kettlebell-cleans', NULL, NULL,
 'Right arm in rounds 1 and 3, left arm in rounds 2 and 4.'),
('kettlebell-conditioning', 4, 'push-ups', NULL, NULL, NULL),
('kettlebell-conditioning', 5, 'russian-twists', NULL, NULL, 'Hold the kettlebell for extra load.'),

('lower-body-burn', 1, 'squat-jumps', NULL, NULL, NULL),
('lower-body-burn', 2, 'reverse-lunges', NULL, NULL, 'Alternate legs.'),
('lower-body-burn', 3, 'lateral-lunges', NULL, NULL, 'Alternate sides.'),
('lower-body-burn', 4, 'glute-bridges', NULL, NULL, 'Pause for one second at the top.'),
('lower-body-burn', 5, 'skaters', NULL, NULL, NULL),
('lower-body-burn', 6, 'wall-sit', NULL, NULL, NULL),

('upper-body-strength', 1, 'push-ups', NULL, NULL, NULL),
('upper-body-strength', 2, 'dumbbell-bent-over-rows', NULL, NULL, NULL),
('upper-body-strength', 3, 'dumbbell-shoulder-press', NULL, NULL, NULL),
('upper-body-strength', 4, 'band-pull-aparts', NULL, NULL, NULL),
('upper-body-strength', 5, 'pike-push-ups', NULL, NULL, NULL),
('upper-body-strength', 6, 'plank-shoulder-taps', NULL, NULL, NULL),

('cardio-finisher', 1, 'burpees', NULL, NULL, NULL),
('cardio-finisher', 2, 'tuck-jumps', NULL, NULL, NULL),
('cardio-finisher', 3, 'mountain-climbers', NULL, NULL, NULL),
('cardio-finisher', 4, 'jump-lunges', NULL, NULL, NULL),
('cardio-finisher', 5, 'high-knees', NULL, NULL, NULL),
('cardio-finisher', 6, 'plank-jacks', NULL, NULL, NULL)
),
bookends (block, position, exercise_slug, work_seconds, notes) AS (VALUES
('warm_up', 101, 'standing-march', 60, 'Easy pace: raise the heart rate gradually.'),
('warm_up', 102, 'arm-circles', 30, 'Reverse the direction halfway.'),
('cool_down', 201, 'worlds-greatest-stretch', 60, 'Alternate sides; breathe slowly.'),
('cool_down', 202, 'downward-dog', 45, NULL)
),
src (routine_slug, block, position, exercise_slug, work_seconds, reps, notes) AS (
  SELECT routine_slug, 'main', position, exercise_slug, work_seconds::integer, reps::integer,
         notes::text
  FROM main
  UNION ALL
  SELECT r.routine_slug, b.block, b.position, b.exercise_slug, b.work_seconds, NULL::integer,
         b.notes
  FROM (SELECT DISTINCT routine_slug FROM main) r CROSS JOIN bookends b
),
resolved AS (
  SELECT * FROM (
    SELECT (SELECT id FROM workout_routines WHERE slug = s.routine_slug) AS routine_id,
           s.block, s.position,
           (SELECT id FROM exercises WHERE slug = s.exercise_slug) AS exercise_id,
           s.work_seconds, s.reps, s.notes
    FROM src s) x
  WHERE NOT admin_touched('workouts.routine', x.routine_id::text)
),
upserted AS (
INSERT INTO workout_routine_exercises AS w
  (routine_id, block, position, exercise_id, work_seconds, reps, notes)
SELECT routine_id, block, position, exercise_id, work_seconds, reps, notes FROM resolved
ON CONFLICT (routine_id, position) DO UPDATE SET
  block = EXCLUDED.block,
  exercise_id = EXCLUDED.exercise_id,
  work_seconds = EXCLUDED.work_seconds,
  reps = EXCLUDED.reps,
  notes = EXCLUDED.notes
WHERE (w.block, w.exercise_id, w.work_seconds, w.reps, w.notes)
  IS DISTINCT FROM (EXCLUDED.block, EXCLUDED.exercise_id, EXCLUDED.work_seconds, EXCLUDED.reps,
                    EXCLUDED.notes)
RETURNING 1
)
DELETE FROM workout_routine_exercises w
WHERE w.routine_id IN (SELECT routine_id FROM resolved)
  AND (w.routine_id, w.position) NOT IN (SELECT routine_id, position FROM resolved);

-- 3. Derived columns, from the rows written above: the duration formula lives in
-- workout_routine_duration_seconds() (migration 0005); equipment is the union of the slots'.
UPDATE workout_routines r
SET estimated_duration_seconds = d.duration, equipment = d.equipment
FROM (
  SELECT r2.id,
         workout_routine_duration_seconds(r2.id) AS duration,
         COALESCE((SELECT jsonb_agg(DISTINCT e.item ORDER BY e.item)
                   FROM workout_routine_exercises w
                   JOIN exercises x ON x.id = w.exercise_id
                   CROSS JOIN jsonb_array_elements_text(x.equipment) AS e(item)
                   WHERE w.routine_id = r2.id), '[]'::jsonb) AS equipment
  FROM workout_routines r2
) d
WHERE d.id = r.id
  AND NOT admin_touched('workouts.routine', r.id::text)
  AND (r.estimated_duration_seconds, r.equipment) IS DISTINCT FROM (d.duration, d.equipment);

-- 4. Goals (GET /workouts/routines?goal=), by slug; unchanged rows are skipped.
WITH src (slug, goals) AS (VALUES
('tabata-blast', '["fat_loss", "endurance"]'),
('beginner-30-30', '["fat_loss", "strength"]'),
('full-body-40-20', '["fat_loss", "endurance", "strength"]'),
('emom-20', '["strength", "endurance"]'),
('low-impact-sweat', '["fat_loss", "low_impact"]'),
('core-crusher', '["core", "strength"]'),
('kettlebell-conditioning', '["strength", "endurance"]'),
('lower-body-burn', '["strength", "endurance"]'),
('upper-body-strength', '["strength"]'),
('cardio-finisher', '["fat_loss", "endurance"]')
)
UPDATE workout_routines r SET goals = src.goals::jsonb
FROM src
WHERE r.slug = src.slug AND r.goals IS DISTINCT FROM src.goals::jsonb
  AND NOT admin_touched('workouts.routine', r.id::text);
