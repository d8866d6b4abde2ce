-- Seed: the stages the fasting timer shows by hours since the last meal, upserted by slug.
-- Boundaries are the conventional ones fasting apps use; real timing varies from person to
-- person, which every description and disclaimer says. Idempotent like 010; rows an admin has
-- written are left as they are (0033), and never retired here.

WITH src (slug, name, sort_order, starts_at_hours, ends_at_hours, summary, description, source,
          disclaimer) AS (VALUES
('anabolic', 'Anabolic', 10, 0, 4,
 'Digesting your last meal and storing its energy.',
 'For the first few hours after eating, the body is in the fed (absorptive) state. Glucose, '
 'amino acids and fats from the meal enter the blood, and insulin rises to move them into cells. '
 'Muscles and liver top up their glycogen stores and surplus energy is stored as fat. This is '
 'normal and necessary: it is the state you are fasting out of, not something to avoid. How long '
 'it lasts depends on the size and make-up of the meal; a large or high-fat meal takes longer to '
 'absorb.',
 'Cahill GF Jr. Fuel metabolism in starvation. Annu Rev Nutr. 2006;26:1-22. '
 'Anton SD et al. Flipping the metabolic switch: understanding and applying the health benefits '
 'of fasting. Obesity. 2018;26(2):254-268.',
 'General information, not medical advice. Timings are typical averages; your meals, activity, '
 'sleep and health all shift them.'),

('catabolic', 'Catabolic', 20, 4, 16,
 'Insulin falls and the body starts drawing on its stores.',
 'Once the meal is absorbed, insulin falls and glucagon rises. The liver keeps blood glucose '
 'steady by breaking down its glycogen and, increasingly over the hours, by making new glucose '
 '(gluconeogenesis) from lactate, glycerol and amino acids. Fat tissue releases more fatty acids, '
 'and muscles start to use them alongside glucose. Most people pass through this stage every '
 'night while they sleep; many of the metabolic effects studied in time-restricted eating are '
 'thought to come from extending it.',
 'Rothman DL et al. Quantitation of hepatic glycogenolysis and gluconeogenesis in fasting humans '
 'with 13C NMR. Science. 1991;254(5031):573-576. '
 'Cahill GF Jr. Fuel metabolism in starvation. Annu Rev Nutr. 2006;26:1-22.',
 'General information, not medical advice. Timings are typical averages; your meals, activity, '
 'sleep and health all shift them.'),

('fat-burning', 'Fat Burning', 30, 16, 24,
 'Liver glycogen runs low and fat becomes the main fuel.',
 'As liver glycogen is drawn down, the body relies more on fat. Fatty acids become the main fuel '
 'for muscle and other tissues, and the liver begins converting some of them into ketone bodies, '
 'whose levels start to rise but are usually still low. Anton and colleagues describe this '
 'transition as the metabolic switch and place it typically between 12 and 36 hours after the '
 'last meal, depending on how full liver glycogen stores were and how active you are. Exercise '
 'brings it forward; a large carbohydrate-rich last meal pushes it back.',
 'Anton SD et al. Flipping the metabolic switch: understanding and applying the health benefits '
 'of fasting. Obesity. 2018;26(2):254-268. '
 'de Cabo R, Mattson MP. Effects of intermittent fasting on health, aging, and disease. '
 'N Engl J Med. 2019;381(26):2541-2551.',
 'General information, not medical advice. Timings are typical averages; your meals, activity, '
 'sleep and health all shift them. "Fat burning" never switches on or off: the body always uses '
 'a mix of fuels, and the mix shifts gradually.'),

('ketosis', 'Ketosis', 40, 24, 72,
 'Ketone levels rise and supply a growing share of energy.',
 'With liver glycogen largely used up, the liver produces ketone bodies (mainly '
 'beta-hydroxybutyrate) from fatty acids at a higher rate, and blood levels rise over the second '
 'and third day into the range usually called nutritional ketosis. Ketones are used by muscle, '
 'heart and, increasingly, the brain, which lowers the body''s need for glucose and so the amount '
 'of protein broken down to make it. Autophagy (cells recycling their own components) is often '
 'mentioned at this point; it is well documented in animal and cell studies, but when and how '
 'much it increases in human tissues during fasting has not been established, so Ugoki does not '
 'time it.',
 'Cahill GF Jr. Fuel metabolism in starvation. Annu Rev Nutr. 2006;26:1-22. '
 'Anton SD et al. Flipping the metabolic switch: understanding and applying the health benefits '
 'of fasting. Obesity. 2018;26(2):254-268. '
 'de Cabo R, Mattson MP. Effects of intermittent fasting on health, aging, and disease. '
 'N Engl J Med. 2019;381(26):2541-2551.',
 'General information, not medical advice. Fasting beyond 24 hours is not suitable for everyone; '
 'check with a doctor if you have a medical condition, take medication, are pregnant or '
 'breastfeeding. Stop and eat if you feel faint, confused or unwell.'),

('deep-ketosis', 'Deep Ketosis', 50, 72, NULL,
 'The body has adapted to running mainly on fat and ketones.',
 'After about three days without food, ketone levels are high and the brain gets a substantial '
 'part of its energy from them, as classic studies of prolonged fasting showed. Protein breakdown '
 'for glucose production slows as the body adapts to conserve muscle. This is the territory of '
 'prolonged, ideally medically supervised fasting: electrolyte balance becomes more delicate, '
 'and returning to food needs care because of the risk of refeeding problems, especially in '
 'people who are underweight or unwell.',
 'Owen OE et al. Brain metabolism during fasting. J Clin Invest. 1967;46(10):1589-1595. '
 'Cahill GF Jr. Fuel metabolism in starvation. Annu Rev Nutr. 2006;26:1-22. '
 'Longo VD, Mattson MP. Fasting: molecular mechanisms and clinical applications. Cell Metab. '
 '2014;19(2):181-192.',
 'General information, not medical advice. Fasts longer than 72 hours should only be done under '
 'medical supervision. Stop and eat if you feel faint, confused or unwell, or have palpitations '
 'or chest pain.')
),
upserted AS (
INSERT INTO fasting_stages AS s
  (slug, name, sort_order, starts_at_hours, ends_at_hours, summary, description, source,
   disclaimer)
SELECT slug, name, sort_order, starts_at_hours, ends_at_hours, summary, description, source,
       disclaimer
FROM src
ON CONFLICT (slug) DO UPDATE SET
  name = EXCLUDED.name,
  sort_order = EXCLUDED.sort_order,
  starts_at_hours = EXCLUDED.starts_at_hours,
  ends_at_hours = EXCLUDED.ends_at_hours,
  summary = EXCLUDED.summary,
  description = EXCLUDED.description,
  source = EXCLUDED.source,
  disclaimer = EXCLUDED.disclaimer,
  is_active = true
-- Skip untouched rows so a re-run writes nothing and updated_at keeps its meaning, and rows an
-- admin has edited: from then on they are the editors' (0033, admin_touched).
WHERE NOT admin_touched('fasting.stage', s.id::text)
  AND (s.name, s.sort_order, s.starts_at_hours, s.ends_at_hours, s.summary, s.description,
       s.source, s.disclaimer, s.is_active)
  IS DISTINCT FROM
      (EXCLUDED.name, EXCLUDED.sort_order, EXCLUDED.starts_at_hours, EXCLUDED.ends_at_hours,
       EXCLUDED.summary, EXCLUDED.description, EXCLUDED.source, EXCLUDED.disclaimer, true)
RETURNING 1
)
-- A stage dropped from this file is retired rather than deleted; stages an admin created or
-- edited are theirs, never retired here.
UPDATE fasting_stages SET is_active = false
WHERE is_active AND slug NOT IN (SELECT slug FROM src)
  AND NOT admin_touched('fasting.stage', id::text);

-- Translations (docs/admin.md, "Localised reference data"): German and French for a few
-- stages; a field a translation leaves out (here the long descriptions) is served in English.
-- Written only where they differ, never on a stage an admin has written.
UPDATE fasting_stages s SET translations = t.translations::jsonb
FROM (VALUES
('fat-burning', '{
  "de": {"name": "Fettverbrennung",
         "summary": "Die Glykogenspeicher der Leber leeren sich, Fett wird zum wichtigsten Brennstoff.",
         "disclaimer": "Allgemeine Information, keine medizinische Beratung. Die Zeiten sind typische Durchschnittswerte; Mahlzeiten, Bewegung, Schlaf und Gesundheit verschieben sie. Die Fettverbrennung wird nie an- oder abgeschaltet: Der Körper nutzt immer eine Mischung von Brennstoffen, und die Mischung verschiebt sich allmählich."},
  "fr": {"name": "Combustion des graisses",
         "summary": "Le glycogène du foie s''épuise et les graisses deviennent le carburant principal.",
         "disclaimer": "Information générale, pas un avis médical. Les durées sont des moyennes typiques ; vos repas, votre activité, votre sommeil et votre santé les font varier. La « combustion des graisses » ne s''allume ni ne s''éteint : le corps utilise toujours un mélange de carburants, qui évolue progressivement."}
}'),
('ketosis', '{
  "de": {"name": "Ketose",
         "summary": "Die Ketonwerte steigen und liefern einen wachsenden Teil der Energie."},
  "fr": {"name": "Cétose",
         "summary": "Le taux de cétones augmente et fournit une part croissante de l''énergie."}
}')
) AS t (slug, translations)
WHERE s.slug = t.slug
  AND NOT admin_touched('fasting.stage', s.id::text)
  AND s.translations IS DISTINCT FROM t.translations::jsonb;
