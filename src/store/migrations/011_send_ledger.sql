-- What was sent: one row per (subscription, period), claimed before posting and completed with
-- the platform's message id after. The unique key and the lease make the claim a lock shared by
-- every process on this file; a claim whose lease ran out belongs to a crashed sender.
CREATE TABLE send_ledger (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
  period TEXT NOT NULL,               -- digest: local date; alert: "event-id@revision"
  state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'skipped', 'failed')),
  marker TEXT NOT NULL,               -- carried by the message, found again after a crash
  scheduled_at TEXT NOT NULL,
  covers_since TEXT,                  -- digests: revisions recorded in [covers_since, covers_until)
  covers_until TEXT,
  late INTEGER NOT NULL DEFAULT 0,
  owner TEXT,                         -- the process holding the claim
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  message_id TEXT,
  note TEXT,                          -- why skipped or failed
  claimed_at TEXT,
  completed_at TEXT,
  UNIQUE (subscription_id, period)
);
CREATE INDEX send_ledger_open_claims ON send_ledger (lease_until) WHERE state = 'claimed';
