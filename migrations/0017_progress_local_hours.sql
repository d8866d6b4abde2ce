-- Analytics: hourly rollups keyed by the user's local clock hour, so hour buckets are exact in
-- zones with :30/:45 offsets too; one rebuild of hours and days on a zone change; backfill.
--
-- Until now progress_metrics_hourly held UTC hours, so in India (+05:30), Nepal (+05:45),
-- Adelaide, Newfoundland or Chatham an "hour" bucket ran from :30 or :45 local time (0015 kept
-- that as a documented limitation). Now an hour bucket is the local hour in
-- user_profiles.timezone, as 0015 did for days:
--   bucket_start = date_trunc('hour', time, zone)
-- which keeps each point's own UTC offset: the bucket of an instant is the hour the user's clock
-- shows, starting at that hour's first instant. The two 01:00 hours of a night that falls back
-- are two buckets, a skipped hour has none, and historical offsets (India was +05:21:10 in 1900,
-- Liberia -00:44:30 until 1972) are followed too.
--
-- Why not 15-minute UTC rollups summed into local hours: every offset in use today is a
-- multiple of 15 minutes, but points go back to 1900 and 380 zones of tzdata had other offsets
-- since then; slices would also hold four times the rows, make ingest upsert more of them and
-- make a 31-day hour series read 2976 rows instead of 744. Local keys cost nothing at ingest or
-- read; their price is paid on the rare zone change, whose trigger now rebuilds the user's hours
-- with the days in one pass over their raw points (about 0.7 s per year of minutely points
-- instead of 0.35 s for days alone).
--
-- Whole-hour zones keep the same buckets. Ingest (src/analytics/progress_store.cpp) computes the
-- local hour in the statement that inserts the points, under the profile row's FOR SHARE lock.
-- Deploy note: an older binary still ingesting after this commits would file :30/:45 zones'
-- points under UTC hours; run this migration with the new binary (`ugoki migrate` at start).

-- ALTER TABLE takes ACCESS EXCLUSIVE on the table: ingests wait for this migration and then add
-- to the rebuilt rows; reads of hour series wait too (the backfill takes about 1.5 s per million
-- stored points on the development machine).
ALTER TABLE progress_metrics_hourly DROP CONSTRAINT progress_metrics_hourly_bucket_start_check;
-- Time zone offsets are whole seconds (tzdata has no finer ones), so local hours start on one.
ALTER TABLE progress_metrics_hourly ADD CONSTRAINT progress_metrics_hourly_bucket_start_check
  CHECK (bucket_start = date_trunc('second', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');

-- Backfill: every user's hours from raw points in their zone, in one set-based statement.
DELETE FROM progress_metrics_hourly;
INSERT INTO progress_metrics_hourly (user_id, metric_type, bucket_start, count, sum, min, max)
SELECT m.user_id, m.metric_type, date_trunc('hour', m.time, coalesce(p.timezone, 'UTC')),
       count(*), sum(m.value), min(m.value), max(m.value)
  FROM progress_metrics m LEFT JOIN user_profiles p ON p.user_id = m.user_id
 GROUP BY 1, 2, 3;

-- Recomputes one user's hourly and daily rows from raw points in their current zone, in one
-- scan: points are grouped by (local hour, local day) once, then summed per hour and per day
-- (an hour of the clock lies within one local date, so the first grouping is the hours in all
-- but freak historical transitions, and summing again per hour keeps even those exact).
CREATE OR REPLACE FUNCTION rebuild_progress_rollups(p_user_id uuid)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zone text := coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id), 'UTC');
BEGIN
  DELETE FROM progress_metrics_hourly WHERE user_id = p_user_id;
  DELETE FROM progress_metrics_daily WHERE user_id = p_user_id;
  WITH parts AS MATERIALIZED (
    SELECT metric_type, date_trunc('hour', time, zone) AS hour,
           (time AT TIME ZONE zone)::date AS day, count(*) AS count, sum(value) AS sum,
           min(value) AS min, max(value) AS max
      FROM progress_metrics WHERE user_id = p_user_id
     GROUP BY 1, 2, 3),
  hourly AS (
    INSERT INTO progress_metrics_hourly (user_id, metric_type, bucket_start, count, sum, min, max)
    SELECT p_user_id, metric_type, hour, sum(count), sum(sum), min(min), max(max)
      FROM parts GROUP BY metric_type, hour)
  INSERT INTO progress_metrics_daily (user_id, metric_type, day, bucket_start, count, sum, min,
                                      max)
  SELECT p_user_id, metric_type, day, day::timestamp AT TIME ZONE zone, sum(count), sum(sum),
         min(min), max(max)
    FROM parts GROUP BY metric_type, day;
END;
$$;

-- The zone change and the rebuild of hours and days commit together (0015's trigger, which
-- rebuilt days only, is replaced). Ingest locks the profile row FOR SHARE before reading the
-- zone, so a concurrent batch lands wholly before or wholly after this.
DROP TRIGGER user_profiles_progress_zone ON user_profiles;
DROP FUNCTION progress_daily_on_zone_change();
DROP FUNCTION rebuild_progress_daily(uuid);
CREATE FUNCTION progress_rollups_on_zone_change()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.timezone IS DISTINCT FROM NEW.timezone THEN
    PERFORM rebuild_progress_rollups(NEW.user_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER user_profiles_progress_zone AFTER INSERT OR UPDATE OF timezone ON user_profiles
  FOR EACH ROW EXECUTE FUNCTION progress_rollups_on_zone_change();

-- Recomputes the user's local hour and local day containing at_time for one metric, both from
-- raw points. A local hour's points lie within an hour of its start, but in the hour after a
-- half-hour DST change two local hours overlap there, hence the date_trunc filter. Empty buckets
-- are deleted. Call it after deleting or replacing points, with the profile row locked as ingest
-- does.
CREATE OR REPLACE FUNCTION refresh_progress_rollups(p_user_id uuid, p_metric_type text,
                                                    at_time timestamptz)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zone       text := coalesce((SELECT timezone FROM user_profiles WHERE user_id = p_user_id),
                              'UTC');
  hour_start timestamptz := date_trunc('hour', at_time, zone);
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
     AND date_trunc('hour', time, zone) = hour_start
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
