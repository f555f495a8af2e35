-- Events now also belong to a "person:<name>" set per person they name (as SQLite's
-- 026_person_keys.sql): forget the stored settings, so the next open rebuilds the derived rows.
DELETE FROM meta WHERE key IN ('derived_settings', 'index_built_with');
