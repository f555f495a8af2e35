-- All-time totals per distinct point of each grid square and each place (and category), as
-- SQLite's 025_point_totals.sql: the squares a circle's edge cuts, and a place's events within a
-- circle, are answered point by point rather than event by event. Written with the other totals
-- (derived-rows.ts); filled here from the rows.
CREATE TABLE point_totals (
  key text COLLATE "C" NOT NULL,           -- "square:<i>:<j>" or "place:<id>"
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  category text COLLATE "C" NOT NULL,
  confidence text COLLATE "C" NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (key, lat, lon, category, confidence)
);

CREATE TABLE point_casualty_totals (
  key text COLLATE "C" NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  category text COLLATE "C" NOT NULL,
  grp text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  confidence text COLLATE "C" NOT NULL,
  total bigint NOT NULL,
  at_least integer NOT NULL,
  unknown integer NOT NULL,
  reports integer NOT NULL,
  PRIMARY KEY (key, lat, lon, category, grp, kind, confidence)
);

INSERT INTO point_totals (key, lat, lon, category, confidence, events)
SELECT t.key, t.lat, t.lon, e.category, t.confidence, count(*) FROM event_index t JOIN events e ON e.id = t.event_id
WHERE (t.key LIKE 'square:%' OR t.key LIKE 'place:%') AND t.lat IS NOT NULL AND t.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

INSERT INTO point_casualty_totals (key, lat, lon, category, grp, kind, confidence, total, at_least, unknown, reports)
SELECT t.key, t.lat, t.lon, e.category, c.grp, c.kind, t.confidence, sum(coalesce(c.count, 0)),
  count(*) FILTER (WHERE c.qualifier = 'at-least'), count(*) FILTER (WHERE c.qualifier = 'unknown'), count(*)
FROM event_index t JOIN event_casualties c ON c.event_id = t.event_id JOIN events e ON e.id = t.event_id
WHERE (t.key LIKE 'square:%' OR t.key LIKE 'place:%') AND t.lat IS NOT NULL AND t.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
