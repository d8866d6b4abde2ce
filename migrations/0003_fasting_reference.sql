-- Fasting reference data: the protocols a user can pick and the stages the timer shows.
-- Rows are written only by `ugoki seed` (seeds/010_*, seeds/011_*), upserted by slug;
-- docs/reference-data.md explains every column and how to add a row.

CREATE TABLE fasting_protocols (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug                  text NOT NULL UNIQUE,
  name                  text NOT NULL,
  kind                  text NOT NULL,
  description           text NOT NULL,
  fasting_minutes       integer NOT NULL,
  eating_window_minutes integer NOT NULL,
  fast_day_kcal         integer,
  fast_days_per_week    integer,
  weekday_rules         jsonb NOT NULL DEFAULT '{}',
  difficulty            text NOT NULL,
  recommended_frequency text NOT NULL,
  benefits              jsonb NOT NULL DEFAULT '[]',
  considerations        jsonb NOT NULL DEFAULT '[]',
  sort_order            integer NOT NULL DEFAULT 0,
  is_active             boolean NOT NULL DEFAULT true,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),

  -- Slugs appear in URLs and client code, so keep them lowercase kebab-case.
  CONSTRAINT fasting_protocols_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT fasting_protocols_name_nonempty CHECK (btrim(name) <> ''),
  CONSTRAINT fasting_protocols_description_nonempty CHECK (btrim(description) <> ''),
  CONSTRAINT fasting_protocols_kind
    CHECK (kind IN ('daily_tre', 'weekly', 'alternate_day', 'extended')),
  CONSTRAINT fasting_protocols_difficulty
    CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
  CONSTRAINT fasting_protocols_frequency
    CHECK (recommended_frequency IN ('daily', 'weekly', 'occasional')),
  -- Longest seeded fast is 72 h; 7 days is a hard ceiling no app should coach beyond.
  CONSTRAINT fasting_protocols_fasting_minutes CHECK (fasting_minutes BETWEEN 60 AND 10080),
  CONSTRAINT fasting_protocols_eating_minutes CHECK (eating_window_minutes BETWEEN 0 AND 1440),
  -- A daily schedule must fill exactly one day, so the timer can roll it forward.
  CONSTRAINT fasting_protocols_daily_fills_day CHECK (
    kind <> 'daily_tre' OR fasting_minutes + eating_window_minutes = 1440),
  -- Modified-fasting plans (5:2, ADF) have a kcal allowance and no eating window; the
  -- others never have an allowance.
  CONSTRAINT fasting_protocols_fast_day_kcal CHECK (
    CASE WHEN kind IN ('weekly', 'alternate_day')
      THEN fast_day_kcal BETWEEN 200 AND 1000 AND eating_window_minutes = 0
      ELSE fast_day_kcal IS NULL END),
  CONSTRAINT fasting_protocols_extended_no_window CHECK (
    kind <> 'extended' OR eating_window_minutes = 0),
  CONSTRAINT fasting_protocols_fast_days CHECK (
    fast_days_per_week IS NULL OR (kind = 'weekly' AND fast_days_per_week BETWEEN 1 AND 6)),
  CONSTRAINT fasting_protocols_weekly_days CHECK (
    kind <> 'weekly' OR fast_days_per_week IS NOT NULL),
  CONSTRAINT fasting_protocols_weekday_rules_object
    CHECK (jsonb_typeof(weekday_rules) = 'object'),
  CONSTRAINT fasting_protocols_benefits_array CHECK (jsonb_typeof(benefits) = 'array'),
  CONSTRAINT fasting_protocols_considerations_array
    CHECK (jsonb_typeof(considerations) = 'array')
);

-- The list endpoint shows active protocols in catalogue order.
CREATE INDEX fasting_protocols_active_order ON fasting_protocols (sort_order, name)
  WHERE is_active;

CREATE TRIGGER fasting_protocols_set_updated_at
  BEFORE UPDATE ON fasting_protocols
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE fasting_stages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug            text NOT NULL UNIQUE,
  name            text NOT NULL,
  -- Hours since the last meal; numeric so a stage may start at e.g. 12.5 h.
  starts_at_hours numeric(6,2) NOT NULL,
  -- NULL means open-ended (the last stage).
  ends_at_hours   numeric(6,2),
  summary         text NOT NULL,
  description     text NOT NULL,
  source          text NOT NULL,
  disclaimer      text NOT NULL,
  sort_order      integer NOT NULL DEFAULT 0,
  is_active       boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),

  CONSTRAINT fasting_stages_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT fasting_stages_name_nonempty CHECK (btrim(name) <> ''),
  CONSTRAINT fasting_stages_starts CHECK (starts_at_hours >= 0),
  CONSTRAINT fasting_stages_range CHECK (ends_at_hours IS NULL OR ends_at_hours > starts_at_hours),
  CONSTRAINT fasting_stages_text_nonempty CHECK (
    btrim(summary) <> '' AND btrim(description) <> '' AND btrim(source) <> ''
    AND btrim(disclaimer) <> '')
);

-- The timer looks up "which stage am I in" by elapsed hours; two stages may not start together.
CREATE UNIQUE INDEX fasting_stages_active_start ON fasting_stages (starts_at_hours)
  WHERE is_active;

CREATE TRIGGER fasting_stages_set_updated_at
  BEFORE UPDATE ON fasting_stages
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
