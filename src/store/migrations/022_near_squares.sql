-- Events now also belong to a "square:<i>:<j>" set (src/core/near.ts): forget how the derived
-- rows were built, so the next open rebuilds them with the squares.
DELETE FROM meta WHERE key = 'index_built_with';
