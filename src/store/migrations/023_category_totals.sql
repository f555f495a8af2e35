-- All-time totals per (place or square, category), so that "attacks in Artibonite" or "attacks
-- near Pont-Sondé" count and sum a few rows instead of every event of the place. Kept by
-- triggers on `events` and `event_casualties` (whoever writes them): an event's row is written
-- before its casualties and still describes it when they are deleted.
CREATE TABLE category_totals (
  key TEXT NOT NULL,                  -- "place:<id>" or "square:<i>:<j>", as in event_index
  category TEXT NOT NULL,
  confidence TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (key, category, confidence)
) WITHOUT ROWID;

CREATE TABLE category_casualty_totals (
  key TEXT NOT NULL,
  category TEXT NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,
  at_least INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, category, grp, kind, confidence)
) WITHOUT ROWID;

INSERT INTO category_totals (key, category, confidence, events)
SELECT j.value, e.category, e.confidence, count(*) FROM events e CROSS JOIN json_each(e.index_keys) j
WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*' GROUP BY 1, 2, 3;

INSERT INTO category_casualty_totals (key, category, grp, kind, confidence, total, at_least, unknown, reports)
SELECT j.value, e.category, c.grp, c.kind, e.confidence, sum(coalesce(c.count, 0)), sum(c.qualifier = 'at-least'),
  sum(c.qualifier = 'unknown'), count(*)
FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id CROSS JOIN json_each(e.index_keys) j
WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*' GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER events_category_inserted AFTER INSERT ON events BEGIN
  INSERT INTO category_totals (key, category, confidence, events)
  SELECT j.value, NEW.category, NEW.confidence, 1 FROM json_each(NEW.index_keys) j
  WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*'
  ON CONFLICT DO UPDATE SET events = events + 1;
END;

CREATE TRIGGER events_category_updated AFTER UPDATE OF category, confidence, index_keys ON events BEGIN
  UPDATE category_totals SET events = events - 1
  WHERE category = OLD.category AND confidence = OLD.confidence
    AND key IN (SELECT value FROM json_each(OLD.index_keys) WHERE value GLOB 'place:*' OR value GLOB 'square:*');
  DELETE FROM category_totals WHERE category = OLD.category AND confidence = OLD.confidence AND events = 0
    AND key IN (SELECT value FROM json_each(OLD.index_keys));
  INSERT INTO category_totals (key, category, confidence, events)
  SELECT j.value, NEW.category, NEW.confidence, 1 FROM json_each(NEW.index_keys) j
  WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*'
  ON CONFLICT DO UPDATE SET events = events + 1;
END;

CREATE TRIGGER events_category_deleted AFTER DELETE ON events BEGIN
  UPDATE category_totals SET events = events - 1
  WHERE category = OLD.category AND confidence = OLD.confidence
    AND key IN (SELECT value FROM json_each(OLD.index_keys) WHERE value GLOB 'place:*' OR value GLOB 'square:*');
  DELETE FROM category_totals WHERE category = OLD.category AND confidence = OLD.confidence AND events = 0
    AND key IN (SELECT value FROM json_each(OLD.index_keys));
END;

CREATE TRIGGER event_casualties_category_inserted AFTER INSERT ON event_casualties BEGIN
  INSERT INTO category_casualty_totals (key, category, grp, kind, confidence, total, at_least, unknown, reports)
  SELECT j.value, e.category, NEW.grp, NEW.kind, e.confidence, coalesce(NEW.count, 0), NEW.qualifier = 'at-least',
    NEW.qualifier = 'unknown', 1
  FROM events e CROSS JOIN json_each(e.index_keys) j
  WHERE e.id = NEW.event_id AND (j.value GLOB 'place:*' OR j.value GLOB 'square:*')
  ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
    unknown = unknown + excluded.unknown, reports = reports + 1;
END;

CREATE TRIGGER event_casualties_category_deleted AFTER DELETE ON event_casualties BEGIN
  UPDATE category_casualty_totals SET total = total - coalesce(OLD.count, 0),
    at_least = at_least - (OLD.qualifier = 'at-least'), unknown = unknown - (OLD.qualifier = 'unknown'),
    reports = reports - 1
  WHERE grp = OLD.grp AND kind = OLD.kind
    AND (key, category, confidence) IN (SELECT j.value, e.category, e.confidence
      FROM events e CROSS JOIN json_each(e.index_keys) j WHERE e.id = OLD.event_id);
  DELETE FROM category_casualty_totals WHERE grp = OLD.grp AND kind = OLD.kind AND reports = 0
    AND (key, category, confidence) IN (SELECT j.value, e.category, e.confidence
      FROM events e CROSS JOIN json_each(e.index_keys) j WHERE e.id = OLD.event_id);
END;
