/**
 * The small records beside the events on Postgres: indicator observations, named settings
 * (meta) and the seed records applied so far (as src/store/sqlite-records.ts keeps them).
 */
import type { Indicator } from '../../core/schemas.ts';
import { canonicalJson, contentHash } from '../canonical-json.ts';
import { seriesByKey } from '../indicator-series.ts';
import type { Records } from '../records-port.ts';
import { instantKeyOf, sortKeyOf } from '../sort-key.ts';
import type { Queryable } from './connection.ts';

export function createPostgresRecords(sql: Queryable, timeZone: string): Records {
  const parse = (rows: { json: string }[]) => rows.map((r) => JSON.parse(r.json) as Indicator);
  return {
    /** One observation per key, asOf, value and source; the same one again replaces its wording. */
    async putIndicator(indicator) {
      const { key, asOf, value, source } = indicator;
      const identity = contentHash({ key, asOf, value, source });
      const json = canonicalJson(indicator);
      const reportedAt = instantKeyOf(indicator.reportedAt);
      const asOfKey = sortKeyOf(asOf, timeZone);
      // The same observation with the same wording changes nothing (and returns no row).
      const rows = await sql`INSERT INTO indicators (key, as_of_key, reported_at, identity, json)
          VALUES (${key}, ${asOfKey}, ${reportedAt}, ${identity}, ${json})
          ON CONFLICT (identity) DO UPDATE SET reported_at = excluded.reported_at, json = excluded.json
          WHERE indicators.json <> excluded.json
          RETURNING id`;
      return rows.length === 1;
    },
    async latestIndicators() {
      return parse(
        await sql<{ json: string }[]>`SELECT DISTINCT ON (key) json FROM indicators
          ORDER BY key, as_of_key DESC, reported_at DESC, id DESC`,
      );
    },
    async indicatorSeries(key) {
      return parse(
        await sql<{ json: string }[]>`SELECT json FROM indicators WHERE key = ${key}
          ORDER BY as_of_key, reported_at, id`,
      );
    },
    async allIndicatorSeries() {
      return seriesByKey(
        await sql<{ key: string; json: string }[]>`SELECT key, json FROM indicators
          ORDER BY key, as_of_key, reported_at, id`,
      );
    },
    async getMeta(key) {
      const [row] = await sql<{ value: string }[]>`SELECT value FROM meta WHERE key = ${key}`;
      return row?.value;
    },
    async setMeta(key, value) {
      await sql`INSERT INTO meta (key, value) VALUES (${key}, ${value})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    },
    async seedHash(kind, recordId) {
      const [row] = await sql<{ content_hash: string }[]>`SELECT content_hash FROM seed_records
        WHERE kind = ${kind} AND record_id = ${recordId}`;
      return row?.content_hash;
    },
    async recordSeed(kind, recordId, hash, seedVersion) {
      await sql`INSERT INTO seed_records (kind, record_id, content_hash, seed_version)
        VALUES (${kind}, ${recordId}, ${hash}, ${seedVersion})
        ON CONFLICT (kind, record_id) DO UPDATE SET content_hash = excluded.content_hash, seed_version = excluded.seed_version`;
    },
  };
}
