-- Queries of buttons too long for the button itself (Discord's 100-character custom ids), kept
-- under a hash of the query so a button survives a restart; saving one twice keeps one row.
CREATE TABLE saved_queries (
  id TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  saved_at TEXT NOT NULL
) WITHOUT ROWID;
