-- Identity, profile, preferences, credentials and billing state of a user (auth, user, billing).
-- Every table here is owned by one user and dies with it: erasure of a deleted account is a hard
-- DELETE FROM users run by a job after erase_after, so every user_id FK is ON DELETE CASCADE.

CREATE TABLE users (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email               citext NOT NULL
                      CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  email_verified      boolean NOT NULL DEFAULT false,
  email_verified_at   timestamptz,
  -- PHC string from libsodium crypto_pwhash_str (Argon2id); NULL for OAuth-only accounts.
  password_hash       text CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz,
  -- Cached from subscriptions so the JWT can carry it without a join; billing keeps it in step.
  role                text NOT NULL DEFAULT 'free' CHECK (role IN ('free', 'premium', 'admin')),
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  -- Brute-force defence: counted per account, reset on success (rate limits cover per-IP).
  failed_login_count  integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  locked_until        timestamptz,
  last_login_at       timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- DELETE /users/me sets both; the erasure job hard-deletes rows whose erase_after has passed.
  deleted_at          timestamptz,
  erase_after         timestamptz,
  CHECK ((deleted_at IS NULL) = (erase_after IS NULL)),
  CHECK (erase_after IS NULL OR erase_after >= deleted_at),
  CHECK (email_verified = (email_verified_at IS NOT NULL))
);
-- A deleted account frees its address for a new sign-up during the grace period.
CREATE UNIQUE INDEX users_email_live_key ON users (email) WHERE deleted_at IS NULL;
-- The erasure job: WHERE erase_after <= now() ORDER BY erase_after LIMIT n.
CREATE INDEX users_erase_after_idx ON users (erase_after) WHERE erase_after IS NOT NULL;
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One row per linked social login, instead of provider columns on users, so one account can sign
-- in with Google and Apple alike and the (provider, subject) pair is unique by construction.
CREATE TABLE user_oauth_identities (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider         text NOT NULL CHECK (provider IN ('google', 'facebook', 'apple', 'cognito')),
  -- The provider's stable subject (OIDC `sub`, Facebook user id); never the email.
  provider_subject text NOT NULL CHECK (length(provider_subject) BETWEEN 1 AND 255),
  provider_email   citext,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_used_at     timestamptz,
  UNIQUE (provider, provider_subject),
  UNIQUE (user_id, provider)
);

-- 1:1 onboarding data. Sensitive health PII is AES-256-GCM ciphertext (nonce || ct || tag), the
-- key named by pii_key_id so keys can rotate lazily (re-encrypt on read when the id is old).
-- The app should bind user_id and the column name as GCM associated data so a ciphertext cannot
-- be pasted into another row or column.
CREATE TABLE user_profiles (
  user_id                 uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  display_name            text CHECK (length(display_name) BETWEEN 1 AND 100),
  avatar_url              text CHECK (length(avatar_url) <= 500),
  gender                  text CHECK (gender IN ('female', 'male', 'non_binary', 'other',
                                                 'prefer_not_to_say')),
  height_cm               numeric(5, 2) CHECK (height_cm BETWEEN 50 AND 272),
  weight_kg               numeric(5, 2) CHECK (weight_kg BETWEEN 20 AND 500),
  body_fat_percentage     numeric(4, 2) CHECK (body_fat_percentage BETWEEN 2 AND 75),
  fitness_level           text CHECK (fitness_level IN ('beginner', 'intermediate', 'advanced')),
  -- IANA name (validated by the app against the tz database); used for local days and streaks.
  timezone                text NOT NULL DEFAULT 'UTC' CHECK (length(timezone) BETWEEN 1 AND 64),
  locale                  text NOT NULL DEFAULT 'en'
                          CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  -- Not health data, and recipe filtering wants it readable: plain JSONB object.
  dietary_preferences     jsonb NOT NULL DEFAULT '{}'
                          CHECK (jsonb_typeof(dietary_preferences) = 'object'),
  date_of_birth_enc       bytea,
  health_conditions_enc   bytea,
  allergies_enc           bytea,
  -- Onboarding answers mix goals with health questions (conditions, pregnancy, medication), so
  -- they are encrypted as one JSON document rather than stored as JSONB.
  onboarding_answers_enc  bytea,
  pii_key_id              text CHECK (length(pii_key_id) BETWEEN 1 AND 64),
  onboarding_completed_at timestamptz,
  -- FK to fasting_protocols is added by 0004_fasting.sql: that table is created by 0003.
  recommended_protocol_id uuid,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (pii_key_id IS NOT NULL OR num_nonnulls(date_of_birth_enc, health_conditions_enc,
                                                allergies_enc, onboarding_answers_enc) = 0)
);
CREATE TRIGGER user_profiles_set_updated_at BEFORE UPDATE ON user_profiles
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- 1:1 settings, including notification settings (PUT /notifications/settings writes here).
CREATE TABLE user_preferences (
  user_id                        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  units                          text NOT NULL DEFAULT 'metric'
                                 CHECK (units IN ('metric', 'imperial')),
  language                       text NOT NULL DEFAULT 'en'
                                 CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  week_starts_on                 smallint NOT NULL DEFAULT 1 CHECK (week_starts_on IN (1, 7)),
  fasting_goal_hours             smallint CHECK (fasting_goal_hours BETWEEN 12 AND 72),
  fasting_goal_sessions_per_week smallint CHECK (fasting_goal_sessions_per_week BETWEEN 1 AND 7),
  workout_goal_sessions_per_week smallint CHECK (workout_goal_sessions_per_week BETWEEN 1 AND 14),
  workout_goal_minutes_per_week  smallint CHECK (workout_goal_minutes_per_week BETWEEN 1 AND 3000),
  daily_water_goal_ml            integer CHECK (daily_water_goal_ml BETWEEN 250 AND 10000),
  daily_step_goal                integer CHECK (daily_step_goal BETWEEN 500 AND 100000),
  daily_kcal_goal                integer CHECK (daily_kcal_goal BETWEEN 800 AND 10000),
  -- Columns for what the sender filters on in SQL; per-type toggles stay flexible in JSONB
  -- ({"fasting_reminder": true, "achievement": false, ...}; a missing key means enabled).
  push_enabled                   boolean NOT NULL DEFAULT true,
  email_enabled                  boolean NOT NULL DEFAULT true,
  quiet_hours_start              time,
  quiet_hours_end                time,
  notification_types             jsonb NOT NULL DEFAULT '{}'
                                 CHECK (jsonb_typeof(notification_types) = 'object'),
  created_at                     timestamptz NOT NULL DEFAULT now(),
  updated_at                     timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))
);
CREATE TRIGGER user_preferences_set_updated_at BEFORE UPDATE ON user_preferences
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Single-use tokens: only SHA-256(token) is stored, so a database leak cannot reset passwords.
CREATE TABLE password_reset_tokens (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash        bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  expires_at        timestamptz NOT NULL,
  used_at           timestamptz,
  -- HMAC-SHA256 of the requesting IP (see audit_log), for abuse review without storing IPs.
  requested_ip_hash bytea CHECK (length(requested_ip_hash) = 32),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at)
);
-- Per-account request counting and "invalidate the others on use".
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id, created_at DESC);

CREATE TABLE email_verification_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The address being verified: differs from users.email while an email change is pending.
  email      citext NOT NULL,
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at)
);
CREATE INDEX email_verification_tokens_user_idx
  ON email_verification_tokens (user_id, created_at DESC);

-- TOTP second factor. The secret must be recoverable to verify codes, so it is encrypted (not
-- hashed); last_used_step stops a code from being replayed within its 30 s window.
CREATE TABLE user_mfa (
  user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  totp_secret_enc bytea NOT NULL,
  pii_key_id      text NOT NULL CHECK (length(pii_key_id) BETWEEN 1 AND 64),
  -- NULL while enrolment awaits its first valid code.
  enabled_at      timestamptz,
  last_used_step  bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER user_mfa_set_updated_at BEFORE UPDATE ON user_mfa
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Recovery codes are only ever compared, so they are hashed like the tokens above.
CREATE TABLE mfa_recovery_codes (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  bytea NOT NULL CHECK (length(code_hash) = 32),
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);

-- Subscription history per user (1:N); the newest live row decides users.role. Not limited to one
-- live row per user: provider webhooks arrive out of order and a new subscription can be created
-- before the old one's cancellation lands.
CREATE TABLE subscriptions (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plan_type                text NOT NULL CHECK (plan_type IN ('free', 'monthly', 'annual')),
  status                   text NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active',
                             'past_due', 'unpaid', 'paused', 'cancelled', 'expired')),
  provider                 text NOT NULL DEFAULT 'stripe'
                           CHECK (provider IN ('stripe', 'apple', 'google', 'manual')),
  -- Stripe: sub_... and cus_...; store receipts use their original transaction ids.
  provider_subscription_id text,
  provider_customer_id     text,
  current_period_start     timestamptz,
  current_period_end       timestamptz,
  trial_end_at             timestamptz,
  cancel_at_period_end     boolean NOT NULL DEFAULT false,
  cancelled_at             timestamptz,
  ended_at                 timestamptz,
  -- Newest provider event applied, so a stale out-of-order webhook cannot roll status back.
  provider_updated_at      timestamptz,
  metadata                 jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_subscription_id),
  CHECK (current_period_end IS NULL OR current_period_end > current_period_start)
);
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, created_at DESC);
-- Webhooks carry only the customer id when resolving which user an event belongs to.
CREATE INDEX subscriptions_customer_idx ON subscriptions (provider, provider_customer_id)
  WHERE provider_customer_id IS NOT NULL;
CREATE TRIGGER subscriptions_set_updated_at BEFORE UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Idempotent webhook processing: INSERT ... ON CONFLICT (provider, provider_event_id) DO NOTHING
-- in the same transaction as the effect; a conflict means "already handled, answer 200".
CREATE TABLE billing_events (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id           uuid REFERENCES users (id) ON DELETE CASCADE,
  provider          text NOT NULL CHECK (provider IN ('stripe', 'apple', 'google')),
  provider_event_id text NOT NULL CHECK (length(provider_event_id) BETWEEN 1 AND 255),
  type              text NOT NULL,
  payload           jsonb NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now(),
  processed_at      timestamptz,
  processing_error  text,
  UNIQUE (provider, provider_event_id)
);
CREATE INDEX billing_events_user_idx ON billing_events (user_id, received_at DESC)
  WHERE user_id IS NOT NULL;
