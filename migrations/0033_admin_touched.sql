-- Whether an admin has written an entity (docs/admin.md, "Seeds and imports keep admin edits").
-- `ugoki seed` and the Open Food Facts import refresh reference data from files; without this they
-- would undo an editor's work on every run (scripts/dev seeds at each start): overwrite an edited
-- protocol or article, retire a protocol an admin created, re-create a renamed article at its old
-- slug. They ask this function, published by the admin module beside admin_audit(), instead of
-- reading its table: a row with an audit entry belongs to the editors from then on.
CREATE FUNCTION admin_touched(p_entity text, p_entity_id text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM admin_audit_log WHERE entity = p_entity AND entity_id = p_entity_id)
$$;
