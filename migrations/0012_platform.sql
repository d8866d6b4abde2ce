-- Cross-module machinery: Idempotency-Key replay store, the PostgreSQL job queue (replaces SQS)
-- and the security audit log.

-- POST routes with Idempotency-Key (API_CONVENTIONS.md): the first request inserts the row with
-- response_status NULL (in flight), a concurrent duplicate sees that and gets 409; on completion
-- the response is stored and replayed byte for byte for 24 h. A key reused with a different body
-- (request_hash differs) is 422 IDEMP_001. Scoped per user by the primary key.
CREATE TABLE idempotency_keys (
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  method          text NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),
  path            text NOT NULL CHECK (length(path) BETWEEN 1 AND 2048),
  -- SHA-256 of method, path and body, so "same key, different request" is detectable cheaply.
  request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),
  response_status smallint CHECK (response_status BETWEEN 100 AND 599),
  -- Exact bytes sent, so a replay is identical (same ids, same timestamps).
  response_body   bytea,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  expires_at      timestamptz NOT NULL DEFAULT now() + interval '24 hours',
  PRIMARY KEY (user_id, key),
  CHECK ((response_status IS NULL) = (completed_at IS NULL)),
  CHECK (response_body IS NULL OR response_status IS NOT NULL),
  CHECK (expires_at > created_at)
);
-- Purge job: DELETE ... WHERE expires_at < now().
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

-- Durable background work (push sends, reminders, imports, erasure, partition upkeep).
-- Workers claim with:
--   UPDATE jobs SET status = 'running', locked_at = now(), locked_by = $2, attempts = attempts + 1
--    WHERE id IN (SELECT id FROM jobs WHERE queue = $1 AND status = 'queued' AND run_at <= now()
--                 ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ...;
-- A failure with attempts left goes back to 'queued' with a backed-off run_at; otherwise 'failed'.
CREATE TABLE jobs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  queue        text NOT NULL DEFAULT 'default' CHECK (queue ~ '^[a-z][a-z0-9_]{0,49}$'),
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,99}$'),
  payload      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
  -- The user a job is about, for "cancel this user's pending jobs" and sharding. Deliberately no
  -- FK: the erasure job deletes its own user, and a cascade would delete the job mid-run.
  user_id      uuid,
  status       text NOT NULL DEFAULT 'queued'
               CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
  locked_at    timestamptz,
  locked_by    text CHECK (length(locked_by) <= 200),
  last_error   text CHECK (length(last_error) <= 4000),
  -- Singleton work ("reminder:<schedule>:<date>") enqueued with ON CONFLICT DO NOTHING.
  dedupe_key   text CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CHECK ((status = 'running') = (locked_at IS NOT NULL)),
  CHECK ((status IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
  CHECK (attempts <= max_attempts)
);
-- The claim query above: only queued rows are indexed, so the index stays small however long
-- the history grows.
CREATE INDEX jobs_poll_idx ON jobs (queue, run_at) WHERE status = 'queued';
-- Reaper: running jobs whose worker died (locked_at older than the visibility timeout).
CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE status = 'running';
-- A dedupe key blocks only while the job is pending, so the same reminder can recur tomorrow.
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key)
  WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');
CREATE INDEX jobs_user_idx ON jobs (user_id) WHERE user_id IS NOT NULL AND status = 'queued';
-- Purge of finished jobs after a retention period.
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Security events (login ok/failed, password reset, MFA change, token reuse, account deletion).
-- Append-only, so a bigint identity keeps it ordered and compact; ids are never exposed.
-- The IP is stored as HMAC-SHA256 with a server key: correlatable, not reversible. user_id is
-- SET NULL on erasure: the event survives its retention period without naming the person.
CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  action     text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{0,99}$'),
  outcome    text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure')),
  ip_hash    bytea CHECK (length(ip_hash) = 32),
  request_id text CHECK (length(request_id) <= 128),
  -- Non-PII context only (reason codes, provider names), never emails or tokens.
  details    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A user's recent security activity ("new sign-in" checks, support).
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at DESC) WHERE user_id IS NOT NULL;
-- Retention purge and time-window investigations over an append-only table.
CREATE INDEX audit_log_created_brin ON audit_log USING brin (created_at);
