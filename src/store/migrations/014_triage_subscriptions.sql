-- A third kind of subscription: the triage channel, where new leads are posted (one per
-- installation), through the same send ledger as digests and alerts. SQLite cannot change a
-- CHECK constraint in place: the table is rebuilt under the same name, its ids kept, and the
-- ledger's foreign keys, checked at commit, find every row again.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE subscriptions_next (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('digest', 'alert', 'triage')),
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  local_time TEXT,
  time_zone TEXT NOT NULL,
  language TEXT NOT NULL,
  place_id TEXT,
  category TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  active_since TEXT NOT NULL,
  removed_at TEXT,
  paused_at TEXT,
  paused_reason TEXT,
  alert_cursor TEXT,
  UNIQUE (platform, team_id, channel_id, kind)
);
INSERT INTO subscriptions_next SELECT id, kind, platform, team_id, channel_id, local_time, time_zone, language,
  place_id, category, created_by, created_at, active_since, removed_at, paused_at, paused_reason, alert_cursor
  FROM subscriptions;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_next RENAME TO subscriptions;
