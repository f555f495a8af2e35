-- The category totals are written set-wise with the other derived rows (event-index.ts), a
-- statement per batch rather than a trigger per row.
DROP TRIGGER events_category_inserted;
DROP TRIGGER events_category_updated;
DROP TRIGGER events_category_deleted;
DROP TRIGGER event_casualties_category_inserted;
DROP TRIGGER event_casualties_category_deleted;
