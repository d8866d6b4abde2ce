-- The food diary's day pre-rendered (GET /nutrition/diary, issue 13): `meal_days` holds, per
-- user and local date with live meals, the day's meals as the JSON text the API answers (the
-- members of the `meals` array, in time order, items included) and the day's totals. Triggers
-- on meal_logs and meal_log_items rebuild the days a statement touched, in its transaction, so
-- every write path keeps it exact: the store's inserts, patches and soft deletes, the foreign
-- keys' own writes (a deleted recipe or product sets its items' recipe_id/product_id to NULL,
-- the numbers stay), erasure's cascade, and SQL written by hand or by bench/run. The day then
-- costs PostgreSQL one row instead of every meal's and item's columns (bench/run diary).

CREATE TABLE meal_days (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  local_date date NOT NULL,
  -- The comma-separated meal objects of the day (without the enclosing brackets), each spelled
  -- as the server's dto::render_meal spells a stored meal.
  meals      text NOT NULL,
  kcal       numeric NOT NULL,
  protein_g  numeric NOT NULL,
  carbs_g    numeric NOT NULL,
  fat_g      numeric NOT NULL,
  fiber_g    numeric NOT NULL,
  sugar_g    numeric NOT NULL,
  salt_g     numeric NOT NULL,
  PRIMARY KEY (user_id, local_date)
) -- A day of 5 meals of 2 items is about 4 KB: kept inline and uncompressed up to a page, the
  -- read skips pglz (about a third of the statement's time when compressed); bigger days are
  -- compressed as usual.
  WITH (toast_tuple_target = 8160);

-- A number as the server's JSON writer spells a double: no trailing zeros ("300", "7.5").
CREATE FUNCTION meal_json_number(n numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n IS NULL THEN 'null'
              WHEN n = trunc(n) THEN trunc(n)::text
              ELSE rtrim(n::text, '0') END
$$;

-- An instant as the API spells it (RFC 3339, UTC, whole seconds). STABLE like to_char: a
-- function declared less volatile than its body is not inlined, and the calls cost a rebuild
-- of 5 meals about 15 ms instead of under one.
CREATE FUNCTION meal_json_instant(t timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT '"' || to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '"'
$$;

-- Rebuilds one day of one user from the live meals and their items; deletes the row when the
-- day has none. Writers of one day are serialised by a transaction-scoped advisory lock taken
-- before reading (the two-int form, apart from the migrations' bigint key), and each statement
-- of this function reads with a fresh snapshot, so a writer that waited sees the other's meals.
-- No row is written for an account being erased (its users row is already gone).
CREATE FUNCTION meal_day_rebuild(p_user uuid, p_day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_user::text), p_day - date '2000-01-01');
  SELECT string_agg(
           '{"id":"' || m.id || '","eaten_at":' || meal_json_instant(m.eaten_at)
           || ',"local_date":"' || to_char(m.local_date, 'YYYY-MM-DD')
           || '","slot":"' || m.meal_slot || '","name":' || to_json(m.name)::text
           || ',"notes":' || coalesce(to_json(m.notes)::text, 'null')
           || ',"totals":{"kcal":' || meal_json_number(coalesce(m.kcal, 0))
           || ',"protein_g":' || meal_json_number(coalesce(m.protein_g, 0))
           || ',"carbs_g":' || meal_json_number(coalesce(m.carbs_g, 0))
           || ',"fat_g":' || meal_json_number(coalesce(m.fat_g, 0))
           || ',"fiber_g":' || meal_json_number(coalesce(m.fiber_g, 0))
           || ',"sugar_g":' || meal_json_number(coalesce(m.sugar_g, 0))
           || ',"salt_g":' || meal_json_number(coalesce(m.salt_g, 0))
           || '},"items":[' || coalesce(
             (SELECT string_agg(
                '{"id":"' || i.id || '","kind":"' || i.kind
                || '","recipe_id":' || coalesce('"' || i.recipe_id || '"', 'null')
                || ',"product_id":' || coalesce('"' || i.product_id || '"', 'null')
                || ',"barcode":' || coalesce('"' || i.barcode || '"', 'null')
                || ',"name":' || to_json(i.name)::text
                || ',"grams":' || meal_json_number(i.grams)
                || ',"servings":' || meal_json_number(i.servings)
                || ',"nutrients":{"kcal":' || meal_json_number(i.kcal)
                || ',"protein_g":' || meal_json_number(i.protein_g)
                || ',"carbs_g":' || meal_json_number(i.carbs_g)
                || ',"fat_g":' || meal_json_number(i.fat_g)
                || ',"fiber_g":' || meal_json_number(i.fiber_g)
                || ',"sugar_g":' || meal_json_number(i.sugar_g)
                || ',"salt_g":' || meal_json_number(i.salt_g) || '}}',
                ',' ORDER BY i.position)
                FROM meal_log_items i
               WHERE i.user_id = m.user_id AND i.meal_log_id = m.id), '')
           || '],"created_at":' || meal_json_instant(m.created_at)
           || ',"updated_at":' || meal_json_instant(m.updated_at) || '}',
           ',' ORDER BY m.eaten_at, m.id) AS meals,
         coalesce(sum(m.kcal), 0) AS kcal, coalesce(sum(m.protein_g), 0) AS protein_g,
         coalesce(sum(m.carbs_g), 0) AS carbs_g, coalesce(sum(m.fat_g), 0) AS fat_g,
         coalesce(sum(m.fiber_g), 0) AS fiber_g, coalesce(sum(m.sugar_g), 0) AS sugar_g,
         coalesce(sum(m.salt_g), 0) AS salt_g
    INTO d
    FROM meal_logs m
   WHERE m.user_id = p_user AND m.local_date = p_day AND m.deleted_at IS NULL;
  IF d.meals IS NULL THEN
    DELETE FROM meal_days WHERE user_id = p_user AND local_date = p_day;
    RETURN;
  END IF;
  INSERT INTO meal_days (user_id, local_date, meals, kcal, protein_g, carbs_g, fat_g, fiber_g,
                         sugar_g, salt_g)
  SELECT p_user, p_day, d.meals, d.kcal, d.protein_g, d.carbs_g, d.fat_g, d.fiber_g, d.sugar_g,
         d.salt_g
   WHERE EXISTS (SELECT 1 FROM users WHERE id = p_user)
  ON CONFLICT (user_id, local_date) DO UPDATE
    SET meals = excluded.meals, kcal = excluded.kcal, protein_g = excluded.protein_g,
        carbs_g = excluded.carbs_g, fat_g = excluded.fat_g, fiber_g = excluded.fiber_g,
        sugar_g = excluded.sugar_g, salt_g = excluded.salt_g;
END;
$$;

-- Statement-level triggers with transition tables: a statement writing many rows (a meal's 50
-- items, erasure's cascade) rebuilds each day it touched once. The days of items come through
-- their meal (an item's meal is gone only when the meal row itself was deleted, and that
-- statement rebuilds the meal's day).
CREATE FUNCTION meal_logs_rebuild_days() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT DISTINCT user_id, local_date FROM new_rows) k
      ORDER BY k.user_id, k.local_date;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT user_id, local_date FROM new_rows
             UNION SELECT user_id, local_date FROM old_rows) k
      ORDER BY k.user_id, k.local_date;
  ELSE
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT DISTINCT user_id, local_date FROM old_rows) k
      ORDER BY k.user_id, k.local_date;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION meal_log_items_rebuild_days() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT DISTINCT m.user_id, m.local_date
               FROM (SELECT DISTINCT user_id, meal_log_id FROM new_rows) i
               JOIN meal_logs m ON m.user_id = i.user_id AND m.id = i.meal_log_id) k
      ORDER BY k.user_id, k.local_date;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT DISTINCT m.user_id, m.local_date
               FROM (SELECT user_id, meal_log_id FROM new_rows
                     UNION SELECT user_id, meal_log_id FROM old_rows) i
               JOIN meal_logs m ON m.user_id = i.user_id AND m.id = i.meal_log_id) k
      ORDER BY k.user_id, k.local_date;
  ELSE
    PERFORM meal_day_rebuild(k.user_id, k.local_date)
       FROM (SELECT DISTINCT m.user_id, m.local_date
               FROM (SELECT DISTINCT user_id, meal_log_id FROM old_rows) i
               JOIN meal_logs m ON m.user_id = i.user_id AND m.id = i.meal_log_id) k
      ORDER BY k.user_id, k.local_date;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER meal_logs_days_insert AFTER INSERT ON meal_logs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meal_logs_rebuild_days();
CREATE TRIGGER meal_logs_days_update AFTER UPDATE ON meal_logs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meal_logs_rebuild_days();
CREATE TRIGGER meal_logs_days_delete AFTER DELETE ON meal_logs
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meal_logs_rebuild_days();
CREATE TRIGGER meal_log_items_days_insert AFTER INSERT ON meal_log_items
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meal_log_items_rebuild_days();
CREATE TRIGGER meal_log_items_days_update AFTER UPDATE ON meal_log_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meal_log_items_rebuild_days();
CREATE TRIGGER meal_log_items_days_delete AFTER DELETE ON meal_log_items
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meal_log_items_rebuild_days();

-- The days of the meals already logged.
SELECT meal_day_rebuild(k.user_id, k.local_date)
  FROM (SELECT DISTINCT user_id, local_date FROM meal_logs WHERE deleted_at IS NULL) k;

COMMENT ON TABLE meal_days IS
  'Owned by the nutrition module: one row per user and local date with live meals, rebuilt by '
  'the triggers of meal_logs and meal_log_items (0037); never written by the application.';
