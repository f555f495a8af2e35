-- Events: every revision kept in event_revisions; `events` points at the current one and holds
-- the columns queries filter on. The tables after it are derived from the current revision (and
-- rebuilt when the gazetteer or time zone changes).

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE event_revisions (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,          -- UTC, "YYYY-MM-DDTHH:MM:SS.sssZ"
  author TEXT NOT NULL,
  reason TEXT NOT NULL,
  json TEXT NOT NULL,                 -- canonical JSON of the Event
  UNIQUE (event_id, revision)
);
CREATE INDEX event_revisions_by_recorded_at ON event_revisions (recorded_at);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  revision_row INTEGER NOT NULL REFERENCES event_revisions (id),
  sort_key TEXT NOT NULL,             -- occurredAt so that string order is time order
  category TEXT NOT NULL,
  confidence TEXT NOT NULL,
  place_id TEXT,
  lat REAL,
  lon REAL,
  index_keys TEXT NOT NULL,           -- JSON array: the event_index keys written for it
  recorded_at TEXT NOT NULL,
  first_recorded_at TEXT NOT NULL
) WITHOUT ROWID;

-- One row per set the event belongs to, keyed so that the newest events of a set are one
-- index range: "*" (every event), "place:<id>" for each place on the path of its place and of
-- its place claims (so "events in Artibonite" needs no recursion), "actor:<id>",
-- "category:<c>", "casualty:<group>" and "cell:<i>:<j>" (a grid square, for boxes).
CREATE TABLE event_index (
  key TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  confidence TEXT NOT NULL,
  lat REAL,
  lon REAL,
  PRIMARY KEY (key, sort_key, event_id)
) WITHOUT ROWID;

CREATE TABLE event_casualties (
  event_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  count INTEGER,                      -- NULL when the source gives no number
  qualifier TEXT NOT NULL,
  PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;

-- Monthly totals per set, so counts and casualty totals over long ranges read a few
-- thousand rows instead of every event; the partial months at a range's ends come from the
-- rows above.
CREATE TABLE event_counts (
  key TEXT NOT NULL,                  -- as in event_index
  month TEXT NOT NULL,                -- "YYYY-MM" of the sort key
  confidence TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (key, month, confidence)
) WITHOUT ROWID;

CREATE TABLE casualty_counts (
  key TEXT NOT NULL,
  month TEXT NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,             -- sum of the numbers given
  at_least INTEGER NOT NULL,          -- reports that say "at least"
  unknown INTEGER NOT NULL,           -- reports without a number
  reports INTEGER NOT NULL,
  PRIMARY KEY (key, month, grp, kind, confidence)
) WITHOUT ROWID;
