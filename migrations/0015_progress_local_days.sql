-- Analytics: daily rollups keyed by the user's local day (rebuilt when the zone changes), the
-- withings source, and refresh_progress_rollups() following the new daily key.
--
-- Timezone decision (docs/metrics.md): per-day buckets are "in the user's timezone". Summing UTC
-- hours into local days is exact only for whole-hour offsets, and India (+05:30) or Nepal
-- (+05:45) are not, so progress_metrics_daily is now keyed by the user's local calendar day in
-- user_profiles.timezone. Ingest computes the local day in the same statement as the raw insert;
-- a zone change rebuilds that user's daily rows from raw points (trigger below), in the profile
-- update's transaction. Hourly rollups stay UTC hours: exact local hours for whole-hour zones, and
-- for :30/:45 zones an hour bucket starts at :30/:45 local time (documented, not hidden).
-- Weeks and months are sums of local days, so they are exact in every zone.

-- Rows of the old UTC-day layout cannot be converted in place; they are rebuilt below.
DELETE FROM progress_metrics_daily;
ALTER TABLE progress_metrics_daily DROP CONSTRAINT progress_metrics_daily_bucket_start_check;
ALTER TABLE progress_metrics_daily DROP CONSTRAINT progress_metrics_daily_pkey;
-- day: the local calendar date; bucket_start: that date's local midnight as an instant.
ALTER TABLE progress_metrics_daily ADD COLUMN day date NOT NULL;
ALTER TABLE progress_metrics_daily ADD PRIMARY KEY (user_id, metric_type, day);

-- Recomputes one user's daily rows from raw points in their current zone.
CREATE OR REPLACE FUNCTION rebuild_progress_daily(p_user_id uuid)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zone text := coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id), 'UTC');
BEGIN
  DELETE FROM progress_metrics_daily WHERE user_id = p_user_id;
  INSERT INTO progress_metrics_daily (user_id, metric_type, day, bucket_start, count, sum, min, max)
  SELECT p_user_id, metric_type, d, d::timestamp AT TIME ZONE zone,
         count(*), sum(value), min(value), max(value)
    FROM (SELECT metric_type, (time AT TIME ZONE zone)::date AS d, value
            FROM progress_metrics WHERE user_id = p_user_id) p
   GROUP BY metric_type, d;
END;
$$;

SELECT rebuild_progress_daily(u.id)
  FROM users u WHERE EXISTS (SELECT 1 FROM progress_metrics m WHERE m.user_id = u.id);

-- The zone change and the rebuild commit together. Ingest locks the profile row FOR SHARE
-- before reading the zone, so a concurrent batch lands wholly before or wholly after this.
CREATE OR REPLACE FUNCTION progress_daily_on_zone_change()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.timezone IS DISTINCT FROM NEW.timezone THEN
    PERFORM rebuild_progress_daily(NEW.user_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER user_profiles_progress_zone AFTER INSERT OR UPDATE OF timezone ON user_profiles
  FOR EACH ROW EXECUTE FUNCTION progress_daily_on_zone_change();

-- Recomputes the UTC hour and the user's local day containing at_time for one metric, both
-- from raw points (hours cannot make up a :30-offset day). Empty buckets are deleted. Call it
-- after deleting or replacing points, with the profile row locked as ingest does.
CREATE OR REPLACE FUNCTION refresh_progress_rollups(p_user_id uuid, p_metric_type text,
                                                    at_time timestamptz)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zone       text := coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id),
                              'UTC');
  hour_start timestamptz := date_trunc('hour', at_time, 'UTC');
  local_day  date := (at_time AT TIME ZONE zone)::date;
  day_lo     timestamptz := local_day::timestamp AT TIME ZONE zone;
  day_hi     timestamptz := (local_day + 1)::timestamp AT TIME ZONE zone;
BEGIN
  DELETE FROM progress_metrics_hourly
   WHERE user_id = p_user_id AND metric_type = p_metric_type AND bucket_start = hour_start;
  INSERT INTO progress_metrics_hourly (user_id, metric_type, bucket_start, count, sum, min, max)
  SELECT p_user_id, p_metric_type, hour_start, count(*), sum(value), min(value), max(value)
    FROM progress_metrics
   WHERE user_id = p_user_id AND metric_type = p_metric_type
     AND time >= hour_start AND time < hour_start + interval '1 hour'
  HAVING count(*) > 0;

  DELETE FROM progress_metrics_daily
   WHERE user_id = p_user_id AND metric_type = p_metric_type AND day = local_day;
  INSERT INTO progress_metrics_daily (user_id, metric_type, day, bucket_start, count, sum, min, max)
  SELECT p_user_id, p_metric_type, local_day, day_lo, count(*), sum(value), min(value), max(value)
    FROM progress_metrics
   WHERE user_id = p_user_id AND metric_type = p_metric_type AND time >= day_lo AND time < day_hi
  HAVING count(*) > 0;
END;
$$;

-- Withings joins the sources. Partitions attached after a move out of DEFAULT carry their own
-- copy of the CHECK (LIKE ... INCLUDING CONSTRAINTS) that outlives the parent's: dropped too.
ALTER TABLE progress_metrics DROP CONSTRAINT progress_metrics_source_check;
DO $$
DECLARE
  rel regclass;
BEGIN
  FOR rel IN SELECT c.conrelid::regclass FROM pg_constraint c
              WHERE c.conname = 'progress_metrics_source_check'
                AND c.conrelid IN (SELECT inhrelid FROM pg_inherits
                                    WHERE inhparent = 'progress_metrics'::regclass) LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT progress_metrics_source_check', rel);
  END LOOP;
END;
$$;
ALTER TABLE progress_metrics ADD CONSTRAINT progress_metrics_source_check
  CHECK (source IN ('manual', 'app', 'healthkit', 'health_connect', 'google_fit', 'withings',
                    'import'));

-- GET /analytics/streaks: consecutive local days with a manual entry. The PK leads with
-- metric_type, so "any metric, manual, newest first" needs its own index.
CREATE INDEX progress_metrics_manual_idx ON progress_metrics (user_id, time DESC)
  WHERE source = 'manual';
