-- Billing (issue 15): Stripe customers, provider events, subscriptions per source (stripe, apple,
-- google), one entitlement per user, and the invoices kept for tax law. Reuses 0002's
-- `subscriptions` (one row per provider subscription) and `billing_events` (one row per provider
-- event) rather than superseding them: their shape was made for this (provider ids unique per
-- provider, provider_updated_at for out-of-order events) and nothing wrote them yet. This file
-- widens their checks for the app stores' states and adds what they lacked. Owner: billing.

-- Stored states: Stripe's own (canceled is spelled cancelled, incomplete_expired is expired), and
-- the app stores' grace (billing retry with access), refunded and revoked.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
  CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'unpaid', 'paused', 'grace',
                    'cancelled', 'expired', 'refunded', 'revoked'));
-- A provider price that is neither of ours (an old price, a coupon plan) is 'other'.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_plan_type_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_plan_type_check
  CHECK (plan_type IN ('free', 'monthly', 'annual', 'other'));
-- The provider's product or price id (Stripe price_..., a store product id), shown to the user.
ALTER TABLE subscriptions ADD COLUMN product text CHECK (length(product) <= 255);
-- Out-of-order safety: the provider's time of the newest event applied (provider_updated_at,
-- 0002) and the rank of its state, so that of two events of the same second the later state in
-- the lifecycle wins (billing_status_rank).
ALTER TABLE subscriptions ADD COLUMN status_rank smallint NOT NULL DEFAULT 0;

-- incomplete < live states < ended states: of two events with the same provider timestamp the
-- higher rank wins (a subscription created and cancelled within one second ends cancelled).
CREATE FUNCTION billing_status_rank(status text) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN status = 'incomplete' THEN 0
    WHEN status IN ('cancelled', 'expired', 'refunded', 'revoked') THEN 2
    ELSE 1 END::smallint
$$;

-- The provider's time of the event (Stripe's `created`), for ordering and for the job.
ALTER TABLE billing_events ADD COLUMN provider_created_at timestamptz;
-- Events still to be handled, oldest first (operations: a stuck queue shows here).
CREATE INDEX billing_events_unprocessed_idx ON billing_events (received_at)
  WHERE processed_at IS NULL;

-- One customer per user and provider, created once (POST /billing/checkout) and remembered;
-- webhooks name the customer, this maps it back to the user.
CREATE TABLE billing_customers (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider    text NOT NULL CHECK (provider IN ('stripe')),
  customer_id text NOT NULL CHECK (length(customer_id) BETWEEN 1 AND 255),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, provider),
  UNIQUE (provider, customer_id)
);

-- The entitlement of a user, derived from all their subscriptions in every source each time one
-- changes (billing/entitlement.cpp); it decides users.role (free <-> premium) through auth.
CREATE TABLE billing_entitlements (
  user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  premium         boolean NOT NULL,
  -- The subscription that decided it (the best one), NULL when there is none.
  subscription_id uuid REFERENCES subscriptions (id) ON DELETE SET NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Paid invoices: the records tax law makes us keep (10 years in Germany, HGB section 257 and AO
-- section 147; 6 in France). Kept after the account is erased, anonymised: the user_id goes NULL
-- by its FK, and nothing here names the person (no customer id, email or address; the provider
-- invoice id lets the accountant match the provider's own record).
CREATE TABLE billing_invoices (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid REFERENCES users (id) ON DELETE SET NULL,
  provider            text NOT NULL CHECK (provider IN ('stripe', 'apple', 'google')),
  provider_invoice_id text NOT NULL CHECK (length(provider_invoice_id) BETWEEN 1 AND 255),
  -- Minor units (cents) in `currency` (ISO 4217, lowercase as Stripe sends it).
  amount_paid         bigint NOT NULL CHECK (amount_paid >= 0),
  tax                 bigint CHECK (tax >= 0),
  currency            text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  paid_at             timestamptz NOT NULL,
  period_start        timestamptz,
  period_end          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_invoice_id)
);
CREATE INDEX billing_invoices_user_idx ON billing_invoices (user_id, paid_at)
  WHERE user_id IS NOT NULL;
