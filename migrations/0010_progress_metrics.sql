-- Analytics storage: raw metric points (monthly range partitions), wearable record identities,
-- hourly/daily rollups that dashboards read, and Apple Health import jobs.
-- Native partitioning stands in for TimescaleDB (see DESIGN.md): old months can be detached or
-- dropped whole, and queries bounded by time touch only their months.

-- One point per (user, metric, instant, source): a wearable re-sending the same sample upserts
-- instead of duplicating. value is unit-free here; the metric registry in code fixes each
-- metric_type's SI unit (kg, count, bpm, ...), so there is no unit column to disagree with it.
CREATE TABLE progress_metrics (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric_type      text NOT NULL CHECK (metric_type ~ '^[a-z][a-z0-9_]{0,49}$'),
  time             timestamptz NOT NULL,
  source           text NOT NULL CHECK (source IN ('manual', 'app', 'healthkit', 'health_connect',
                                                   'google_fit', 'import')),
  value            double precision NOT NULL
                   CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity')),
  metadata         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  -- HealthKit UUID / Health Connect record id and its change counter, NULL for manual entries.
  external_id      text CHECK (length(external_id) BETWEEN 1 AND 255),
  external_version bigint,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- The PK serves GET /analytics/progress/:metric (user, metric, time range) and erasure.
  PRIMARY KEY (user_id, metric_type, time, source)
) PARTITION BY RANGE (time);
-- Catches points outside the created months (clock skew, ancient imports) instead of failing.
-- ensure_progress_partitions moves such rows out when their month is created.
CREATE TABLE progress_metrics_default PARTITION OF progress_metrics DEFAULT;
CREATE TRIGGER progress_metrics_set_updated_at BEFORE UPDATE ON progress_metrics
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Creates the monthly partitions [from_month, from_month + months) that are missing, named
-- progress_metrics_YYYY_MM, bounded by UTC month starts whatever the session TimeZone is.
-- Idempotent; returns how many it created. Rows already sitting in the DEFAULT partition for a
-- new month are moved into it (ATTACH would otherwise fail). Runs in the caller's transaction and
-- search_path, so it also works in a per-test schema.
CREATE OR REPLACE FUNCTION ensure_progress_partitions(from_month date, months integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  first_month date := date_trunc('month', from_month)::date;
  month_start date;
  lo          timestamptz;
  hi          timestamptz;
  part        text;
  created     integer := 0;
BEGIN
  IF from_month IS NULL OR months IS NULL OR months NOT BETWEEN 1 AND 1200 THEN
    RAISE EXCEPTION 'ensure_progress_partitions: months must be 1..1200, got %', months
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 0 .. months - 1 LOOP
    month_start := (first_month + make_interval(months => i))::date;
    part := 'progress_metrics_' || to_char(month_start, 'YYYY_MM');
    CONTINUE WHEN to_regclass(quote_ident(part)) IS NOT NULL;
    lo := month_start::timestamp AT TIME ZONE 'UTC';
    hi := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    IF EXISTS (SELECT 1 FROM progress_metrics_default WHERE time >= lo AND time < hi) THEN
      EXECUTE format('CREATE TABLE %I (LIKE progress_metrics INCLUDING DEFAULTS '
                     'INCLUDING CONSTRAINTS)', part);
      EXECUTE format('INSERT INTO %I SELECT * FROM progress_metrics_default '
                     'WHERE time >= $1 AND time < $2', part) USING lo, hi;
      DELETE FROM progress_metrics_default WHERE time >= lo AND time < hi;
      EXECUTE format('ALTER TABLE progress_metrics ATTACH PARTITION %I '
                     'FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF progress_metrics '
                     'FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    END IF;
    created := created + 1;
  END LOOP;
  RETURN created;
END;
$$;

-- Last month .. three months ahead; the maintenance job keeps the window rolling.
SELECT ensure_progress_partitions((date_trunc('month', now() AT TIME ZONE 'UTC')
                                   - interval '1 month')::date, 5);

-- Wearable record identity -> point. A unique (user_id, source, external_id) index cannot live
-- on the partitioned table without the partition key, so this side table holds it: HealthKit
-- deletions and edits arrive by external id and are resolved here to the point's key, and the
-- point carries external_id back, so both directions are primary-key lookups.
-- external_version lets a stale re-send (lower version) be ignored.
-- No FK to progress_metrics: PostgreSQL 15 checks an FK into a partitioned table per partition,
-- so moving a point out of the DEFAULT partition (ensure_progress_partitions) would break it,
-- even deferred. The store writes and deletes record and point in one transaction instead; an
-- orphan record is harmless (resolving it deletes nothing).
CREATE TABLE progress_metric_records (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  source           text NOT NULL,
  external_id      text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 255),
  metric_type      text NOT NULL,
  time             timestamptz NOT NULL,
  external_version bigint NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, source, external_id)
);
CREATE TRIGGER progress_metric_records_set_updated_at BEFORE UPDATE ON progress_metric_records
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Rollups play the role of continuous aggregates, updated in the insert's transaction:
--   new point   -> INSERT ... ON CONFLICT DO UPDATE count+1, sum+v, least(min), greatest(max);
--   changed or deleted point -> refresh_progress_rollups() recomputes that hour from raw points
--                 and that day from its hours, because min/max cannot be decremented.
-- Buckets are UTC hours and UTC days. Hourly is timezone-neutral; a user's local days are summed
-- from hourly buckets (exact for whole-hour offsets, which is what the dashboard's recent ranges
-- use); daily UTC buckets serve long ranges (months, years) where the offset is noise.
CREATE TABLE progress_metrics_hourly (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric_type  text NOT NULL,
  bucket_start timestamptz NOT NULL
               CHECK (bucket_start = date_trunc('hour', bucket_start AT TIME ZONE 'UTC')
                                     AT TIME ZONE 'UTC'),
  count        bigint NOT NULL CHECK (count > 0),
  sum          double precision NOT NULL,
  min          double precision NOT NULL,
  max          double precision NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, metric_type, bucket_start),
  CHECK (min <= max)
);

CREATE TABLE progress_metrics_daily (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  metric_type  text NOT NULL,
  bucket_start timestamptz NOT NULL
               CHECK (bucket_start = date_trunc('day', bucket_start AT TIME ZONE 'UTC')
                                     AT TIME ZONE 'UTC'),
  count        bigint NOT NULL CHECK (count > 0),
  sum          double precision NOT NULL,
  min          double precision NOT NULL,
  max          double precision NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, metric_type, bucket_start),
  CHECK (min <= max)
);

-- Recomputes the UTC hour and UTC day containing at_time for one user's metric: the hour from
-- raw points, the day from its hourly buckets. Empty buckets are deleted (count > 0 holds).
-- Call it after deleting or changing points; concurrent callers serialize on the bucket rows.
CREATE OR REPLACE FUNCTION refresh_progress_rollups(p_user_id uuid, p_metric_type text,
                                                    at_time timestamptz)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  hour_start timestamptz := date_trunc('hour', at_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  day_start  timestamptz := date_trunc('day', at_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
  DELETE FROM progress_metrics_hourly
   WHERE user_id = p_user_id AND metric_type = p_metric_type AND bucket_start = hour_start;
  INSERT INTO progress_metrics_hourly (user_id, metric_type, bucket_start, count, sum, min, max)
  SELECT p_user_id, p_metric_type, hour_start, count(*), sum(value), min(value), max(value)
    FROM progress_metrics
   WHERE user_id = p_user_id AND metric_type = p_metric_type
     AND time >= hour_start AND time < hour_start + interval '1 hour'
  HAVING count(*) > 0;

  -- '24 hours', not '1 day': interval day arithmetic would follow the session's DST rules.
  DELETE FROM progress_metrics_daily
   WHERE user_id = p_user_id AND metric_type = p_metric_type AND bucket_start = day_start;
  INSERT INTO progress_metrics_daily (user_id, metric_type, bucket_start, count, sum, min, max)
  SELECT p_user_id, p_metric_type, day_start, sum(count), sum(sum), min(min), max(max)
    FROM progress_metrics_hourly
   WHERE user_id = p_user_id AND metric_type = p_metric_type
     AND bucket_start >= day_start AND bucket_start < day_start + interval '24 hours'
  HAVING count(*) > 0;
END;
$$;

-- Apple Health export / Health Connect dump imports, processed by a job; the client polls it.
CREATE TABLE metric_imports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('apple_health_export', 'health_connect', 'csv')),
  status          text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  -- Storage key of the uploaded file (local path or S3 key); deleted after processing.
  file_path       text NOT NULL CHECK (length(file_path) BETWEEN 1 AND 1024),
  file_size_bytes bigint CHECK (file_size_bytes >= 0),
  points_total    bigint NOT NULL DEFAULT 0 CHECK (points_total >= 0),
  points_inserted bigint NOT NULL DEFAULT 0 CHECK (points_inserted >= 0),
  points_skipped  bigint NOT NULL DEFAULT 0 CHECK (points_skipped >= 0),
  points_failed   bigint NOT NULL DEFAULT 0 CHECK (points_failed >= 0),
  -- Safe-to-show summary; detail stays in the log.
  error           text CHECK (length(error) <= 2000),
  started_at      timestamptz,
  finished_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'failed' OR error IS NOT NULL),
  CHECK ((status IN ('completed', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
);
CREATE INDEX metric_imports_user_idx ON metric_imports (user_id, created_at DESC, id DESC);
-- One import at a time per user: a second upload while one is pending is a 409.
CREATE UNIQUE INDEX metric_imports_one_pending_key ON metric_imports (user_id)
  WHERE status IN ('queued', 'running');
CREATE TRIGGER metric_imports_set_updated_at BEFORE UPDATE ON metric_imports
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
