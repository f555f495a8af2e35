-- Events: every revision kept in event_revisions; `events` points at the current one and holds
-- the columns queries filter on. The event_* tables are derived from the current revision (and
-- rebuilt when the gazetteer or time zone changes); they are keyed so that every listing is an
-- index range scan in newest-first order.

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
  place_ids TEXT NOT NULL,            -- JSON array: the event_places rows written for it
  recorded_at TEXT NOT NULL,
  first_recorded_at TEXT NOT NULL
) WITHOUT ROWID;

-- One row per place the event is in ("*" for every event, then each place on the path of its
-- place and of its place claims): "events in Artibonite" is one range per category.
CREATE TABLE event_places (
  place_id TEXT NOT NULL,
  category TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  confidence TEXT NOT NULL,
  lat REAL,
  lon REAL,
  PRIMARY KEY (place_id, category, sort_key, event_id)
) WITHOUT ROWID;

CREATE TABLE event_actors (
  actor_id TEXT NOT NULL,
  category TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  confidence TEXT NOT NULL,
  lat REAL,
  lon REAL,
  PRIMARY KEY (actor_id, category, sort_key, event_id)
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

-- Monthly totals per place, so counts and casualty totals over long ranges read a few
-- thousand rows instead of every event; the partial months at a range's ends come from the
-- rows above.
CREATE TABLE event_counts (
  place_id TEXT NOT NULL,
  category TEXT NOT NULL,
  month TEXT NOT NULL,                -- "YYYY-MM" of the sort key
  confidence TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (place_id, category, month, confidence)
) WITHOUT ROWID;

CREATE TABLE casualty_counts (
  place_id TEXT NOT NULL,
  month TEXT NOT NULL,
  grp TEXT NOT NULL,
  kind TEXT NOT NULL,
  confidence TEXT NOT NULL,
  total INTEGER NOT NULL,             -- sum of the numbers given
  at_least INTEGER NOT NULL,          -- reports that say "at least"
  unknown INTEGER NOT NULL,           -- reports without a number
  reports INTEGER NOT NULL,
  PRIMARY KEY (place_id, month, grp, kind, confidence)
) WITHOUT ROWID;
