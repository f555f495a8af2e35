-- What a connection keeps in memory from the rows derived from events (event_index and the
-- totals) is kept while these numbers stay: `derived_generation` moves with every change to
-- those rows, `key_generation` with every change to one key's rows, in the same transaction.
-- SQLite's data_version moves with every commit to the file (a saved query, a lead, a ledger
-- claim), and an event written in one town would otherwise drop what is kept about another.
CREATE TABLE derived_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO derived_generation (id, n) VALUES (1, 0);

-- A key with no row is at 0.
CREATE TABLE key_generation (
  key TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
