-- Seed: the exercise library (60 exercises), upserted by slug (see docs/reference-data.md).
-- MET values come from the 2011 Compendium of Physical Activities (Ainsworth et al., Med Sci
-- Sports Exerc 2011;43(8):1575-81); met_source names the activity code each one is based on.
-- Idempotent: untouched rows are not rewritten; a slug removed here is marked inactive.

WITH src (slug, name, sort_order, category, difficulty, met_value, met_source, is_unilateral,
          muscle_groups, equipment, description, instructions) AS (VALUES
-- Cardio -------------------------------------------------------------------------------------
('jumping-jacks', 'Jumping Jacks', 10, 'cardio', 'beginner', 8.0, 'Compendium 2011 code 02020',
 false, '["full_body", "shoulders", "calves"]', '[]',
 'A classic full-body warm-up and conditioning move that raises the heart rate quickly.',
 '["Stand tall with feet together and arms by your sides.",
   "Jump your feet out wider than hip-width while sweeping your arms overhead.",
   "Jump back to the start, bringing your arms down to your sides.",
   "Land softly on the balls of your feet and keep a steady rhythm."]'),

('high-knees', 'High Knees', 20, 'cardio', 'beginner', 8.0, 'Compendium 2011 code 02020',
 false, '["hip_flexors", "quadriceps", "core", "calves"]', '[]',
 'Running on the spot while driving the knees up to hip height; a fast, demanding cardio drill.',
 '["Stand with feet hip-width apart and arms bent at 90 degrees.",
   "Drive one knee up towards hip height while the opposite arm swings forward.",
   "Switch legs quickly, staying light on the balls of your feet.",
   "Keep your chest up and your core braced; do not lean back."]'),

('butt-kicks', 'Butt Kicks', 30, 'cardio', 'beginner', 7.3, 'Compendium 2011 code 03021',
 false, '["hamstrings", "calves", "quadriceps"]', '[]',
 'Jogging on the spot while flicking the heels up towards the glutes; warms up the hamstrings.',
 '["Stand tall with feet hip-width apart.",
   "Jog on the spot, bending each knee so the heel travels up towards your glutes.",
   "Keep your knees pointing down and your thighs roughly vertical.",
   "Pump your arms and keep a quick, light rhythm."]'),

('mountain-climbers', 'Mountain Climbers', 40, 'cardio', 'intermediate', 8.0,
 'Compendium 2011 code 02020', false, '["core", "shoulders", "hip_flexors", "quadriceps"]', '[]',
 'Alternating knee drives from a high plank; trains the core and shoulders while raising the '
 'heart rate.',
 '["Start in a high plank with hands under shoulders and body in a straight line.",
   "Drive one knee towards your chest without letting your hips rise.",
   "Switch legs in a running motion, returning each foot to the floor behind you.",
   "Keep your shoulders over your hands and your core tight throughout."]'),

('jump-rope', 'Jump Rope', 50, 'cardio', 'beginner', 11.0, 'Compendium 2011 code 02068',
 false, '["calves", "shoulders", "forearms"]', '["jump_rope"]',
 'Basic two-footed rope skipping; efficient cardio that also builds ankle stiffness and timing.',
 '["Hold the handles at hip height with elbows close to your sides.",
   "Turn the rope with your wrists, not your whole arms.",
   "Jump just high enough for the rope to pass, about 2-3 cm off the floor.",
   "Land softly on the balls of your feet with knees slightly bent."]'),

('step-jacks', 'Step Jacks', 60, 'cardio', 'beginner', 5.0, 'Compendium 2011 code 03020',
 false, '["full_body", "shoulders"]', '[]',
 'A low-impact jumping jack: step out to the side instead of jumping. Joint-friendly and '
 'suitable for quiet spaces.',
 '["Stand tall with feet together and arms by your sides.",
   "Step one foot out to the side while raising both arms overhead.",
   "Step back to the centre as your arms come down.",
   "Repeat on the other side and keep the pace brisk."]'),

('standing-march', 'Standing High-Knee March', 70, 'cardio', 'beginner', 5.0,
 'Compendium 2011 code 03020', false, '["hip_flexors", "core", "quadriceps"]', '[]',
 'A low-impact alternative to high knees: march on the spot, lifting each knee high with '
 'control.',
 '["Stand tall with your core braced and arms bent.",
   "Lift one knee towards hip height while swinging the opposite arm.",
   "Lower the foot with control and lift the other knee.",
   "Speed up as you warm up, keeping one foot on the floor at all times."]'),

('plank-jacks', 'Plank Jacks', 80, 'cardio', 'intermediate', 8.0, 'Compendium 2011 code 02020',
 false, '["core", "shoulders", "adductors", "glutes"]', '[]',
 'A jumping jack performed in a plank position: cardio that also challenges core stability.',
 '["Start in a high plank with hands under shoulders and feet together.",
   "Jump both feet out wide, keeping your hips level with your shoulders.",
   "Jump the feet back together.",
   "Keep your core tight so your hips do not bounce up and down."]'),

('lateral-shuffle', 'Lateral Shuffle', 90, 'cardio', 'beginner', 7.3,
 'Compendium 2011 code 03021', false, '["quadriceps", "glutes", "adductors", "calves"]', '[]',
 'Quick side-to-side shuffles in an athletic stance; builds agility and lateral strength.',
 '["Stand with feet wider than hip-width, knees bent and chest up.",
   "Shuffle three or four quick steps to one side without crossing your feet.",
   "Touch the floor or plant the outside foot, then shuffle back the other way.",
   "Stay low in the athletic stance for the whole interval."]'),

-- Plyometric ---------------------------------------------------------------------------------
('burpees', 'Burpees', 100, 'plyometric', 'intermediate', 8.0, 'Compendium 2011 code 02020',
 false, '["full_body", "chest", "quadriceps", "core"]', '[]',
 'Squat, plank, push-up and jump in one continuous movement; the defining HIIT exercise.',
 '["From standing, squat down and place your hands on the floor.",
   "Jump or step your feet back into a high plank.",
   "Lower your chest to the floor and press back up (skip the push-up to make it easier).",
   "Jump or step your feet back towards your hands.",
   "Stand and jump, reaching your arms overhead, then land softly."]'),

('squat-jumps', 'Squat Jumps', 110, 'plyometric', 'intermediate', 8.0,
 'Compendium 2011 code 02020', false, '["quadriceps", "glutes", "calves"]', '[]',
 'An explosive jump from a squat; builds leg power and drives the heart rate up fast.',
 '["Stand with feet shoulder-width apart.",
   "Squat until your thighs are about parallel to the floor, arms reaching back.",
   "Jump explosively, swinging your arms up.",
   "Land softly with bent knees and go straight into the next squat."]'),

('tuck-jumps', 'Tuck Jumps', 120, 'plyometric', 'advanced', 8.0, 'Compendium 2011 code 02020',
 false, '["quadriceps", "glutes", "calves", "core"]', '[]',
 'A maximal vertical jump pulling both knees towards the chest; high impact and very demanding.',
 '["Stand with feet hip-width apart and knees slightly bent.",
   "Dip quickly and jump as high as you can.",
   "At the top, pull both knees up towards your chest.",
   "Extend your legs before landing and land softly with bent knees.",
   "Reset your stance briefly if your landings get heavy."]'),

('jump-lunges', 'Alternating Jump Lunges', 130, 'plyometric', 'advanced', 8.0,
 'Compendium 2011 code 02020', false, '["quadriceps", "glutes", "hamstrings", "calves"]', '[]',
 'Lunges with a jump to switch legs in the air; builds single-leg power and balance.',
 '["Start in a lunge with both knees bent at about 90 degrees.",
   "Jump straight up and switch legs in the air.",
   "Land softly in a lunge with the other foot forward.",
   "Keep your torso upright and your front knee over your mid-foot."]'),

('broad-jumps', 'Broad Jumps', 140, 'plyometric', 'intermediate', 8.0,
 'Compendium 2011 code 02020', false, '["glutes", "hamstrings", "quadriceps", "calves"]', '[]',
 'A standing long jump for horizontal power; needs about three metres of clear floor.',
 '["Stand with feet hip-width apart, arms by your sides.",
   "Swing your arms back as you hinge at the hips and bend your knees.",
   "Swing your arms forward and jump as far forward as you can.",
   "Land softly on both feet in a half squat, then walk back to the start."]'),

('box-jumps', 'Box Jumps', 150, 'plyometric', 'intermediate', 8.0, 'Compendium 2011 code 02020',
 false, '["quadriceps", "glutes", "calves"]', '["box"]',
 'Jumping onto a sturdy box or step; trains power with less landing impact than jumping down.',
 '["Stand facing a sturdy box about a foot-length away.",
   "Swing your arms back and dip into a quarter squat.",
   "Jump onto the box, landing softly with your whole foot on top.",
   "Stand up fully, then step down one foot at a time rather than jumping down."]'),

('skaters', 'Skaters', 160, 'plyometric', 'intermediate', 8.0, 'Compendium 2011 code 02020',
 false, '["glutes", "quadriceps", "adductors", "calves"]', '[]',
 'Lateral bounds from one leg to the other, like a speed skater; trains lateral power and '
 'balance.',
 '["Stand on your right leg with a slight knee bend.",
   "Bound sideways to the left, landing softly on your left foot.",
   "Sweep your right foot behind your left ankle and swing your arms across.",
   "Bound back to the right and continue alternating."]'),

-- Strength (bodyweight) ----------------------------------------------------------------------
('push-ups', 'Push-Ups', 170, 'strength', 'intermediate', 3.8, 'Compendium 2011 code 02022',
 false, '["chest", "triceps", "shoulders", "core"]', '[]',
 'The fundamental upper-body pushing exercise.',
 '["Start in a high plank, hands slightly wider than shoulders.",
   "Brace your core and glutes so your body forms a straight line.",
   "Bend your elbows to lower your chest towards the floor, elbows at about 45 degrees.",
   "Press back up to full arm extension without letting your hips sag."]'),

('knee-push-ups', 'Knee Push-Ups', 180, 'strength', 'beginner', 3.8,
 'Compendium 2011 code 02022', false, '["chest", "triceps", "shoulders"]', '[]',
 'A push-up from the knees, which lightens the load while keeping the same movement pattern.',
 '["Kneel and place your hands slightly wider than your shoulders.",
   "Walk your hands forward until your body forms a straight line from knees to head.",
   "Lower your chest towards the floor, elbows at about 45 degrees.",
   "Press back up, keeping your hips in line."]'),

('incline-push-ups', 'Incline Push-Ups', 190, 'strength', 'beginner', 3.8,
 'Compendium 2011 code 02022', false, '["chest", "triceps", "shoulders"]', '["box"]',
 'Push-ups with the hands raised on a box, bench or sturdy table; the higher the surface, the '
 'easier.',
 '["Place your hands on the edge of a stable raised surface, slightly wider than shoulders.",
   "Step your feet back until your body is in a straight line.",
   "Lower your chest to the edge with control.",
   "Press back up to straight arms."]'),

('pike-push-ups', 'Pike Push-Ups', 200, 'strength', 'intermediate', 3.8,
 'Compendium 2011 code 02022', false, '["shoulders", "triceps"]', '[]',
 'A push-up with the hips raised high, shifting the load to the shoulders; a bodyweight '
 'overhead press.',
 '["Start in a downward-dog shape: hands and feet on the floor, hips high.",
   "Walk your feet in until your torso is close to vertical.",
   "Bend your elbows to lower the top of your head towards the floor between your hands.",
   "Press back up to straight arms, keeping your hips high."]'),

('air-squats', 'Bodyweight Squats', 210, 'strength', 'beginner', 3.8,
 'Compendium 2011 code 02022', false, '["quadriceps", "glutes"]', '[]',
 'The basic squat pattern without load; the foundation for every lower-body exercise.',
 '["Stand with feet shoulder-width apart, toes turned slightly out.",
   "Push your hips back and bend your knees, keeping your chest up.",
   "Lower until your thighs are at least parallel to the floor, knees tracking over toes.",
   "Drive through your whole foot to stand back up."]'),

('reverse-lunges', 'Reverse Lunges', 220, 'strength', 'beginner', 3.8,
 'Compendium 2011 code 02022', false, '["quadriceps", "glutes", "hamstrings"]', '[]',
 'A lunge stepping backwards, which is easier on the knees than a forward lunge.',
 '["Stand tall with feet hip-width apart.",
   "Step one foot back and lower until both knees are bent at about 90 degrees.",
   "Keep your front knee over your mid-foot and your torso upright.",
   "Push through the front heel to return to standing, then switch legs."]'),

('lateral-lunges', 'Lateral Lunges', 230, 'strength', 'intermediate', 3.8,
 'Compendium 2011 code 02022', false, '["adductors", "glutes", "quadriceps"]', '[]',
 'A side lunge that trains the legs in the frontal plane and stretches the inner thighs.',
 '["Stand with feet together.",
   "Take a wide step to one side and sit your hips back over that foot.",
   "Keep the other leg straight and both feet flat on the floor.",
   "Push off the bent leg to return to the centre, then alternate sides."]'),

('bulgarian-split-squats', 'Bulgarian Split Squats', 240, 'strength', 'intermediate', 3.8,
 'Compendium 2011 code 02022', true, '["quadriceps", "glutes"]', '["box"]',
 'A split squat with the rear foot raised on a bench or box; a hard single-leg strength '
 'builder.',
 '["Stand about two steps in front of a bench and rest the top of one foot on it behind you.",
   "Lower straight down until your front thigh is about parallel to the floor.",
   "Keep your front knee tracking over your toes and your torso tall.",
   "Drive through the front foot to stand up; finish all reps, then switch legs."]'),

('glute-bridges', 'Glute Bridges', 250, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02030', false, '["glutes", "hamstrings", "lower_back"]', '[]',
 'A floor-based hip extension that strengthens the glutes with little strain on the back.',
 '["Lie on your back with knees bent and feet flat, hip-width apart.",
   "Brace your core and press through your heels to lift your hips.",
   "Squeeze your glutes at the top so your body forms a line from shoulders to knees.",
   "Lower with control and repeat."]'),

('wall-sit', 'Wall Sit', 260, 'strength', 'beginner', 3.8, 'Compendium 2011 code 02022',
 false, '["quadriceps", "glutes"]', '[]',
 'An isometric squat held against a wall; builds quadriceps endurance with no impact.',
 '["Stand with your back against a wall and feet about 50 cm in front of it.",
   "Slide down until your knees are bent at about 90 degrees.",
   "Keep your back flat on the wall and your knees over your ankles.",
   "Hold the position, breathing steadily, for the whole interval."]'),

('bench-dips', 'Bench Dips', 270, 'strength', 'intermediate', 3.8,
 'Compendium 2011 code 02022', false, '["triceps", "shoulders", "chest"]', '["box"]',
 'Triceps dips using a bench, box or sturdy chair behind you.',
 '["Sit on the edge of a bench with hands beside your hips, fingers forward.",
   "Slide your hips off the bench with knees bent and feet flat.",
   "Bend your elbows straight back to lower your hips, stopping at about 90 degrees.",
   "Press through your palms to straighten your arms.",
   "Straighten your legs to make it harder."]'),

('step-ups', 'Step-Ups', 280, 'strength', 'beginner', 7.5, 'Compendium 2011 code 03016',
 false, '["quadriceps", "glutes"]', '["box"]',
 'Stepping up onto a box or sturdy step; builds leg strength and doubles as low-impact cardio.',
 '["Stand facing a stable box or step about knee height or lower.",
   "Place one whole foot on the box and drive through it to stand up.",
   "Bring the other foot up, then step back down with control.",
   "Alternate the leading leg each rep."]'),

-- Core ---------------------------------------------------------------------------------------
('forearm-plank', 'Forearm Plank', 290, 'core', 'beginner', 3.5, 'Compendium 2011 code 02030',
 false, '["core", "shoulders"]', '[]',
 'The basic isometric core hold, resting on the forearms.',
 '["Place your forearms on the floor with elbows under your shoulders.",
   "Step your feet back so your body forms a straight line from head to heels.",
   "Brace your abs and squeeze your glutes; do not let your hips sag or pike.",
   "Hold, breathing steadily; drop to your knees if your form breaks."]'),

('side-plank', 'Side Plank', 300, 'core', 'intermediate', 3.5, 'Compendium 2011 code 02030',
 true, '["obliques", "core", "shoulders"]', '[]',
 'An isometric hold on one forearm that targets the obliques and lateral hip.',
 '["Lie on your side with your elbow under your shoulder and legs stacked.",
   "Lift your hips so your body forms a straight line from head to feet.",
   "Keep your hips stacked and pushed slightly forward.",
   "Hold, then switch sides; bend the bottom knee to make it easier."]'),

('dead-bug', 'Dead Bug', 310, 'core', 'beginner', 3.5, 'Compendium 2011 code 02030', false,
 '["core", "hip_flexors"]', '[]',
 'A slow, controlled core exercise on your back that teaches the abs to resist arching.',
 '["Lie on your back with arms pointing at the ceiling and knees bent at 90 degrees over hips.",
   "Press your lower back gently into the floor.",
   "Slowly extend one arm overhead and the opposite leg towards the floor.",
   "Return to the start and repeat on the other side without arching your back."]'),

('bird-dog', 'Bird Dog', 320, 'core', 'beginner', 3.5, 'Compendium 2011 code 02030', false,
 '["lower_back", "glutes", "core"]', '[]',
 'An all-fours exercise that trains back and core stability with very little load on the '
 'spine.',
 '["Start on hands and knees, hands under shoulders and knees under hips.",
   "Extend one arm forward and the opposite leg back until both are level with your torso.",
   "Keep your hips square and your back flat; pause for a second.",
   "Return with control and switch sides."]'),

('hollow-body-hold', 'Hollow Body Hold', 330, 'core', 'intermediate', 3.5,
 'Compendium 2011 code 02030', false, '["core", "hip_flexors"]', '[]',
 'A gymnastics core hold with the body in a shallow banana shape.',
 '["Lie on your back with arms overhead and legs straight.",
   "Press your lower back into the floor and lift your shoulders, arms and legs off it.",
   "Hold a shallow curve with only your lower back touching the floor.",
   "Bend your knees or bring your arms forward to make it easier."]'),

('bicycle-crunches', 'Bicycle Crunches', 340, 'core', 'beginner', 2.8,
 'Compendium 2011 code 02024', false, '["core", "obliques"]', '[]',
 'An alternating crunch with a twist that works the abs and obliques together.',
 '["Lie on your back with hands lightly behind your head and knees lifted.",
   "Lift your shoulders and bring one elbow towards the opposite knee as the other leg extends.",
   "Switch sides in a slow pedalling motion.",
   "Rotate through your torso rather than pulling on your neck."]'),

('russian-twists', 'Russian Twists', 350, 'core', 'intermediate', 2.8,
 'Compendium 2011 code 02024', false, '["obliques", "core"]', '[]',
 'A seated rotation that targets the obliques; hold a weight to make it harder.',
 '["Sit with knees bent and lean back until your abs engage, spine long.",
   "Lift your feet off the floor, or keep heels down to make it easier.",
   "Rotate your torso to bring your hands beside one hip.",
   "Rotate to the other side, moving from your ribs rather than just your arms."]'),

('lying-leg-raises', 'Lying Leg Raises', 360, 'core', 'intermediate', 2.8,
 'Compendium 2011 code 02024', false, '["core", "hip_flexors"]', '[]',
 'Raising straight legs from the floor; targets the lower abs and hip flexors.',
 '["Lie on your back with legs straight and hands under your hips or by your sides.",
   "Press your lower back into the floor.",
   "Raise your legs until they point at the ceiling.",
   "Lower them slowly, stopping before your lower back arches off the floor."]'),

('v-ups', 'V-Ups', 370, 'core', 'advanced', 2.8, 'Compendium 2011 code 02024', false,
 '["core", "hip_flexors"]', '[]',
 'A full-range sit-up in which arms and legs meet over the hips.',
 '["Lie flat with arms overhead and legs straight.",
   "In one movement, lift your torso and legs, reaching your hands towards your feet.",
   "Balance briefly on your glutes in a V shape.",
   "Lower with control back to the floor."]'),

('plank-shoulder-taps', 'Plank Shoulder Taps', 380, 'core', 'intermediate', 3.5,
 'Compendium 2011 code 02030', false, '["core", "shoulders", "obliques"]', '[]',
 'A high plank with alternating shoulder taps; trains the core to resist rotation.',
 '["Start in a high plank with feet a little wider than hip-width.",
   "Lift one hand and tap the opposite shoulder.",
   "Return the hand and repeat on the other side.",
   "Keep your hips still and level; widen your feet if they rock."]'),

-- Kettlebell ---------------------------------------------------------------------------------
('kettlebell-swings', 'Kettlebell Swings', 390, 'strength', 'intermediate', 8.0,
 'Compendium 2011 code 02040', false, '["glutes", "hamstrings", "lower_back", "core"]',
 '["kettlebell"]',
 'A two-handed hip hinge that swings the bell to chest height; builds posterior-chain power and '
 'conditioning.',
 '["Stand with feet shoulder-width apart and the kettlebell a foot in front of you.",
   "Hinge at the hips, grip the handle with both hands and hike it back between your legs.",
   "Drive your hips forward explosively so the bell floats up to chest height.",
   "Let it swing back down, hinging at the hips rather than squatting.",
   "Keep your arms relaxed: the hips move the bell, not the shoulders."]'),

('kettlebell-goblet-squats', 'Kettlebell Goblet Squats', 400, 'strength', 'beginner', 5.0,
 'Compendium 2011 code 02052', false, '["quadriceps", "glutes", "core"]', '["kettlebell"]',
 'A squat holding a kettlebell at the chest; the front load makes it easier to stay upright.',
 '["Hold the kettlebell by the horns at chest height, elbows pointing down.",
   "Stand with feet shoulder-width apart, toes slightly out.",
   "Squat down between your knees, keeping your chest up.",
   "Drive through your whole foot to stand up."]'),

('kettlebell-cleans', 'Single-Arm Kettlebell Cleans', 410, 'strength', 'intermediate', 8.0,
 'Compendium 2011 code 02040', true, '["glutes", "hamstrings", "back", "forearms"]',
 '["kettlebell"]',
 'Bringing the bell from between the legs to the rack position at the shoulder in one '
 'movement.',
 '["Start as for a swing, holding the kettlebell in one hand.",
   "Hike it back, then drive your hips forward, keeping the bell close to your body.",
   "Guide it up and let it roll around your hand into the rack position at your shoulder.",
   "Absorb it softly with your knees, then let it drop back into the next swing.",
   "Complete the interval on one side, then switch."]'),

('kettlebell-snatches', 'Kettlebell Snatches', 420, 'strength', 'advanced', 8.0,
 'Compendium 2011 code 02040', true, '["full_body", "shoulders", "glutes", "hamstrings"]',
 '["kettlebell"]',
 'A single-arm swing that continues overhead in one movement; a demanding power and '
 'conditioning exercise.',
 '["Start as for a single-arm swing.",
   "Drive your hips forward and pull the bell up close to your body.",
   "Punch your hand through as the bell passes your head so it lands softly on your forearm.",
   "Lock out overhead briefly, then let the bell fall back into the swing.",
   "Learn swings and cleans first; switch hands between sets."]'),

('kettlebell-halos', 'Kettlebell Halos', 430, 'mobility', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["shoulders", "core"]', '["kettlebell"]',
 'Circling a light kettlebell around the head; warms up and mobilises the shoulders.',
 '["Hold a light kettlebell upside down by the horns at chest height.",
   "Circle it around your head, passing close behind your neck.",
   "Keep your core braced and your ribs down.",
   "Alternate direction each round."]'),

-- Dumbbell -----------------------------------------------------------------------------------
('dumbbell-thrusters', 'Dumbbell Thrusters', 440, 'strength', 'intermediate', 6.0,
 'Compendium 2011 code 02050', false, '["full_body", "quadriceps", "glutes", "shoulders"]',
 '["dumbbell"]',
 'A front squat flowing into an overhead press; one of the most taxing full-body moves.',
 '["Hold a dumbbell in each hand at shoulder height, palms facing in.",
   "Squat until your thighs are about parallel to the floor.",
   "Drive up out of the squat and use the momentum to press the dumbbells overhead.",
   "Lower them back to your shoulders as you go into the next squat."]'),

('dumbbell-renegade-rows', 'Dumbbell Renegade Rows', 450, 'strength', 'advanced', 3.5,
 'Compendium 2011 code 02054', false, '["back", "core", "shoulders"]', '["dumbbell"]',
 'A row from a plank on dumbbells, combining upper-back strength with anti-rotation core work.',
 '["Start in a high plank gripping two dumbbells, feet wider than hip-width.",
   "Row one dumbbell to your hip, keeping your hips square to the floor.",
   "Lower it with control.",
   "Row with the other arm; add a push-up between rows to make it harder."]'),

('dumbbell-romanian-deadlifts', 'Dumbbell Romanian Deadlifts', 460, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["hamstrings", "glutes", "lower_back"]', '["dumbbell"]',
 'A hip hinge with dumbbells that strengthens the hamstrings and glutes.',
 '["Stand holding dumbbells in front of your thighs, knees slightly bent.",
   "Push your hips back, sliding the dumbbells down your legs with a flat back.",
   "Stop when you feel a strong hamstring stretch, usually around mid-shin.",
   "Drive your hips forward to stand tall, squeezing your glutes."]'),

('dumbbell-shoulder-press', 'Dumbbell Shoulder Press', 470, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["shoulders", "triceps"]', '["dumbbell"]',
 'A standing overhead press for shoulder and triceps strength.',
 '["Stand with feet hip-width apart, dumbbells at shoulder height.",
   "Brace your core and glutes so your lower back does not arch.",
   "Press the dumbbells overhead until your arms are straight.",
   "Lower them back to your shoulders with control."]'),

('dumbbell-bent-over-rows', 'Dumbbell Bent-Over Rows', 480, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["back", "biceps"]', '["dumbbell"]',
 'A two-arm row in a hip hinge that strengthens the upper back.',
 '["Hold a dumbbell in each hand and hinge forward to about 45 degrees, back flat.",
   "Let the dumbbells hang below your shoulders.",
   "Row them towards your lower ribs, squeezing your shoulder blades together.",
   "Lower with control without rounding your back."]'),

('dumbbell-snatches', 'Single-Arm Dumbbell Snatches', 490, 'strength', 'intermediate', 6.0,
 'Compendium 2011 code 02050', true, '["full_body", "shoulders", "glutes"]', '["dumbbell"]',
 'An explosive pull from the floor to overhead with one dumbbell.',
 '["Stand over a dumbbell with feet hip-width apart.",
   "Squat and hinge to grip it with one hand, back flat.",
   "Drive up through your legs and hips, pulling the dumbbell close to your body.",
   "Punch it overhead to a straight arm, then lower it to the floor with control.",
   "Complete the interval on one side or alternate hands each rep."]'),

-- Resistance bands ---------------------------------------------------------------------------
('band-pull-aparts', 'Band Pull-Aparts', 500, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["shoulders", "back"]', '["resistance_band"]',
 'Stretching a band across the chest; strengthens the rear shoulders and upper back, balancing '
 'pushing work.',
 '["Hold a band in front of you at shoulder height with straight arms, hands shoulder-width.",
   "Pull the band apart by moving your hands out to the sides.",
   "Squeeze your shoulder blades together as the band touches your chest.",
   "Return slowly, keeping tension on the band."]'),

('band-bent-over-rows', 'Band Bent-Over Rows', 510, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["back", "biceps"]', '["resistance_band"]',
 'A bent-over row standing on a resistance band; a joint-friendly back exercise.',
 '["Stand on the middle of the band with feet hip-width apart, holding an end in each hand.",
   "Hinge forward to about 45 degrees with a flat back.",
   "Row your hands towards your lower ribs, elbows close to your body.",
   "Return slowly against the band''s pull."]'),

('band-overhead-press', 'Band Overhead Press', 520, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["shoulders", "triceps"]', '["resistance_band"]',
 'An overhead press standing on a resistance band; resistance rises towards lockout.',
 '["Stand on the band with feet hip-width apart and bring the handles to your shoulders.",
   "Brace your core so your lower back stays neutral.",
   "Press your hands overhead until your arms are straight.",
   "Lower back to your shoulders with control."]'),

('banded-lateral-walks', 'Banded Lateral Walks', 530, 'strength', 'beginner', 3.5,
 'Compendium 2011 code 02054', false, '["glutes"]', '["mini_band"]',
 'Side steps against a mini band around the legs; activates the glutes that stabilise the '
 'hips and knees.',
 '["Place a mini band just above your knees or around your ankles.",
   "Stand in a quarter squat with feet hip-width apart.",
   "Step sideways with one foot, then follow with the other, keeping tension on the band.",
   "Take several steps one way, then the same number back; do not let your knees cave in."]'),

-- Mobility -----------------------------------------------------------------------------------
('inchworms', 'Inchworms', 540, 'mobility', 'beginner', 3.5, 'Compendium 2011 code 02030',
 false, '["hamstrings", "shoulders", "core"]', '[]',
 'Walking the hands out to a plank and back; stretches the hamstrings and warms up the '
 'shoulders.',
 '["Stand tall, hinge forward and put your hands on the floor, bending your knees if needed.",
   "Walk your hands forward until you reach a high plank.",
   "Hold for a moment, then walk your hands back towards your feet.",
   "Roll up to standing and repeat."]'),

('worlds-greatest-stretch', 'World''s Greatest Stretch', 550, 'mobility', 'beginner', 2.3,
 'Compendium 2011 code 02101', true, '["hip_flexors", "hamstrings", "adductors", "back"]', '[]',
 'A lunge with a rotation that opens the hips, hamstrings and upper back in one flow.',
 '["Step into a long lunge with your right foot forward and your left hand on the floor.",
   "Drop your right elbow towards the inside of your right foot.",
   "Rotate your chest and reach your right arm up to the ceiling.",
   "Return the hand, straighten your front leg to stretch the hamstring, then switch sides."]'),

('cat-cow', 'Cat-Cow', 560, 'mobility', 'beginner', 2.5, 'Compendium 2011 code 02150', false,
 '["lower_back", "back", "core"]', '[]',
 'Slow flexion and extension of the spine on all fours; a gentle mobility warm-up.',
 '["Start on hands and knees, hands under shoulders and knees under hips.",
   "Inhale as you let your belly drop and lift your chest and tailbone (cow).",
   "Exhale as you round your back towards the ceiling and tuck your chin (cat).",
   "Move slowly through the whole spine, in time with your breath."]'),

('hip-flexor-stretch', 'Half-Kneeling Hip Flexor Stretch', 570, 'mobility', 'beginner', 2.3,
 'Compendium 2011 code 02101', true, '["hip_flexors", "quadriceps"]', '[]',
 'A kneeling stretch for the front of the hip, which gets tight with long periods of sitting.',
 '["Kneel on one knee with the other foot flat in front, both knees at 90 degrees.",
   "Tuck your pelvis under and squeeze the glute of the kneeling leg.",
   "Shift your hips gently forward until you feel a stretch at the front of the hip.",
   "Breathe and hold, then switch sides."]'),

('thoracic-open-books', 'Thoracic Open Books', 580, 'mobility', 'beginner', 2.3,
 'Compendium 2011 code 02101', true, '["back", "chest", "shoulders"]', '[]',
 'A side-lying rotation that restores mobility to the upper back.',
 '["Lie on your side with knees bent to 90 degrees and arms straight out in front, palms together.",
   "Keep your knees together and on the floor.",
   "Open your top arm up and over, turning your chest to the ceiling; watch your hand.",
   "Pause where it feels comfortable, return, and switch sides after the interval."]'),

('downward-dog', 'Downward Dog', 590, 'mobility', 'beginner', 2.5, 'Compendium 2011 code 02150',
 false, '["hamstrings", "calves", "shoulders"]', '[]',
 'The yoga inverted-V position; stretches the calves and hamstrings and opens the shoulders.',
 '["Start on hands and knees with hands slightly in front of your shoulders.",
   "Tuck your toes and lift your hips up and back into an inverted V.",
   "Press the floor away and lengthen your spine; bend your knees as much as you need.",
   "Pedal your heels gently towards the floor, then hold and breathe."]'),

('arm-circles', 'Arm Circles', 600, 'mobility', 'beginner', 2.3, 'Compendium 2011 code 02101',
 false, '["shoulders"]', '[]',
 'Circling the straight arms to warm up the shoulders before upper-body work.',
 '["Stand tall with arms straight out to the sides at shoulder height.",
   "Make small forward circles, gradually making them larger.",
   "After half the interval, reverse the direction.",
   "Keep your shoulders down away from your ears."]')
),
upserted AS (
INSERT INTO exercises AS x
  (slug, name, sort_order, category, difficulty, met_value, met_source, is_unilateral,
   muscle_groups, equipment, description, instructions)
SELECT slug, name, sort_order, category, difficulty, met_value, met_source, is_unilateral,
       muscle_groups::jsonb, equipment::jsonb, description, instructions::jsonb
FROM src
ON CONFLICT (slug) DO UPDATE SET
  name = EXCLUDED.name,
  sort_order = EXCLUDED.sort_order,
  category = EXCLUDED.category,
  difficulty = EXCLUDED.difficulty,
  met_value = EXCLUDED.met_value,
  met_source = EXCLUDED.met_source,
  is_unilateral = EXCLUDED.is_unilateral,
  muscle_groups = EXCLUDED.muscle_groups,
  equipment = EXCLUDED.equipment,
  description = EXCLUDED.description,
  instructions = EXCLUDED.instructions,
  is_active = true
-- Skip untouched rows so a re-run writes nothing and updated_at keeps its meaning, and rows an
-- admin has created or edited: from then on they are the editors' (0033, admin_touched).
-- video_url/thumbnail_url are not seeded: media is attached separately and must survive a seed.
WHERE NOT admin_touched('workouts.exercise', x.id::text)
  AND (x.name, x.sort_order, x.category, x.difficulty, x.met_value, x.met_source,
       x.is_unilateral, x.muscle_groups, x.equipment, x.description, x.instructions, x.is_active)
  IS DISTINCT FROM
      (EXCLUDED.name, EXCLUDED.sort_order, EXCLUDED.category, EXCLUDED.difficulty,
       EXCLUDED.met_value, EXCLUDED.met_source, EXCLUDED.is_unilateral, EXCLUDED.muscle_groups,
       EXCLUDED.equipment, EXCLUDED.description, EXCLUDED.instructions, true)
RETURNING 1
)
-- An exercise dropped from this file is retired, not deleted: routines and logs reference it.
-- Exercises an admin created or edited are theirs, never retired here.
UPDATE exercises SET is_active = false
WHERE is_active AND slug NOT IN (SELECT slug FROM src)
  AND NOT admin_touched('workouts.exercise', id::text);

-- Aliases: other names people search by (GET /workouts/exercises?q=), upserted by slug; an
-- exercise not listed here keeps none. Lowercase; hyphen-free spellings of hyphenated names.
WITH src (slug, aliases) AS (VALUES
('jumping-jacks', '["star jumps", "side straddle hop"]'),
('high-knees', '["running in place", "knee drives"]'),
('mountain-climbers', '["climbers", "running plank"]'),
('jump-rope', '["skipping", "skipping rope"]'),
('burpees', '["squat thrusts", "burpee"]'),
('squat-jumps', '["jump squats"]'),
('push-ups', '["pushup", "press-ups", "press up"]'),
('knee-push-ups', '["kneeling pushup", "modified push-up"]'),
('air-squats', '["squats", "bodyweight squat", "air squat"]'),
('forearm-plank', '["plank", "elbow plank", "front plank"]'),
('glute-bridges', '["hip raise", "bridge"]'),
('bench-dips', '["tricep dips", "chair dips"]'),
('kettlebell-swings', '["kb swing", "russian swing"]'),
('dumbbell-romanian-deadlifts', '["rdl", "stiff-leg deadlift"]'),
('downward-dog', '["down dog", "adho mukha svanasana"]'),
('cat-cow', '["cat camel"]')
)
UPDATE exercises x SET aliases = s.aliases::jsonb
FROM (SELECT e.slug, coalesce(src.aliases, '[]') AS aliases
      FROM exercises e LEFT JOIN src ON src.slug = e.slug) s
WHERE x.slug = s.slug AND x.aliases IS DISTINCT FROM s.aliases::jsonb
  AND NOT admin_touched('workouts.exercise', x.id::text);

-- Translations (docs/admin.md, "Localised reference data"): German and French for a few
-- exercises, by slug. A translation may leave a field out (it is served in English); these
-- leave out the instructions of all but push-ups. An exercise not listed keeps what it has,
-- so translations an admin added elsewhere stay; rows an admin edited are theirs (0033).
WITH src (slug, translations) AS (VALUES
('jumping-jacks', '{
  "de": {"name": "Hampelmann",
         "description": "Eine klassische Ganzkörperübung zum Aufwärmen, die den Puls schnell hebt."},
  "fr": {"name": "Jumping jacks",
         "description": "Un mouvement complet classique d''échauffement qui fait vite monter le cardio."}
}'),
('push-ups', '{
  "de": {"name": "Liegestütze",
         "description": "Die grundlegende Druckübung für den Oberkörper.",
         "instructions": [
           "Beginne im hohen Stütz, die Hände etwas weiter als schulterbreit.",
           "Spanne Rumpf und Gesäß an, sodass dein Körper eine gerade Linie bildet.",
           "Beuge die Ellbogen und senke die Brust zum Boden, Ellbogen etwa 45 Grad vom Körper.",
           "Drücke dich bis zu gestreckten Armen hoch, ohne die Hüfte durchhängen zu lassen."]},
  "fr": {"name": "Pompes",
         "description": "L''exercice de poussée fondamental pour le haut du corps.",
         "instructions": [
           "Commencez en planche haute, les mains un peu plus écartées que les épaules.",
           "Gainez les abdominaux et les fessiers pour former une ligne droite.",
           "Pliez les coudes pour descendre la poitrine vers le sol, coudes à environ 45 degrés.",
           "Repoussez jusqu''à l''extension complète des bras sans creuser le dos."]}
}'),
('air-squats', '{
  "de": {"name": "Kniebeugen ohne Gewicht",
         "description": "Das Grundmuster der Kniebeuge ohne Last; die Basis jeder Beinübung."},
  "fr": {"name": "Squats au poids du corps",
         "description": "Le mouvement de base du squat sans charge ; la base de tout le bas du corps."}
}'),
('forearm-plank', '{
  "de": {"name": "Unterarmstütz",
         "description": "Die grundlegende statische Rumpfübung, auf den Unterarmen."},
  "fr": {"name": "Planche sur les avant-bras",
         "description": "Le gainage statique de base, en appui sur les avant-bras."}
}')
)
UPDATE exercises x SET translations = src.translations::jsonb
FROM src
WHERE x.slug = src.slug AND x.translations IS DISTINCT FROM src.translations::jsonb
  AND NOT admin_touched('workouts.exercise', x.id::text);
