-- Apple Health import bookkeeping: the duplicate count and progress that GET
-- /analytics/imports/:id shows, and what each count column of metric_imports means.

ALTER TABLE metric_imports
  -- Supported records whose point was already stored (same metric, time and source): a
  -- re-uploaded export, or the same sample written by two Apple devices.
  ADD COLUMN points_duplicate bigint NOT NULL DEFAULT 0 CHECK (points_duplicate >= 0),
  -- 0-100 while running: the share of the two passes over the file done so far (validation,
  -- then storing). 100 once completed.
  ADD COLUMN progress_pct smallint NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100);

COMMENT ON COLUMN metric_imports.points_total IS
  'Records seen: every <Record> child of <HealthData> (API counts.records_seen)';
COMMENT ON COLUMN metric_imports.points_inserted IS
  'New points stored by the import (API counts.points_inserted); 0 unless completed';
COMMENT ON COLUMN metric_imports.points_skipped IS
  'Records of a type we do not import, or sleep records that are not asleep time '
  '(API counts.skipped_unsupported)';
COMMENT ON COLUMN metric_imports.points_failed IS
  'Records of a supported type that could not be used: unknown unit, unreadable value or date, '
  'value outside the metric''s range (API counts.skipped_invalid)';
COMMENT ON COLUMN metric_imports.points_duplicate IS
  'Points already stored before or earlier in the same file (API counts.duplicates)';
