-- Queries of buttons too long for the button itself (as SQLite's 015_saved_queries.sql): kept
-- under a hash of the query so a button survives a restart; saving one twice keeps one row.
CREATE TABLE saved_queries (
  id text COLLATE "C" PRIMARY KEY,
  query text NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
