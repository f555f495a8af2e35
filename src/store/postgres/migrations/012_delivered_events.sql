-- Platform events already answered, by key ("slack:<event_id>"), so a delivery repeated to any
-- host is answered once. Keys older than the retry window are deleted.
CREATE TABLE delivered_events (
  key text COLLATE "C" PRIMARY KEY,
  delivered_at timestamptz NOT NULL
);
CREATE INDEX delivered_events_by_time ON delivered_events (delivered_at);
