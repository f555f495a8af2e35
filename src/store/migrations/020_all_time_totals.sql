-- All-time totals per set, kept in step with the monthly totals by triggers (whoever writes
-- them), so a count or casualty total without dates reads a handful of rows instead of one per
-- month. Monthly (and yearly) rows that fall to zero when a revision takes an event's share
-- back are deleted, so the tables hold only what counts.
CREATE TABLE event_totals (
  key TEXT NOT NULL,                  -- as in event_index
  confidence TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (key, confidence)
) WITHOUT ROWID;

CREATE TABLE casualty_totals (
  key TEXT NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,
  at_least INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, grp, kind, confidence)
) WITHOUT ROWID;

DELETE FROM event_counts WHERE events = 0;
DELETE FROM casualty_counts WHERE reports = 0;
DELETE FROM casualty_years WHERE reports = 0;

INSERT INTO event_totals (key, confidence, events)
SELECT key, confidence, sum(events) FROM event_counts GROUP BY 1, 2;

INSERT INTO casualty_totals (key, grp, kind, confidence, total, at_least, unknown, reports)
SELECT key, grp, kind, confidence, sum(total), sum(at_least), sum(unknown), sum(reports)
FROM casualty_years GROUP BY 1, 2, 3, 4;

CREATE TRIGGER event_counts_totals_inserted AFTER INSERT ON event_counts BEGIN
  INSERT INTO event_totals (key, confidence, events) VALUES (NEW.key, NEW.confidence, NEW.events)
  ON CONFLICT DO UPDATE SET events = events + excluded.events;
  DELETE FROM event_counts WHERE NEW.events = 0 AND key = NEW.key AND month = NEW.month
    AND confidence = NEW.confidence;
END;

CREATE TRIGGER event_counts_totals_updated AFTER UPDATE ON event_counts BEGIN
  UPDATE event_totals SET events = events + NEW.events - OLD.events
  WHERE key = NEW.key AND confidence = NEW.confidence;
  DELETE FROM event_counts WHERE NEW.events = 0 AND key = NEW.key AND month = NEW.month
    AND confidence = NEW.confidence;
END;

CREATE TRIGGER event_counts_totals_deleted AFTER DELETE ON event_counts BEGIN
  UPDATE event_totals SET events = events - OLD.events WHERE key = OLD.key AND confidence = OLD.confidence;
  DELETE FROM event_totals WHERE key = OLD.key AND confidence = OLD.confidence AND events = 0;
END;

CREATE TRIGGER casualty_counts_totals_inserted AFTER INSERT ON casualty_counts BEGIN
  INSERT INTO casualty_totals (key, grp, kind, confidence, total, at_least, unknown, reports)
  VALUES (NEW.key, NEW.grp, NEW.kind, NEW.confidence, NEW.total, NEW.at_least, NEW.unknown, NEW.reports)
  ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
    unknown = unknown + excluded.unknown, reports = reports + excluded.reports;
  DELETE FROM casualty_counts WHERE NEW.reports = 0 AND key = NEW.key AND month = NEW.month AND grp = NEW.grp
    AND kind = NEW.kind AND confidence = NEW.confidence;
END;

CREATE TRIGGER casualty_counts_totals_updated AFTER UPDATE ON casualty_counts BEGIN
  UPDATE casualty_totals SET total = total + NEW.total - OLD.total, at_least = at_least + NEW.at_least - OLD.at_least,
    unknown = unknown + NEW.unknown - OLD.unknown, reports = reports + NEW.reports - OLD.reports
  WHERE key = NEW.key AND grp = NEW.grp AND kind = NEW.kind AND confidence = NEW.confidence;
  DELETE FROM casualty_counts WHERE NEW.reports = 0 AND key = NEW.key AND month = NEW.month AND grp = NEW.grp
    AND kind = NEW.kind AND confidence = NEW.confidence;
END;

CREATE TRIGGER casualty_counts_totals_deleted AFTER DELETE ON casualty_counts BEGIN
  UPDATE casualty_totals SET total = total - OLD.total, at_least = at_least - OLD.at_least,
    unknown = unknown - OLD.unknown, reports = reports - OLD.reports
  WHERE key = OLD.key AND grp = OLD.grp AND kind = OLD.kind AND confidence = OLD.confidence;
  DELETE FROM casualty_totals WHERE key = OLD.key AND grp = OLD.grp AND kind = OLD.kind
    AND confidence = OLD.confidence AND reports = 0;
END;

CREATE TRIGGER casualty_years_emptied AFTER UPDATE ON casualty_years WHEN NEW.reports = 0 BEGIN
  DELETE FROM casualty_years WHERE key = NEW.key AND year = NEW.year AND grp = NEW.grp AND kind = NEW.kind
    AND confidence = NEW.confidence;
END;

-- A zero row inserted by casualty_counts_inserted after the row it mirrors was already deleted.
CREATE TRIGGER casualty_years_inserted_empty AFTER INSERT ON casualty_years WHEN NEW.reports = 0 BEGIN
  DELETE FROM casualty_years WHERE key = NEW.key AND year = NEW.year AND grp = NEW.grp AND kind = NEW.kind
    AND confidence = NEW.confidence;
END;
