-- The administration audit log (docs/admin.md): every write through the admin API records who
-- made it, when, what it touched and the before/after of the fields it changed.
--
-- Owned by the admin module. Other modules write to it only through the function below, called
-- in the same statement (or transaction) as their own admin write, so an entry exists exactly
-- when the change committed: the way `user_zones` publishes data for readers, this publishes an
-- append for writers, and the table's shape stays the admin module's business.

CREATE TABLE admin_audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- SET NULL on erasure: the entry outlives the account without naming the person; actor_role
  -- keeps what the actor was allowed to do at the time.
  actor_id   uuid REFERENCES users (id) ON DELETE SET NULL,
  -- "<module>.<kind>": content.article, content.category, fasting.protocol, nutrition.product...
  entity     text NOT NULL CHECK (entity ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),
  entity_id  text NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 200),
  -- create, update, delete, publish, unpublish, schedule, approve, reject, role.grant, ...
  action     text NOT NULL CHECK (action ~ '^[a-z][a-z_.]{0,49}$'),
  -- {"field": {"before": <json>, "after": <json>}} for every field that changed; a create has
  -- only "after" values (before null), a delete only "before" ones.
  changes    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object'),
  request_id text CHECK (length(request_id) <= 128),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- GET /admin/audit pages newest first, optionally by actor or entity, within a date range.
CREATE INDEX admin_audit_log_created_idx ON admin_audit_log (created_at DESC, id DESC);
CREATE INDEX admin_audit_log_actor_idx ON admin_audit_log (actor_id, created_at DESC)
  WHERE actor_id IS NOT NULL;
CREATE INDEX admin_audit_log_entity_idx ON admin_audit_log (entity, entity_id, created_at DESC);

-- Records one admin write. `before` and `after` are the entity's fields as JSON objects (NULL
-- for a create's before and a delete's after); only the members whose values differ are
-- stored, each as {"before", "after"}. Callers leave out what is not the entity's content
-- (updated_at, search vectors). Records nothing and returns NULL when nothing changed and the
-- action is a plain update, so a no-op PATCH leaves no entry. Returns the entry's id.
CREATE FUNCTION admin_audit(p_actor uuid, p_entity text, p_entity_id text, p_action text,
                            p_before jsonb, p_after jsonb, p_request_id text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  diff jsonb;
  entry bigint;
BEGIN
  SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('before', b, 'after', a)), '{}')
    INTO diff
    FROM (
      SELECT k, coalesce(p_before, '{}') -> k AS b, coalesce(p_after, '{}') -> k AS a
        FROM (SELECT jsonb_object_keys(coalesce(p_before, '{}')) AS k
              UNION
              SELECT jsonb_object_keys(coalesce(p_after, '{}'))) keys
    ) fields
   WHERE b IS DISTINCT FROM a;
  IF diff = '{}' AND p_action = 'update' THEN
    RETURN NULL;
  END IF;
  INSERT INTO admin_audit_log (actor_id, entity, entity_id, action, changes, request_id)
  VALUES (p_actor, p_entity, p_entity_id, p_action, diff, p_request_id)
  RETURNING id INTO entry;
  RETURN entry;
END
$$;
