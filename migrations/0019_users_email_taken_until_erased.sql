-- Auth: an account's email stays taken until the account is erased, deleted or not (issue 10).
-- 0002 made the address unique among live accounts only, so during the 30-day grace period after
-- DELETE /users/me anyone could register it, and the deleted account could then never be
-- restored by logging in, as the contract promises. Erasure is a hard DELETE, so the address is
-- free again once the erasure job has run.

-- Rows the old index let in: a deleted account whose address another account took after it was
-- deleted (a live one, or one deleted later). It cannot be restored by login any more, so it
-- gives up the address (to a placeholder no mail server accepts) and keeps its data until its
-- erasure, as before. The newest holder keeps the address.
UPDATE users u
   SET email = 'released-' || u.id || '@erased.invalid'
 WHERE u.deleted_at IS NOT NULL
   AND EXISTS (SELECT 1 FROM users o
                WHERE o.email = u.email AND o.id <> u.id
                  AND (o.deleted_at IS NULL OR o.deleted_at > u.deleted_at
                       OR (o.deleted_at = u.deleted_at AND o.id > u.id)));

DROP INDEX users_email_live_key;
CREATE UNIQUE INDEX users_email_key ON users (email);
