-- The bounds of the points seen in each grid cell, kept by a trigger (whoever writes
-- event_index), so that a box skips the cells whose events all lie outside it. Bounds only
-- grow: a cell whose events moved away is still read, and still filtered, so answers stay exact.
CREATE TABLE cell_bounds (
  key TEXT PRIMARY KEY,               -- "cell:<i>:<j>", as in event_index
  min_lat REAL NOT NULL,
  max_lat REAL NOT NULL,
  min_lon REAL NOT NULL,
  max_lon REAL NOT NULL
) WITHOUT ROWID;

INSERT INTO cell_bounds (key, min_lat, max_lat, min_lon, max_lon)
SELECT key, min(lat), max(lat), min(lon), max(lon) FROM event_index
WHERE key >= 'cell:' AND key < 'cell;' AND lat IS NOT NULL AND lon IS NOT NULL
GROUP BY key;

CREATE TRIGGER event_index_cell_bounds AFTER INSERT ON event_index
WHEN NEW.key GLOB 'cell:*' AND NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL
BEGIN
  INSERT INTO cell_bounds (key, min_lat, max_lat, min_lon, max_lon)
  VALUES (NEW.key, NEW.lat, NEW.lat, NEW.lon, NEW.lon)
  ON CONFLICT DO UPDATE SET min_lat = min(min_lat, excluded.min_lat), max_lat = max(max_lat, excluded.max_lat),
    min_lon = min(min_lon, excluded.min_lon), max_lon = max(max_lon, excluded.max_lon);
END;
