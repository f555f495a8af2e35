-- When a source's current run of failed polls began (as SQLite's 042_source_failing_since.sql).
ALTER TABLE intake_sources ADD COLUMN failing_since text COLLATE "C";
UPDATE intake_sources SET failing_since = last_polled_at WHERE failures > 0;
