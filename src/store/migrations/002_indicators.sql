-- Indicator observations; those with one key form a series ordered by asOf, then reportedAt.
CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  as_of_key TEXT NOT NULL,            -- asOf as a sort key
  reported_at TEXT NOT NULL,          -- UTC
  identity TEXT NOT NULL UNIQUE,      -- hash of key, asOf, value and source
  json TEXT NOT NULL
);
CREATE INDEX indicators_by_series ON indicators (key, as_of_key, reported_at);
