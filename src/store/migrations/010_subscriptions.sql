-- Which channel gets what, when. One subscription per channel and kind: subscribing again
-- replaces the settings but keeps the id, so the ledger still knows what was sent.
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  team_id TEXT NOT NULL,              -- guild (Discord) or workspace (Slack)
  channel_id TEXT NOT NULL,
  local_time TEXT,                    -- "HH:MM" in time_zone; digests only
  time_zone TEXT NOT NULL,            -- IANA name
  language TEXT NOT NULL,
  place_id TEXT,
  category TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,           -- UTC, "YYYY-MM-DDTHH:MM:SS.sssZ", like every time here
  active_since TEXT NOT NULL,         -- periods scheduled before it are never due
  removed_at TEXT,                    -- unsubscribed; the row stays for its ledger
  paused_at TEXT,
  paused_reason TEXT,
  alert_cursor TEXT,                  -- alerts: revisions recorded before it were looked at
  UNIQUE (platform, team_id, channel_id, kind)
);
