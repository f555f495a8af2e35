-- Seed records applied so far, with the hash of the content applied, so that a start seeds
-- nothing twice and a record changed in a later release is applied once more.
CREATE TABLE seed_records (
  kind TEXT NOT NULL,                 -- 'event' | 'indicator'
  record_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  seed_version TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
