-- Seed records applied so far, with the hash of the content applied.
CREATE TABLE seed_records (
  kind text COLLATE "C" NOT NULL,          -- 'event' | 'indicator'
  record_id text COLLATE "C" NOT NULL,
  content_hash text NOT NULL,
  seed_version text NOT NULL,
  PRIMARY KEY (kind, record_id)
);
