-- Events now also belong to a "person:<name>" set per person they name (event-index.ts): forget
-- what the derived rows were built with, so the next writable open rebuilds them with those keys.
DELETE FROM meta WHERE key IN ('derived_settings', 'index_built_with');
