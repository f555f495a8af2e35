-- When a source's current run of failed polls began, so "failing for more than a day" is read
-- from the failures themselves (a source may succeed without delivering anything new). Sources
-- failing now are taken to have failed since their last poll: the earliest failure known for sure.
ALTER TABLE intake_sources ADD COLUMN failing_since TEXT;
UPDATE intake_sources SET failing_since = last_polled_at WHERE failures > 0;
