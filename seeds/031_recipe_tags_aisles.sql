-- Recipe tags and ingredient aisles (columns of migration 0025) for the 30 seeded recipes,
-- set by slug and by ingredient-name pattern. Idempotent: rows change only when a value
-- differs, so re-running leaves updated_at alone.

UPDATE recipes r SET tags = t.tags::jsonb
FROM (VALUES
  ('bulletproof-coffee', '["quick","no_cook"]'),
  ('vegan-bulletproof-coffee', '["quick","no_cook"]'),
  ('slow-cooker-chicken-bone-broth', '["batch_cook","one_pot","budget","light","fast_friendly"]'),
  ('soft-scrambled-eggs-avocado', '["quick","fast_friendly"]'),
  ('greek-yogurt-berry-bowl', '["quick","no_cook","sweet","fast_friendly"]'),
  ('peanut-butter-overnight-oats', '["no_cook","budget","sweet","high_fibre"]'),
  ('shakshuka', '["one_pot","budget","spicy","fast_friendly"]'),
  ('salmon-quinoa-power-bowl', '["high_fibre"]'),
  ('slow-cooker-red-lentil-soup', '["batch_cook","one_pot","budget","comfort","fast_friendly"]'),
  ('slow-cooker-chicken-chili', '["batch_cook","one_pot","comfort","spicy"]'),
  ('slow-cooker-beef-sweet-potato-stew', '["batch_cook","one_pot","comfort"]'),
  ('slow-cooker-chickpea-sweet-potato-curry',
   '["batch_cook","one_pot","budget","comfort","spicy","high_fibre"]'),
  ('lemon-butter-salmon-asparagus', '["one_pot"]'),
  ('creamy-garlic-chicken-spinach', '["one_pot","comfort"]'),
  ('tofu-cauliflower-fried-rice', '["high_fibre"]'),
  ('mediterranean-chickpea-salad', '["quick","no_cook","budget","high_fibre","light"]'),
  ('greek-chicken-traybake', '["one_pot"]'),
  ('tuna-white-bean-salad', '["quick","no_cook","budget","high_fibre","fast_friendly"]'),
  ('coconut-chia-pudding', '["no_cook","sweet","high_fibre"]'),
  ('banana-oat-protein-pancakes', '["sweet"]'),
  ('green-protein-smoothie', '["quick","no_cook","sweet","high_fibre","fast_friendly"]'),
  ('miso-soup-tofu-wakame', '["light","fast_friendly"]'),
  ('turkey-lettuce-wraps', '["light"]'),
  ('sirloin-chimichurri-green-beans', '[]'),
  ('vegetable-egg-muffins', '["batch_cook"]'),
  ('hummus-with-crudites', '["quick","no_cook","budget","light"]'),
  ('smoked-salmon-cucumber-bites', '["quick","no_cook","light"]'),
  ('turmeric-tofu-scramble', '["one_pot","fast_friendly"]'),
  ('courgette-noodles-pesto-prawns', '["quick","light"]'),
  ('baked-cod-tomatoes-olives', '["one_pot","light"]')
) AS t(slug, tags)
WHERE r.slug = t.slug AND r.tags IS DISTINCT FROM t.tags::jsonb
  -- Recipes an admin has written are the editors' (0033, admin_touched).
  AND NOT admin_touched('nutrition.recipe', r.id::text);

-- The first pattern that matches an ingredient's lowercased name gives its aisle (order
-- matters: "frozen banana" is frozen, "coconut milk" a tin, "almond milk" a drink).
WITH rule(ord, pattern, aisle) AS (VALUES
  (0, 'lettuce|green beans|riced cauliflower|red peppers?$', 'produce'),
  (1, '^frozen ', 'frozen'),
  (2, 'coconut (milk|cream)|chopped tomatoes|tomato paste|beans$|chickpeas|tuna|olives|capers|'
      'stock|peanut butter|tahini|miso', 'tins_jars'),
  (3, 'almond milk|soy milk|coffee|^water$|cold water|ice water', 'drinks'),
  (4, 'oil$|oil |vinegar|tamari|coconut aminos|maple syrup|lemon juice', 'oils_sauces'),
  (5, 'salmon|cod|prawns|chicken|turkey|beef|sirloin|steak', 'meat_fish'),
  (6, 'milk|butter|cream|yogurt|cheese|cheddar|feta|parmesan|eggs', 'dairy_eggs'),
  (7, 'walnuts|cashews|pine nuts|chia|flaxseed|sesame seeds|coconut flakes', 'nuts_seeds'),
  (8, 'oats|quinoa|lentils|rice', 'grains_pasta'),
  (9, 'baking powder|vanilla|yeast', 'baking'),
  (10, 'salt|pepper$|black pepper|paprika|cumin|turmeric|cinnamon|curry powder|chili|oregano|'
       'bay leaf|kombu|wakame', 'spices'),
  (11, '.', 'produce')
),
picked AS (
  SELECT DISTINCT ON (ri.id) ri.id, rule.aisle
  FROM recipe_ingredients ri JOIN rule ON lower(ri.name) ~ rule.pattern
  WHERE NOT admin_touched('nutrition.recipe', ri.recipe_id::text)
  ORDER BY ri.id, rule.ord
)
UPDATE recipe_ingredients ri SET aisle = picked.aisle
FROM picked
WHERE ri.id = picked.id AND ri.aisle IS DISTINCT FROM picked.aisle;
