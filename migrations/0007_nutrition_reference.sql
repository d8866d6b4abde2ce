-- Nutrition reference data: recipes and their ingredients (loaded by seeds/030_recipes.sql).
-- Recipes are reference data, not user data: no user_id, no deleted_at; is_active hides a recipe
-- without breaking meal plans or meal logs that still point at it.

CREATE TABLE recipes (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug              text NOT NULL UNIQUE,
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description       text NOT NULL,
    -- Ordered steps as a JSON array of strings, so clients can render numbered steps.
    instructions      jsonb NOT NULL DEFAULT '[]'
                      CHECK (jsonb_typeof(instructions) = 'array'),
    prep_time_minutes integer NOT NULL CHECK (prep_time_minutes BETWEEN 0 AND 1440),
    cook_time_minutes integer NOT NULL CHECK (cook_time_minutes BETWEEN 0 AND 1440),
    servings          integer NOT NULL CHECK (servings BETWEEN 1 AND 50),
    -- Nutrition is per serving (the plan's calories_per_serving is `kcal` here, matching the
    -- kcal/protein_g/... names used by meal_logs so a logged recipe copies fields one to one).
    kcal              integer NOT NULL CHECK (kcal BETWEEN 0 AND 5000),
    protein_g         numeric(6,1) NOT NULL CHECK (protein_g >= 0),
    carbs_g           numeric(6,1) NOT NULL CHECK (carbs_g >= 0),
    fat_g             numeric(6,1) NOT NULL CHECK (fat_g >= 0),
    fiber_g           numeric(6,1) NOT NULL CHECK (fiber_g >= 0),
    sugar_g           numeric(6,1) NOT NULL CHECK (sugar_g >= 0),
    sodium_mg         numeric(6,1) NOT NULL CHECK (sodium_mg >= 0),
    -- Fixed vocabularies, enforced here so the API's filters and the data can never drift apart.
    -- `<@` against a literal array is immutable, so it is allowed in a CHECK.
    diet_types        jsonb NOT NULL DEFAULT '[]'
                      CHECK (jsonb_typeof(diet_types) = 'array'
                             AND diet_types <@ '["vegetarian","vegan","keto","low_carb","paleo",
                                 "mediterranean","gluten_free","dairy_free","high_protein"]'),
    allergens         jsonb NOT NULL DEFAULT '[]'
                      CHECK (jsonb_typeof(allergens) = 'array'
                             AND allergens <@ '["gluten","dairy","egg","nuts","peanuts","soy",
                                 "fish","shellfish","sesame"]'),
    -- break_fast marks meals gentle and balanced enough to end a fast with.
    meal_types        jsonb NOT NULL DEFAULT '[]'
                      CHECK (jsonb_typeof(meal_types) = 'array'
                             AND jsonb_array_length(meal_types) > 0
                             AND meal_types <@ '["breakfast","lunch","dinner","snack",
                                 "break_fast"]'),
    is_bulletproof    boolean NOT NULL DEFAULT false,
    is_slow_cooker    boolean NOT NULL DEFAULT false,
    is_premium        boolean NOT NULL DEFAULT false,
    image_url         text CHECK (image_url IS NULL OR length(image_url) <= 500),
    is_active         boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

COMMENT ON COLUMN recipes.kcal IS 'Energy per serving, kcal.';
COMMENT ON COLUMN recipes.sodium_mg IS 'Sodium per serving, mg (salt g = sodium g x 2.5).';
COMMENT ON COLUMN recipes.meal_types IS
    'Subset of breakfast, lunch, dinner, snack, break_fast (suited to ending a fast).';

CREATE TRIGGER recipes_set_updated_at
    BEFORE UPDATE ON recipes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Filters are containment tests (diet_types @> '["keto"]'); jsonb_path_ops is smaller and faster
-- than the default opclass for exactly that operator. "Excludes allergen X" is a NOT @>, which no
-- index serves, but it runs on the rows the other filters already selected.
CREATE INDEX recipes_diet_types_gin ON recipes USING gin (diet_types jsonb_path_ops);
CREATE INDEX recipes_meal_types_gin ON recipes USING gin (meal_types jsonb_path_ops);
CREATE INDEX recipes_allergens_gin ON recipes USING gin (allergens jsonb_path_ops);
-- The default list order (name, id) over active recipes, usable as a cursor key.
CREATE INDEX recipes_active_name_idx ON recipes (name, id) WHERE is_active;

CREATE TABLE recipe_ingredients (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Ingredients have no life of their own: they go with their recipe.
    recipe_id  uuid NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    position   integer NOT NULL CHECK (position >= 1),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- Null for "to taste" or "a handful" where a number would be false precision.
    quantity   numeric(10,2) CHECK (quantity IS NULL OR quantity > 0),
    unit       text CHECK (unit IN ('g', 'kg', 'ml', 'l', 'tsp', 'tbsp', 'cup', 'piece',
                                    'pinch', 'clove', 'slice', 'can', 'handful', 'sprig')),
    notes      text CHECK (notes IS NULL OR length(notes) <= 255),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Also the index that serves "ingredients of recipe X in order".
    UNIQUE (recipe_id, position),
    -- A unit without a quantity is a data-entry slip; a quantity without a unit is a count.
    CHECK (unit IS NULL OR quantity IS NOT NULL)
);

CREATE TRIGGER recipe_ingredients_set_updated_at
    BEFORE UPDATE ON recipe_ingredients
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
