-- Recipes administration and localisation (issue 14, docs/admin.md, docs/nutrition.md), and the
-- version guard of the food products' admin writes.
--
-- A version per row for the admin's If-Match ("v<version>"): a row trigger bumps it at every
-- update of the row, whoever writes it (an admin, the seed, an Open Food Facts refresh), so an
-- editor who read an older version is refused (412 REQ_006) instead of overwriting a change.
-- Recipes' ingredients live in their own table: the admin's writes update the recipe row in the
-- same transaction, so a change of ingredients through the API moves the version too.
CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;

ALTER TABLE recipes
  ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Translations of the text readers read, per served language but English (core/language.hpp):
  -- {"de": {"name", "description", "steps": [...], "ingredients": {"<position>": "<name>"}}},
  -- any field may be missing (English then). Validated by the admin API.
  ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(translations) = 'object');

CREATE TRIGGER recipes_bump_version BEFORE UPDATE ON recipes
  FOR EACH ROW EXECUTE FUNCTION bump_row_version();

ALTER TABLE food_products
  ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);

CREATE TRIGGER food_products_bump_version BEFORE UPDATE ON food_products
  FOR EACH ROW EXECUTE FUNCTION bump_row_version();

-- The slugs of recipes an admin deleted (DELETE /admin/nutrition/recipes/:id of a recipe nothing
-- referenced): `ugoki seed` upserts recipes by slug, and without this it would bring a deleted
-- seeded recipe back at its next run. An admin's later create at the slug clears it.
CREATE TABLE recipe_deletions (
  slug       text PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
