-- Nutrition plans (issue 13, plans side): recipe tags, an aisle per ingredient, products in meal
-- plans, one plan per user per week (no overlap), and the generated shopping-list rows' keys.
-- Depends on 0004 (btree_gist), 0007 (recipes) and 0008 (meal plans, shopping list).

-- Free-form facets for GET /nutrition/recipes?tag=, from a closed vocabulary like diet_types so
-- the filter and the data cannot drift apart. Seeded by seeds/031_recipe_tags_aisles.sql.
ALTER TABLE recipes ADD COLUMN tags jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(tags) = 'array'
         AND tags <@ '["quick","no_cook","one_pot","batch_cook","budget","comfort","light",
                       "spicy","sweet","high_fibre","fast_friendly"]');
COMMENT ON COLUMN recipes.tags IS
  'Facets: quick (<= 15 min total), no_cook, one_pot, batch_cook, budget, comfort, light, '
  'spicy, sweet, high_fibre (>= 8 g a serving), fast_friendly (gentle after a fast).';

-- The shopping list groups by aisle; a column (seeded by name patterns) rather than a rule in
-- code, so a data fix needs no release.
ALTER TABLE recipe_ingredients ADD COLUMN aisle text NOT NULL DEFAULT 'other'
  CHECK (aisle IN ('produce', 'meat_fish', 'dairy_eggs', 'bakery', 'grains_pasta', 'tins_jars',
                   'baking', 'spices', 'oils_sauces', 'nuts_seeds', 'frozen', 'drinks',
                   'other'));

-- A plan item is a recipe, a product (food_products) or free text, exactly one.
ALTER TABLE meal_plan_items
  ADD COLUMN product_id uuid REFERENCES food_products (id) ON DELETE RESTRICT;
ALTER TABLE meal_plan_items DROP CONSTRAINT meal_plan_items_check;
ALTER TABLE meal_plan_items
  ADD CONSTRAINT meal_plan_items_one_kind CHECK (num_nonnulls(recipe_id, product_id, free_text) = 1);
-- Products and recipes in use: RESTRICT checks need an index on the referencing column.
CREATE INDEX meal_plan_items_product_idx ON meal_plan_items (product_id)
  WHERE product_id IS NOT NULL;
CREATE INDEX meal_plan_items_recipe_idx ON meal_plan_items (recipe_id) WHERE recipe_id IS NOT NULL;

-- A user's plans never overlap: a week starts on any day and covers 7, so ?week=D finds at most
-- one plan. Plans are deleted for real (DELETE /meal-plans/:id); deleted_at stays unused.
ALTER TABLE meal_plans ADD CONSTRAINT meal_plans_no_overlap EXCLUDE USING gist (
  user_id WITH =, daterange(week_start_date, week_start_date + 7) WITH &&)
  WHERE (deleted_at IS NULL);

-- Generated rows (meal_plan_id set) carry the aggregation key (lowercased name and unit
-- family), so regenerating updates them in place and keeps their check marks.
ALTER TABLE shopping_list_items ADD COLUMN item_key text CHECK (length(item_key) <= 250);
ALTER TABLE shopping_list_items
  ADD CONSTRAINT shopping_list_items_key_when_generated
  CHECK (meal_plan_id IS NULL OR item_key IS NOT NULL);
CREATE UNIQUE INDEX shopping_list_items_plan_key_idx
  ON shopping_list_items (user_id, meal_plan_id, item_key) WHERE meal_plan_id IS NOT NULL;
