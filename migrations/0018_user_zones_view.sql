-- The user module publishes each user's IANA zone as a read-only view (docs/architecture.md,
-- "Module-owned data"): fasting and analytics compute local days and hours in it inside their
-- own SQL, in the same round trip, without reading user_profiles, which only the user module's
-- store reads and writes. A user without a profile row has no row here; readers default to UTC.
CREATE VIEW user_zones AS
SELECT user_id, timezone FROM user_profiles;

COMMENT ON VIEW user_zones IS
  'Owned by the user module: (user_id, IANA timezone) for other modules to read; never written.';
