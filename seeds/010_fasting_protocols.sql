-- Seed: the fasting protocols a user can choose, upserted by slug (see docs/reference-data.md).
-- Idempotent: a row is only rewritten when a seeded value differs, so re-running leaves
-- updated_at alone and edits here flow through on the next `ugoki seed`; a slug removed from
-- this file is marked inactive. Rows an admin has written are left as they are (0033).

WITH src (slug, name, kind, sort_order, fasting_minutes, eating_window_minutes, fast_day_kcal,
          fast_days_per_week, weekday_rules, difficulty, recommended_frequency, description,
          benefits, considerations) AS (VALUES
-- Daily time-restricted eating: fasting + eating window = 24 h.
('12-12', '12:12', 'daily_tre', 10, 720, 720, NULL, NULL, '{}', 'beginner', 'daily',
 'Fast for 12 hours and eat within a 12-hour window, for example no food from 8 pm until '
 'breakfast at 8 am. For many people this simply means no late-night snacking, which makes it '
 'the gentlest place to start and a sensible long-term default.',
 jsonb_build_array(
   'Easy to fit around work, family and social meals',
   'Ends late-evening snacking, which often adds calories without adding fullness',
   'Builds the habit of a consistent overnight fast before you try longer windows'),
 jsonb_build_array(
   'Weight change from 12:12 alone is usually small; what and how much you eat still matters',
   'If you take medication that lowers blood sugar, talk to your doctor before changing meal '
   'timing',
   'Not advised during pregnancy or breastfeeding, or with a history of an eating disorder, '
   'without medical guidance')),

('13-11', '13:11 Circadian', 'daily_tre', 20, 780, 660, NULL, NULL, '{}', 'beginner', 'daily',
 'Eat within an 11-hour window that opens soon after you wake and closes by early evening, then '
 'fast for 13 hours overnight, for example eating from 7 am to 6 pm. Anchoring meals to daylight '
 'follows circadian-rhythm research on early time-restricted eating, which suggests the body '
 'handles glucose better earlier in the day.',
 jsonb_build_array(
   'Aligns eating with daylight hours, when insulin sensitivity tends to be higher',
   'A 13-hour overnight fast is achievable for most people from the first day',
   'In a small controlled study (Sutton et al., 2018) early time-restricted eating improved '
   'insulin sensitivity in men with prediabetes, even without weight loss'),
 jsonb_build_array(
   'Shift workers should anchor the window to their own waking hours rather than the clock',
   'Early dinners can clash with family and social meals; pick the days that matter',
   'Check with your doctor first if you take insulin or other glucose-lowering medication')),

('14-10', '14:10', 'daily_tre', 30, 840, 600, NULL, NULL, '{}', 'beginner', 'daily',
 'Fast for 14 hours and eat within a 10-hour window, for example from 9 am to 7 pm. A common '
 'next step after 12:12, and a comfortable long-term schedule for people who find 16:8 too '
 'restrictive.',
 jsonb_build_array(
   'A modest step up from 12:12 that most people adapt to within a week or two',
   'Leaves room for three meals inside the eating window',
   'In a small study of people with metabolic syndrome (Wilkinson et al., 2020) a 10-hour window'
   ' was linked to modest weight loss and lower blood pressure'),
 jsonb_build_array(
   'If you train early in the morning, move the window earlier rather than training fasted every'
   ' day',
   'Hunger in the first days is normal; water, black coffee and plain tea are fine during the '
   'fast',
   'Medication that must be taken with food should set the window, not the other way round')),

('16-8', '16:8 Leangains', 'daily_tre', 40, 960, 480, NULL, NULL, '{}', 'intermediate', 'daily',
 'Fast for 16 hours and eat within an 8-hour window, for example from noon to 8 pm. Popularised '
 'by Martin Berkhan''s Leangains method, it is the most widely used intermittent fasting '
 'schedule and is usually done by skipping breakfast.',
 jsonb_build_array(
   'A simple rule that fits most routines: skip breakfast, eat lunch and dinner',
   'Fewer eating occasions can make it easier to eat less without counting calories',
   'Widely studied; when calorie intake is similar, weight loss has been similar to ordinary '
   'calorie restriction'),
 jsonb_build_array(
   'In a 12-week trial (Lowe et al., 2020) 16:8 on its own produced little weight loss compared '
   'with regular meal timing: food quality and total intake still matter',
   'Protein intake can fall when a meal is skipped; plan enough protein inside the window, '
   'especially if you train',
   'Not recommended for under-18s, during pregnancy or breastfeeding, or with a history of '
   'disordered eating',
   'If you take medication for diabetes or blood pressure, speak to your doctor first')),

('18-6', '18:6', 'daily_tre', 50, 1080, 360, NULL, NULL, '{}', 'intermediate', 'daily',
 'Fast for 18 hours and eat within a 6-hour window, for example from 1 pm to 7 pm, usually as two '
 'meals. A step up for people who are comfortable with 16:8 and want a shorter eating window.',
 jsonb_build_array(
   'A longer daily fast that still leaves room for two full meals',
   'Can simplify meal planning and cut out snacking',
   'More hours each day in the post-absorptive state, when the body draws more on stored fat'),
 jsonb_build_array(
   'Getting enough protein, fibre and micronutrients in six hours takes planning',
   'Some people notice headaches, irritability or poorer sleep; move back to 16:8 if they '
   'persist',
   'Avoid if pregnant, breastfeeding, underweight, or with a history of an eating disorder',
   'People on glucose-lowering medication need medical advice before fasting this long every day')),

('20-4', '20:4 Warrior', 'daily_tre', 60, 1200, 240, NULL, NULL, '{}', 'advanced', 'daily',
 'Fast for 20 hours and eat within a 4-hour evening window. Based on Ori Hofmekler''s Warrior '
 'Diet; the original allows small portions of raw fruit and vegetables during the day, while the '
 'Ugoki timer treats the 20 hours as a fast.',
 jsonb_build_array(
   'Compresses eating into one large meal and a smaller one',
   'Suits people who are rarely hungry during the day and prefer a large evening meal',
   'A long daily fast for those already comfortable with 18:6'),
 jsonb_build_array(
   'Meeting protein and nutrient needs in four hours is difficult; build meals around protein '
   'and vegetables',
   'Large evening meals can disturb sleep or cause reflux in some people',
   'There is little research on this exact schedule; most evidence comes from shorter windows',
   'Not suitable during pregnancy or breastfeeding, for under-18s, or with a history of '
   'disordered eating; seek advice if you take regular medication')),

('omad', 'OMAD (23:1)', 'daily_tre', 70, 1380, 60, NULL, NULL, '{}', 'advanced', 'daily',
 'One meal a day: fast for about 23 hours and eat a single meal within roughly one hour. The '
 'most restrictive daily schedule; many people use it on a few days a week rather than every day.',
 jsonb_build_array(
   'Only one meal a day to plan and prepare',
   'The longest daily fasting period of any daily schedule',
   'Some people find a single meal makes a calorie target easier to keep'),
 jsonb_build_array(
   'Eating a whole day of nutrients in one meal is hard; falling short on protein and fibre is '
   'common',
   'In a small controlled trial (Stote et al., 2007) one meal a day raised blood pressure and '
   'LDL cholesterol compared with three meals',
   'It can drive large swings in hunger; stop if you find yourself bingeing',
   'Not advised with diabetes medication, during pregnancy or breastfeeding, or with a history '
   'of an eating disorder')),

-- Extended fasts: a single water fast (water, black coffee, plain tea), no eating window.
('24h', '24-Hour (Eat-Stop-Eat)', 'extended', 80, 1440, 0, NULL, NULL,
 '{"max_per_week": 2, "non_consecutive": true}', 'intermediate', 'weekly',
 'A full 24-hour fast once or twice a week, for example from dinner one day to dinner the next, '
 'as popularised by Brad Pilon''s Eat-Stop-Eat. You eat normally on the other days.',
 jsonb_build_array(
   'No daily restriction: normal eating on every non-fasting day',
   'Dinner-to-dinner timing means you still eat on every calendar day',
   'A clear, repeatable weekly goal'),
 jsonb_build_array(
   'Expect waves of hunger, low energy or a headache in the afternoon of the fast; they usually '
   'pass',
   'Drink plenty of water and avoid intense exercise on fasting days until you know how you '
   'respond',
   'Break the fast with a normal-sized meal rather than a feast',
   'Not for people on insulin or sulfonylureas, during pregnancy or breastfeeding, for '
   'under-18s, or with a history of an eating disorder')),

('36h', '36-Hour (Monk Fast)', 'extended', 90, 2160, 0, NULL, NULL,
 '{"max_per_week": 1}', 'advanced', 'occasional',
 'Finish dinner, eat nothing the next day, and break the fast at breakfast the morning after, '
 'about 36 hours later. Often called the monk fast; some people practise it weekly, but we '
 'suggest treating it as occasional until you know how your body responds.',
 jsonb_build_array(
   'Extends the time the body relies mainly on fat and ketones beyond a 24-hour fast',
   'Sleeping through both ends of the fast makes it easier than the number suggests',
   'Builds comfort with hunger before any longer fast'),
 jsonb_build_array(
   'Electrolytes matter: drink water, and ask your doctor whether you need sodium, potassium or '
   'magnesium',
   'Dizziness on standing is common; stand up slowly and stop if you feel faint',
   'Not suitable with diabetes, heart or kidney disease, low blood pressure or gout, during '
   'pregnancy or breastfeeding, for under-18s, or with a history of an eating disorder, unless '
   'supervised',
   'Human evidence for benefits specific to 36-hour fasts is limited')),

('48h', '48-Hour Fast', 'extended', 100, 2880, 0, NULL, NULL, '{}', 'advanced', 'occasional',
 'Two full days without food, drinking only water and non-caloric drinks. An occasional extended '
 'fast for healthy, experienced fasters who have completed 24- and 36-hour fasts comfortably; it '
 'is not meant as a regular schedule.',
 jsonb_build_array(
   'Ketone levels typically rise clearly during the second day',
   'A clear break from habitual snacking and eating patterns',
   'Short enough for healthy, experienced fasters to do at home with sensible precautions'),
 jsonb_build_array(
   'Do not attempt without first completing shorter fasts comfortably',
   'Electrolyte loss can cause headaches, cramps and palpitations; stop and eat if you feel '
   'unwell, faint or confused',
   'Break the fast gently with a small, easily digested meal',
   'Speak to a doctor first if you take regular medication or have a medical condition; not for '
   'pregnancy, breastfeeding, under-18s, or a history of an eating disorder')),

('72h', '72-Hour Fast', 'extended', 110, 4320, 0, NULL, NULL, '{}', 'advanced', 'occasional',
 'Three days without food. By the third day most of the body''s energy comes from fat and '
 'ketones. This is the longest fast Ugoki coaches; it is only for healthy, experienced fasters, '
 'ideally after talking it through with a doctor.',
 jsonb_build_array(
   'The longest uninterrupted reliance on fat and ketones among the Ugoki protocols',
   'A fixed end point and stage-by-stage guidance instead of an open-ended fast',
   'A structured challenge for people who already fast for 36 to 48 hours without problems'),
 jsonb_build_array(
   'Medical supervision is recommended for anyone with a health condition or on medication',
   'Refeeding needs care: start with small meals; anyone underweight or malnourished is at risk '
   'of refeeding syndrome and should not attempt this fast',
   'Much of the weight lost is water and glycogen, and it returns after eating',
   'Stop and eat at once if you feel faint or confused, or have palpitations or chest pain',
   'Not for pregnancy, breastfeeding, under-18s, diabetes, gout, kidney disease, or a history of'
   ' an eating disorder')),

-- Modified fasting: fast days allow about 500 kcal, so there is no eating window.
('5-2', '5:2', 'weekly', 120, 1440, 0, 500, 2,
 '{"fast_days": ["mon", "thu"], "flexible": true, "non_consecutive": true}',
 'intermediate', 'weekly',
 'Eat normally five days a week and keep two non-consecutive days to about 500 kcal (around '
 '600 kcal for many men). Popularised by Michael Mosley; the default fast days are Monday and '
 'Thursday and you can move them.',
 jsonb_build_array(
   'No food rules on five days a week',
   'In trials, weight loss has been similar to daily calorie restriction (Harvie et al., 2011)',
   'Fast days still include food, which many people find easier than a complete fast'),
 jsonb_build_array(
   'Spend the fast-day allowance mostly on protein and vegetables to manage hunger',
   'Larger meals on the other days can cancel out the weekly deficit',
   'Avoid two fast days in a row, and keep hard training for normal days',
   'Needs medical advice with diabetes medication; not for pregnancy, breastfeeding, under-18s, '
   'or a history of an eating disorder')),

('alternate-day', 'Alternate-Day Fasting (ADF)', 'alternate_day', 130, 1440, 0, 500, NULL,
 '{"cycle_days": 2, "fast_days_in_cycle": 1, "flexible": false}', 'advanced', 'daily',
 'Alternate a fast day of about 500 kcal with a day of normal eating, every other day. This '
 'modified form is the one used in most human trials (Varady and colleagues) and is among the '
 'most studied intermittent fasting approaches.',
 jsonb_build_array(
   'One of the best-studied intermittent fasting methods in humans',
   'In a one-year trial (Trepanowski et al., 2017) weight loss matched daily calorie restriction',
   'Fast days include a small meal, which makes the pattern workable for some people'),
 jsonb_build_array(
   'In that same trial more people dropped out of alternate-day fasting than of daily calorie '
   'restriction; it is demanding',
   'Hunger on fast days can stay high for the first few weeks',
   'Plan training around it: keep hard sessions for eating days',
   'Needs medical advice with diabetes or blood-pressure medication; not for pregnancy, '
   'breastfeeding, under-18s, or a history of an eating disorder'))
),
upserted AS (
INSERT INTO fasting_protocols AS p
  (slug, name, kind, sort_order, fasting_minutes, eating_window_minutes, fast_day_kcal,
   fast_days_per_week, weekday_rules, difficulty, recommended_frequency, description, benefits,
   considerations)
SELECT slug, name, kind, sort_order, fasting_minutes, eating_window_minutes, fast_day_kcal,
       fast_days_per_week, weekday_rules::jsonb, difficulty, recommended_frequency, description,
       benefits::jsonb, considerations::jsonb
FROM src
ON CONFLICT (slug) DO UPDATE SET
  name = EXCLUDED.name,
  kind = EXCLUDED.kind,
  sort_order = EXCLUDED.sort_order,
  fasting_minutes = EXCLUDED.fasting_minutes,
  eating_window_minutes = EXCLUDED.eating_window_minutes,
  fast_day_kcal = EXCLUDED.fast_day_kcal,
  fast_days_per_week = EXCLUDED.fast_days_per_week,
  weekday_rules = EXCLUDED.weekday_rules,
  difficulty = EXCLUDED.difficulty,
  recommended_frequency = EXCLUDED.recommended_frequency,
  description = EXCLUDED.description,
  benefits = EXCLUDED.benefits,
  considerations = EXCLUDED.considerations,
  is_active = true
-- Skip untouched rows so a re-run writes nothing and updated_at keeps its meaning, and rows an
-- admin has edited: from then on they are the editors' (0033, admin_touched).
WHERE NOT admin_touched('fasting.protocol', p.id::text)
  AND (p.name, p.kind, p.sort_order, p.fasting_minutes, p.eating_window_minutes, p.fast_day_kcal,
       p.fast_days_per_week, p.weekday_rules, p.difficulty, p.recommended_frequency,
       p.description, p.benefits, p.considerations, p.is_active)
  IS DISTINCT FROM
      (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.sort_order, EXCLUDED.fasting_minutes,
       EXCLUDED.eating_window_minutes, EXCLUDED.fast_day_kcal, EXCLUDED.fast_days_per_week,
       EXCLUDED.weekday_rules, EXCLUDED.difficulty, EXCLUDED.recommended_frequency,
       EXCLUDED.description, EXCLUDED.benefits, EXCLUDED.considerations, true)
RETURNING 1
)
-- A protocol dropped from this file is retired, not deleted: fasting sessions reference it.
-- Protocols an admin created or edited are theirs, never retired here.
UPDATE fasting_protocols SET is_active = false
WHERE is_active AND slug NOT IN (SELECT slug FROM src)
  AND NOT admin_touched('fasting.protocol', id::text);

-- Translations (docs/admin.md, "Localised reference data"): German and French for a few
-- protocols; a field a translation leaves out is served in English. Written only where they
-- differ, and never on a protocol an admin has written (its translations are the editors').
UPDATE fasting_protocols p SET translations = t.translations::jsonb
FROM (VALUES
('12-12', '{
  "de": {"name": "12:12",
         "description": "12 Stunden fasten und innerhalb von 12 Stunden essen, zum Beispiel von 20 Uhr bis zum Frühstück um 8 Uhr nichts essen. Für viele bedeutet das einfach: keine späten Snacks. Der sanfteste Einstieg und ein vernünftiger Standard auf lange Sicht."},
  "fr": {"name": "12:12",
         "description": "Jeûner 12 heures et manger sur une plage de 12 heures, par exemple rien de 20 h jusqu''au petit-déjeuner de 8 h. Pour beaucoup, cela revient simplement à supprimer le grignotage du soir : le point de départ le plus doux et un bon choix sur la durée."}
}'),
('16-8', '{
  "de": {"name": "16:8 Leangains",
         "description": "16 Stunden fasten und innerhalb von 8 Stunden essen, zum Beispiel von 12 bis 20 Uhr. Durch Martin Berkhans Leangains-Methode bekannt geworden, ist es der verbreitetste Rhythmus des Intervallfastens; meist fällt dabei das Frühstück weg.",
         "benefits": ["Eine einfache Regel, die in die meisten Tage passt: Frühstück auslassen, Mittag- und Abendessen essen",
                      "Weniger Mahlzeiten machen es leichter, weniger zu essen, ohne Kalorien zu zählen",
                      "Gut untersucht: bei gleicher Kalorienzufuhr ähnlicher Gewichtsverlust wie bei gewöhnlicher Kalorienreduktion"]},
  "fr": {"name": "16:8 Leangains",
         "description": "Jeûner 16 heures et manger sur une plage de 8 heures, par exemple de midi à 20 h. Popularisé par la méthode Leangains de Martin Berkhan, c''est le rythme de jeûne intermittent le plus répandu, le plus souvent en sautant le petit-déjeuner.",
         "benefits": ["Une règle simple qui s''adapte à la plupart des journées : sauter le petit-déjeuner, garder le déjeuner et le dîner",
                      "Moins d''occasions de manger aide à manger moins sans compter les calories",
                      "Très étudié : à apport calorique égal, une perte de poids comparable à une restriction calorique classique"]}
}')
) AS t (slug, translations)
WHERE p.slug = t.slug
  AND NOT admin_touched('fasting.protocol', p.id::text)
  AND p.translations IS DISTINCT FROM t.translations::jsonb;
