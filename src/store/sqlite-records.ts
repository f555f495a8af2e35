/**
 * The small records beside the events: indicator observations, named settings (meta) and the
 * seed records applied so far.
 */
import type { Database } from 'better-sqlite3';
import type { Indicator } from '../core/schemas.ts';
import { canonicalJson, contentHash } from './canonical-json.ts';
import { seriesByKey } from './indicator-series.ts';
import { deepFreeze } from './parsed-revisions.ts';
import type { Records as RecordsPort } from './records-port.ts';
import { instantKeyOf, sortKeyOf } from './sort-key.ts';
import type { Synchronous } from './sqlite-connection.ts';
import type { DataVersion } from './sqlite-data-version.ts';

type Records = Synchronous<RecordsPort>;

/** `version` (when given) is told of each write, and keeps the figures while nothing is written. */
export function createSqliteRecords(db: Database, timeZone: string, version?: DataVersion): Records {
  const s = {
    indicatorByIdentity: db.prepare<[string], { id: number; json: string }>(
      'SELECT id, json FROM indicators WHERE identity = ?',
    ),
    insertIndicator: db.prepare(
      'INSERT INTO indicators (key, as_of_key, reported_at, identity, json) VALUES (?, ?, ?, ?, ?)',
    ),
    replaceIndicator: db.prepare('UPDATE indicators SET reported_at = ?, json = ? WHERE id = ?'),
    latestIndicators: db.prepare<[], { json: string }>(`SELECT json FROM (
        SELECT key, json, row_number() OVER (PARTITION BY key ORDER BY as_of_key DESC, reported_at DESC, id DESC) AS rank
        FROM indicators) WHERE rank = 1 ORDER BY key`),
    indicatorSeries: db.prepare<[string], { json: string }>(
      'SELECT json FROM indicators WHERE key = ? ORDER BY as_of_key, reported_at, id',
    ),
    allIndicatorSeries: db.prepare<[], { key: string; json: string }>(
      'SELECT key, json FROM indicators ORDER BY key, as_of_key, reported_at, id',
    ),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    seedHash: db.prepare<[string, string], { content_hash: string }>(
      'SELECT content_hash FROM seed_records WHERE kind = ? AND record_id = ?',
    ),
    recordSeed: db.prepare(`INSERT INTO seed_records (kind, record_id, content_hash, seed_version) VALUES (?, ?, ?, ?)
      ON CONFLICT (kind, record_id) DO UPDATE SET content_hash = excluded.content_hash, seed_version = excluded.seed_version`),
  };

  /** One observation per key, asOf, value and source; the same one again replaces its wording. */
  const putIndicator = db.transaction((indicator: Indicator) => {
    const { key, asOf, value, source } = indicator;
    const identity = contentHash({ key, asOf, value, source });
    const json = canonicalJson(indicator);
    const existing = s.indicatorByIdentity.get(identity);
    if (existing?.json === json) return false;
    const reportedAt = instantKeyOf(indicator.reportedAt);
    if (existing) s.replaceIndicator.run(reportedAt, json, existing.id);
    else s.insertIndicator.run(key, sortKeyOf(asOf, timeZone), reportedAt, identity, json);
    return true;
  });

  return {
    putIndicator: (indicator) => {
      version?.wrote();
      return putIndicator.immediate(indicator);
    },
    latestIndicators: () => s.latestIndicators.all().map((r) => JSON.parse(r.json) as Indicator),
    indicatorSeries: (key) => s.indicatorSeries.all(key).map((r) => JSON.parse(r.json) as Indicator),
    // Every question and /status read the figures: kept per version, frozen, in a map of the caller's own.
    allIndicatorSeries: () => {
      const read = () => seriesByKey(s.allIndicatorSeries.all());
      if (!version) return read();
      return new Map(
        version.kept('indicators', () => {
          const series = read();
          for (const observations of series.values()) deepFreeze(observations);
          return series;
        }),
      );
    },
    getMeta: (key) => s.getMeta.get(key)?.value,
    setMeta(key, value) {
      s.setMeta.run(key, value);
    },
    seedHash: (kind, recordId) => s.seedHash.get(kind, recordId)?.content_hash,
    recordSeed(kind, recordId, hash, seedVersion) {
      s.recordSeed.run(kind, recordId, hash, seedVersion);
    },
  };
}
