-- In-app notification inbox and push device tokens. Notification settings live in
-- user_preferences (0002); reminders are scheduled as jobs (0012) derived from fasting_schedules.

CREATE TABLE notifications (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type       text NOT NULL CHECK (type IN ('fasting_reminder', 'fasting_completed',
                                           'workout_reminder', 'achievement', 'streak',
                                           'subscription', 'system')),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body       text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  -- Deep-link payload for the client ({"session_id": ...}); never PII beyond the user's own.
  data       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
  -- Set by the producer (e.g. 'fast-completed:<session id>') so a retried job cannot notify twice.
  dedupe_key text CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  read_at    timestamptz,
  -- When the push was handed to FCM/APNs; NULL for inbox-only or not yet sent.
  pushed_at  timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- GET /notifications: WHERE user_id = $1 AND (created_at, id) < ($2, $3)
--   ORDER BY created_at DESC, id DESC LIMIT n.
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
-- Unread badge count and POST /read-all touch only unread rows, a small slice of the inbox.
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC)
  WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (user_id, dedupe_key)
  WHERE dedupe_key IS NOT NULL;
-- Retention purge (older than 90 days) by insertion order: BRIN is tiny for an append-mostly
-- table whose physical order follows created_at.
CREATE INDEX notifications_created_brin ON notifications USING brin (created_at);
CREATE TRIGGER notifications_set_updated_at BEFORE UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- FCM/APNs registration tokens. The token is globally unique: when another account signs in on
-- the same device the row moves (INSERT ... ON CONFLICT (token) DO UPDATE SET user_id = ...),
-- so a shared phone never receives the previous user's pushes.
CREATE TABLE device_tokens (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform        text NOT NULL CHECK (platform IN ('ios', 'android', 'web')),
  token           text NOT NULL UNIQUE CHECK (length(token) BETWEEN 1 AND 4096),
  app_version     text CHECK (length(app_version) <= 50),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  -- Set when FCM answers UNREGISTERED/INVALID_ARGUMENT; the sender skips disabled tokens.
  disabled_at     timestamptz,
  disabled_reason text CHECK (length(disabled_reason) <= 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (disabled_reason IS NULL OR disabled_at IS NOT NULL)
);
-- The push sender: a user's live tokens.
CREATE INDEX device_tokens_user_live_idx ON device_tokens (user_id) WHERE disabled_at IS NULL;
-- Cleanup of tokens not seen for months.
CREATE INDEX device_tokens_last_seen_idx ON device_tokens (last_seen_at);
CREATE TRIGGER device_tokens_set_updated_at BEFORE UPDATE ON device_tokens
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
