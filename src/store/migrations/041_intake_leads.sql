-- Leads: one per story. A link is one lead (unique); near-identical titles within a few days
-- join the same lead (title_key, checked in the write transaction). Each source's item is
-- recorded once (primary key), with the hash of its words, so an item seen again is not a new
-- lead and an item edited at its source updates its lead.
CREATE TABLE intake_leads (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('new', 'posted', 'recorded', 'attached', 'dismissed')),
  link TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT,
  publisher TEXT NOT NULL,
  published_at TEXT,
  title_key TEXT NOT NULL,
  story_at TEXT NOT NULL,             -- published_at, else first_seen_at: the title window's centre
  reading TEXT NOT NULL,              -- JSON: places, day, category, casualties, matching events
  source_id INTEGER NOT NULL REFERENCES intake_sources (id),
  item_key TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  posted_at TEXT,
  decided_by TEXT,
  decided_at TEXT,
  event_id TEXT,
  note TEXT
);
CREATE INDEX intake_leads_title ON intake_leads (title_key, story_at);
CREATE INDEX intake_leads_state ON intake_leads (state, id);

CREATE TABLE intake_items (
  source_id INTEGER NOT NULL REFERENCES intake_sources (id),
  item_key TEXT NOT NULL,
  lead_id INTEGER NOT NULL REFERENCES intake_leads (id),
  link TEXT NOT NULL,
  publisher TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (source_id, item_key)
);
CREATE INDEX intake_items_lead ON intake_items (lead_id);
