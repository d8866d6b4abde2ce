-- Shared building blocks for every later migration: extensions and the updated_at trigger.
-- gen_random_uuid() is built into PostgreSQL 13+; citext gives case-insensitive emails.
CREATE EXTENSION IF NOT EXISTS citext;

-- Keeps updated_at truthful whatever code path writes the row.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
