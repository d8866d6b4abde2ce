-- Nutrition, food side (issue 13): products from Open Food Facts, imports and users'
-- submissions in food_products; meals with items in meal_logs and meal_log_items.

-- food_products: everything a barcode answer shows, the sanity flags, and users' submissions.
-- A submitted product belongs to its user (submitted_by) and is `pending` until reviewed: only
-- that user sees it. The public row of a code (submitted_by NULL) is unique; each user may have
-- one submission per code.
ALTER TABLE food_products
  DROP CONSTRAINT food_products_code_key,
  DROP CONSTRAINT food_products_source_check,
  ADD COLUMN nutriments_serving jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(nutriments_serving) = 'object'),
  ADD COLUMN serving_size text CHECK (length(serving_size) <= 100),
  ADD COLUMN nutriscore_grade text CHECK (nutriscore_grade IN ('a', 'b', 'c', 'd', 'e')),
  ADD COLUMN nova_group smallint CHECK (nova_group BETWEEN 1 AND 4),
  ADD COLUMN allergens jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(allergens) = 'array'),
  -- products_rules.hpp: saturated_fat_exceeds_fat, sugars_exceed_carbohydrates, ...
  ADD COLUMN quality_flags jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(quality_flags) = 'array'),
  ADD COLUMN status text NOT NULL DEFAULT 'published'
    CHECK (status IN ('published', 'pending', 'rejected')),
  ADD COLUMN submitted_by uuid REFERENCES users (id) ON DELETE CASCADE,
  ADD CONSTRAINT food_products_source_check
    CHECK (source IN ('open_food_facts', 'manual', 'user')),
  ADD CONSTRAINT food_products_submission_check
    CHECK ((submitted_by IS NULL) = (status = 'published'));
CREATE UNIQUE INDEX food_products_public_code_key ON food_products (code)
  WHERE submitted_by IS NULL;
CREATE UNIQUE INDEX food_products_submitted_code_key ON food_products (submitted_by, code)
  WHERE submitted_by IS NOT NULL;
COMMENT ON COLUMN food_products.code IS
  'Normalised barcode: EAN-13 as is, UPC-A and UPC-E (expanded) as 13 digits with a leading 0, '
  'EAN-8 as 8 digits (src/nutrition/barcode.hpp).';
COMMENT ON COLUMN food_products.brand IS 'Brands as Open Food Facts lists them (comma-separated).';

-- meal_logs: one row per meal (time, slot, name, notes) with its totals; the items are in
-- meal_log_items. The totals are the sum of the items, kept by the store in the same
-- transaction, so the day index (meal_logs_user_day_idx) still answers day sums alone.
ALTER TABLE meal_logs
  ADD COLUMN sugar_g numeric(6, 1) CHECK (sugar_g BETWEEN 0 AND 2000),
  ADD COLUMN salt_g numeric(6, 1) CHECK (salt_g BETWEEN 0 AND 2000),
  ADD CONSTRAINT meal_logs_user_id_id_key UNIQUE (user_id, id);

-- An item keeps its numbers as logged: a recipe or product changed or deleted later leaves
-- the entry as it was (recipe_id and product_id only say where it came from).
CREATE TABLE meal_log_items (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  meal_log_id uuid NOT NULL,
  position    smallint NOT NULL CHECK (position BETWEEN 0 AND 49),
  kind        text NOT NULL CHECK (kind IN ('recipe', 'product', 'free_text')),
  recipe_id   uuid REFERENCES recipes (id) ON DELETE SET NULL,
  product_id  uuid REFERENCES food_products (id) ON DELETE SET NULL,
  barcode     text CHECK (barcode ~ '^[0-9]{8,14}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  grams       numeric(7, 1) CHECK (grams > 0 AND grams <= 5000),
  servings    numeric(6, 2) CHECK (servings > 0 AND servings <= 100),
  kcal        numeric(7, 1) NOT NULL CHECK (kcal BETWEEN 0 AND 20000),
  protein_g   numeric(6, 1) NOT NULL CHECK (protein_g BETWEEN 0 AND 2000),
  carbs_g     numeric(6, 1) NOT NULL CHECK (carbs_g BETWEEN 0 AND 2000),
  fat_g       numeric(6, 1) NOT NULL CHECK (fat_g BETWEEN 0 AND 2000),
  fiber_g     numeric(6, 1) NOT NULL CHECK (fiber_g BETWEEN 0 AND 2000),
  sugar_g     numeric(6, 1) NOT NULL CHECK (sugar_g BETWEEN 0 AND 2000),
  salt_g      numeric(6, 1) NOT NULL CHECK (salt_g BETWEEN 0 AND 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, meal_log_id) REFERENCES meal_logs (user_id, id) ON DELETE CASCADE,
  UNIQUE (meal_log_id, position)
);
