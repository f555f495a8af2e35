-- Platform events already answered, by key ("slack:<event_id>"): a platform that delivers an
-- event again (Slack retries one it thinks was lost) is answered once by whichever process of
-- those sharing the file got it first. Keys older than the retry window are deleted.
CREATE TABLE delivered_events (
  key TEXT PRIMARY KEY,
  delivered_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX delivered_events_by_time ON delivered_events (delivered_at);
