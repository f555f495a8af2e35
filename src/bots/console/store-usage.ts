/** The store commands' usage lines, apart from their code (which loads the Postgres client). */
export const STORE_USAGE = [
  '  sitrep migrate-store --from <sqlite file> --to <postgres url>',
  '      Copy a SQLite store, with every revision, the send ledger, sources and leads, into an empty Postgres database (run again to resume)',
  '  sitrep rebuild-derived',
  '      Rebuild the store for this gazetteer and time zone (SITREP_TIME_ZONE) after either changed',
].join('\n');
