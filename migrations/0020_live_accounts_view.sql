-- The auth module publishes the live accounts as a read-only view (docs/architecture.md,
-- "Module-owned data"), so the user module can show the caller's account with its profile in one
-- round trip (GET /users/me) and write profile and preference rows only for a live account,
-- without reading users, which only auth's store reads and writes. A simple view: PostgreSQL
-- inlines it, so a join through it plans and costs the same as a join on users.
CREATE VIEW live_accounts AS
SELECT id AS user_id, email, email_verified, role, created_at
  FROM users
 WHERE deleted_at IS NULL;

COMMENT ON VIEW live_accounts IS
  'Owned by the auth module: accounts not deleted (user_id, email, email_verified, role, '
  'created_at) for other modules to read; never written.';
