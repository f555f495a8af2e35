-- Yearly casualty totals, kept in step with casualty_counts by triggers (whoever writes it), so a
-- total over many years reads a few hundred rows.
CREATE TABLE casualty_years (
  key TEXT NOT NULL,
  year TEXT NOT NULL,                 -- "YYYY" of the sort key
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,
  at_least INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, year, grp, kind, confidence)
) WITHOUT ROWID;

INSERT INTO casualty_years (key, year, grp, kind, confidence, total, at_least, unknown, reports)
SELECT key, substr(month, 1, 4), grp, kind, confidence, sum(total), sum(at_least), sum(unknown), sum(reports)
FROM casualty_counts GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER casualty_counts_inserted AFTER INSERT ON casualty_counts BEGIN
  INSERT INTO casualty_years (key, year, grp, kind, confidence, total, at_least, unknown, reports)
  VALUES (NEW.key, substr(NEW.month, 1, 4), NEW.grp, NEW.kind, NEW.confidence, NEW.total, NEW.at_least, NEW.unknown,
    NEW.reports)
  ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
    unknown = unknown + excluded.unknown, reports = reports + excluded.reports;
END;

CREATE TRIGGER casualty_counts_updated AFTER UPDATE ON casualty_counts BEGIN
  INSERT INTO casualty_years (key, year, grp, kind, confidence, total, at_least, unknown, reports)
  VALUES (NEW.key, substr(NEW.month, 1, 4), NEW.grp, NEW.kind, NEW.confidence, NEW.total - OLD.total,
    NEW.at_least - OLD.at_least, NEW.unknown - OLD.unknown, NEW.reports - OLD.reports)
  ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
    unknown = unknown + excluded.unknown, reports = reports + excluded.reports;
END;

CREATE TRIGGER casualty_counts_deleted AFTER DELETE ON casualty_counts BEGIN
  UPDATE casualty_years SET total = total - OLD.total, at_least = at_least - OLD.at_least,
    unknown = unknown - OLD.unknown, reports = reports - OLD.reports
  WHERE key = OLD.key AND year = substr(OLD.month, 1, 4) AND grp = OLD.grp AND kind = OLD.kind
    AND confidence = OLD.confidence;
END;
