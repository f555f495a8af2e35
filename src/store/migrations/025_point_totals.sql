-- All-time totals per distinct point of each grid square and each place (and category), so
-- that the squares a circle's edge cuts, and a place's events within a circle, are answered by
-- testing the distance of each point rather than of each event: imported rows share their
-- place's point, so a set holds far fewer points than events. Written set-wise with the other
-- derived rows (event-index.ts); rows that fall to zero are deleted.
CREATE TABLE point_totals (
  key TEXT NOT NULL,                  -- "square:<i>:<j>" or "place:<id>", as in event_index
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  category TEXT NOT NULL,
  confidence TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (key, lat, lon, category, confidence)
) WITHOUT ROWID;

CREATE TABLE point_casualty_totals (
  key TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  category TEXT NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,
  at_least INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, lat, lon, category, grp, kind, confidence)
) WITHOUT ROWID;

INSERT INTO point_totals (key, lat, lon, category, confidence, events)
SELECT j.value, e.lat, e.lon, e.category, e.confidence, count(*) FROM events e CROSS JOIN json_each(e.index_keys) j
WHERE (j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

INSERT INTO point_casualty_totals (key, lat, lon, category, grp, kind, confidence, total, at_least, unknown, reports)
SELECT j.value, e.lat, e.lon, e.category, c.grp, c.kind, e.confidence, sum(coalesce(c.count, 0)),
  sum(c.qualifier = 'at-least'), sum(c.qualifier = 'unknown'), count(*)
FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id CROSS JOIN json_each(e.index_keys) j
WHERE (j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
