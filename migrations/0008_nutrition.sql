-- A user's nutrition: weekly meal plans, logged meals, the shopping list, plus a shared cache of
-- barcode products. Recipes (0007) are referenced by id only.

-- Open Food Facts answers, cached durably (Redis holds the 24 h hot copy): a product looked up
-- once stays resolvable when the upstream API is slow or down. Shared, not user-owned.
CREATE TABLE food_products (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- GTIN/EAN/UPC digits as scanned, leading zeros kept.
  code            text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6,14}$'),
  -- false records "upstream has no such product" so repeated scans do not hammer the API.
  found           boolean NOT NULL DEFAULT true,
  name            text CHECK (length(name) <= 300),
  brand           text CHECK (length(brand) <= 200),
  -- {"energy_kcal": .., "proteins_g": .., "carbohydrates_g": .., "fat_g": .., "fiber_g": ..,
  --  "sugars_g": .., "salt_g": ..} per 100 g (or 100 ml): upstream has dozens of optional keys.
  nutriments_100g jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(nutriments_100g) = 'object'),
  serving_size_g  numeric(7, 2) CHECK (serving_size_g > 0),
  image_url       text CHECK (length(image_url) <= 500),
  source          text NOT NULL DEFAULT 'open_food_facts'
                  CHECK (source IN ('open_food_facts', 'manual')),
  fetched_at      timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT found OR name IS NOT NULL)
);
-- Refresh job: oldest entries first.
CREATE INDEX food_products_fetched_idx ON food_products (fetched_at);
CREATE TRIGGER food_products_set_updated_at BEFORE UPDATE ON food_products
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE meal_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name            text CHECK (length(name) BETWEEN 1 AND 200),
  -- First day of the planned week in the user's calendar (their week_starts_on).
  week_start_date date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  UNIQUE (user_id, id)
);
-- GET /nutrition/meal-plans: newest weeks first, cursor on (week_start_date, id).
CREATE INDEX meal_plans_user_week_idx ON meal_plans (user_id, week_start_date DESC, id DESC)
  WHERE deleted_at IS NULL;
CREATE TRIGGER meal_plans_set_updated_at BEFORE UPDATE ON meal_plans
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Either a recipe or free text ("leftovers"), never both. Items are replaced wholesale by
-- PATCH /meal-plans/:id, so they are hard-deleted (the plan itself carries the soft delete).
CREATE TABLE meal_plan_items (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  meal_plan_id uuid NOT NULL,
  -- Days after week_start_date (0..6), so the week may start on any weekday.
  day_index    smallint NOT NULL CHECK (day_index BETWEEN 0 AND 6),
  meal_slot    text NOT NULL CHECK (meal_slot IN ('breakfast', 'lunch', 'dinner', 'snack')),
  -- RESTRICT: recipes are reference data, retired by the seed rather than deleted.
  recipe_id    uuid REFERENCES recipes (id) ON DELETE RESTRICT,
  free_text    text CHECK (length(free_text) BETWEEN 1 AND 200),
  servings     numeric(5, 2) NOT NULL DEFAULT 1 CHECK (servings > 0 AND servings <= 100),
  position     smallint NOT NULL DEFAULT 0 CHECK (position >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, meal_plan_id) REFERENCES meal_plans (user_id, id) ON DELETE CASCADE,
  CHECK (num_nonnulls(recipe_id, free_text) = 1)
);
-- A plan's items in calendar order; also serves the composite FK cascade.
CREATE INDEX meal_plan_items_plan_idx
  ON meal_plan_items (user_id, meal_plan_id, day_index, meal_slot, position);
CREATE TRIGGER meal_plan_items_set_updated_at BEFORE UPDATE ON meal_plan_items
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- What the user ate. Nutrient columns are the TOTAL for the logged amount (already multiplied by
-- servings) and are copied at log time: a recipe edit or a refreshed barcode entry must not
-- rewrite yesterday's intake, and daily totals become a plain SUM.
CREATE TABLE meal_logs (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  eaten_at   timestamptz NOT NULL,
  -- The user's calendar day of eaten_at, fixed at write time (their zone then).
  local_date date NOT NULL,
  meal_slot  text NOT NULL CHECK (meal_slot IN ('breakfast', 'lunch', 'dinner', 'snack')),
  source     text NOT NULL DEFAULT 'manual'
             CHECK (source IN ('manual', 'recipe', 'barcode', 'meal_plan', 'import')),
  recipe_id  uuid REFERENCES recipes (id) ON DELETE RESTRICT,
  -- No FK: food_products is a cache that may be purged; the code alone identifies the product.
  barcode    text CHECK (barcode ~ '^[0-9]{6,14}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  servings   numeric(6, 2) NOT NULL DEFAULT 1 CHECK (servings > 0 AND servings <= 100),
  kcal       numeric(7, 1) CHECK (kcal BETWEEN 0 AND 20000),
  protein_g  numeric(6, 1) CHECK (protein_g BETWEEN 0 AND 2000),
  carbs_g    numeric(6, 1) CHECK (carbs_g BETWEEN 0 AND 2000),
  fat_g      numeric(6, 1) CHECK (fat_g BETWEEN 0 AND 2000),
  fiber_g    numeric(6, 1) CHECK (fiber_g BETWEEN 0 AND 2000),
  notes      text CHECK (length(notes) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (source <> 'recipe' OR recipe_id IS NOT NULL),
  CHECK (source <> 'barcode' OR barcode IS NOT NULL)
);
-- Meal history with cursor on (eaten_at, id).
CREATE INDEX meal_logs_user_eaten_idx ON meal_logs (user_id, eaten_at DESC, id DESC)
  WHERE deleted_at IS NULL;
-- Daily totals for the dashboard: SUM(...) WHERE user_id = $1 AND local_date BETWEEN $2 AND $3,
-- answered from the index alone.
CREATE INDEX meal_logs_user_day_idx ON meal_logs (user_id, local_date)
  INCLUDE (kcal, protein_g, carbs_g, fat_g, fiber_g) WHERE deleted_at IS NULL;
CREATE TRIGGER meal_logs_set_updated_at BEFORE UPDATE ON meal_logs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The shopping list is a scratchpad: items are hard-deleted (no history has value here).
-- meal_plan_id records which plan generated the item, so regenerating can replace those rows.
CREATE TABLE shopping_list_items (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  meal_plan_id uuid,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  quantity     numeric(10, 2) CHECK (quantity > 0),
  unit         text CHECK (length(unit) BETWEEN 1 AND 32),
  category     text CHECK (length(category) BETWEEN 1 AND 50),
  checked      boolean NOT NULL DEFAULT false,
  checked_at   timestamptz,
  position     integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- A deleted plan leaves its generated items on the list, just unlinked (column list: PG 15).
  FOREIGN KEY (user_id, meal_plan_id) REFERENCES meal_plans (user_id, id)
    ON DELETE SET NULL (meal_plan_id),
  CHECK (checked = (checked_at IS NOT NULL)),
  CHECK (unit IS NULL OR quantity IS NOT NULL)
);
-- GET /nutrition/shopping-list: unchecked first, then by position.
CREATE INDEX shopping_list_items_user_idx
  ON shopping_list_items (user_id, checked, position, id);
CREATE INDEX shopping_list_items_plan_idx ON shopping_list_items (user_id, meal_plan_id)
  WHERE meal_plan_id IS NOT NULL;
CREATE TRIGGER shopping_list_items_set_updated_at BEFORE UPDATE ON shopping_list_items
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
