-- Sources polled for intake, with their poll state. One live source per URL; a removed source
-- keeps its row so its leads still name it. The lease makes "who polls this source now" a lock
-- shared by every process on this file.
CREATE TABLE intake_sources (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rss', 'atom', 'jsonfeed', 'reliefweb', 'acled')),
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds > 0),
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  removed_at TEXT,
  paused_at TEXT,
  paused_reason TEXT,
  etag TEXT,
  last_modified TEXT,
  next_poll_at TEXT NOT NULL,         -- UTC, "YYYY-MM-DDTHH:MM:SS.sssZ", like every time here
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_polled_at TEXT,
  last_delivered_at TEXT,             -- the last poll that brought a lead or an event
  cursor TEXT,                        -- API sources: where the next request starts
  lease_owner TEXT,
  lease_until TEXT
);
CREATE UNIQUE INDEX intake_sources_live_url ON intake_sources (url) WHERE removed_at IS NULL;
CREATE INDEX intake_sources_due ON intake_sources (next_poll_at) WHERE removed_at IS NULL AND paused_at IS NULL;
