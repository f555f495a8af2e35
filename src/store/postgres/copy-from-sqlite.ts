/**
 * Copying a SQLite store into Postgres (`sitrep migrate-store`): every table with its history
 * (events, indicators, subscriptions and the ledger, sources and leads),
 * ids kept, a batch of rows per transaction together with how far the copy has come, so a copy
 * that stops (killed, network gone) goes on where it stopped when run again, and no batch is
 * half written; the big tables go through COPY. When the SQLite file's derived rows were built
 * with the settings given they are copied too (the two stores keep the same derived tables);
 * else they are rebuilt on Postgres from the copied events, in one transaction at the end.
 */
import Database from 'better-sqlite3';
import type { Event } from '../../core/schemas.ts';
import { DERIVED_SETTINGS_KEY, type DerivedSettings, settingsJson } from '../derived-settings.ts';
import type { Queryable, Sql } from './connection.ts';
import { copyRows } from './copy-rows.ts';
import { TOTALS_TABLES } from './derived-rows.ts';
import { derivedOf, placeKeysOf, type WriteSettings } from './event-writes.ts';
import { rebuildDerived } from './rebuild.ts';

/** Rows a transaction: COPY takes large batches; INSERTs with parameters stay under Postgres's 65,535. */
const BATCH = 2000;
const BULK_BATCH = 25_000;
const PROGRESS = 'migrate_store:';

interface TableCopy {
  name: string;
  /** The primary key the rows are read in order of (and resumed after). */
  key: string[];
  /** Columns read from SQLite; `convert` gives the row as Postgres stores it. */
  columns: string[];
  convert?: (row: Record<string, unknown>) => Record<string, unknown>;
  /** Only in newer SQLite files. */
  optional?: boolean;
  /** A key before every row's, when not 0 for "id" and '' for text keys. */
  before?: unknown[];
  /** What the rows are read from, when not the table itself (a subquery with the same key). */
  from?: string;
  /** Written with COPY, in large batches (big tables that Postgres does not hold before the copy). */
  bulk?: boolean;
}

const flag = (v: unknown) => v === 1 || v === true;

/**
 * The tables to copy, in the order foreign keys need. With `reuse`, the SQLite file's derived
 * rows were built with the settings wanted: event_index, event_casualties, the totals and the
 * cell bounds are copied as they are, and each revision's place keys are the current row's
 * (worked out only for the few older revisions), instead of deriving every event again.
 */
function tablesFor(settings: WriteSettings, reuse: boolean): TableCopy[] {
  const revision = (r: Record<string, unknown>) => {
    const { current_category, current_keys, ...row } = r;
    if (reuse && typeof current_keys === 'string')
      return { ...row, category: current_category, place_keys: placeKeysOf(JSON.parse(current_keys) as string[]) };
    const event = JSON.parse(String(row.json)) as Event;
    // Without reuse, place keys are filled by the rebuild at the end (they depend on the gazetteer).
    const placeKeys = reuse ? placeKeysOf(derivedOf(event, String(row.json), 0, settings).keys) : [];
    return { ...row, category: event.category, place_keys: placeKeys };
  };
  return [
    { name: 'meta', key: ['key'], columns: ['key', 'value'] },
    {
      name: 'event_revisions',
      key: ['id'],
      from: `(SELECT r.*, e.category AS current_category, e.index_keys AS current_keys FROM event_revisions r
      LEFT JOIN events e ON e.id = r.event_id AND e.revision_row = r.id)`,
      columns: [
        'id',
        'event_id',
        'revision',
        'recorded_at',
        'author',
        'reason',
        'json',
        'current_category',
        'current_keys',
      ],
      convert: revision,
      bulk: true,
    },
    {
      name: 'events',
      key: ['id'],
      columns: [
        'id',
        'revision',
        'revision_row',
        'sort_key',
        'category',
        'confidence',
        'place_id',
        'lat',
        'lon',
        'index_keys',
        'recorded_at',
        'first_recorded_at',
      ],
      convert: (r) => ({ ...r, index_keys: JSON.parse(String(r.index_keys)) as string[] }),
      bulk: true,
    },
    ...(reuse
      ? [
          {
            name: 'event_index',
            key: ['key', 'sort_key', 'event_id'],
            columns: ['key', 'sort_key', 'event_id', 'confidence', 'lat', 'lon'],
            bulk: true,
          },
          {
            name: 'event_casualties',
            key: ['event_id', 'seq'],
            columns: ['event_id', 'seq', 'grp', 'kind', 'count', 'qualifier'],
            bulk: true,
          },
          // The same tables with the same rows on both stores: copied rather than grouped again.
          ...Object.values(TOTALS_TABLES).map((t) => ({
            name: t.name,
            key: [...t.keyColumns],
            columns: [...t.keyColumns, ...t.sumColumns],
            bulk: true,
          })),
          {
            name: 'cell_bounds',
            key: ['key'],
            columns: ['key', 'min_lat', 'max_lat', 'min_lon', 'max_lon'],
            bulk: true,
          },
        ]
      : []),
    { name: 'indicators', key: ['id'], columns: ['id', 'key', 'as_of_key', 'reported_at', 'identity', 'json'] },
    {
      name: 'seed_records',
      key: ['kind', 'record_id'],
      columns: ['kind', 'record_id', 'content_hash', 'seed_version'],
    },
    {
      name: 'subscriptions',
      key: ['id'],
      columns: [
        'id',
        'kind',
        'platform',
        'team_id',
        'channel_id',
        'local_time',
        'time_zone',
        'language',
        'place_id',
        'category',
        'created_by',
        'created_at',
        'active_since',
        'removed_at',
        'paused_at',
        'paused_reason',
        'alert_cursor',
      ],
    },
    {
      name: 'send_ledger',
      key: ['id'],
      columns: [
        'id',
        'subscription_id',
        'period',
        'state',
        'marker',
        'scheduled_at',
        'covers_since',
        'covers_until',
        'late',
        'owner',
        'lease_until',
        'attempts',
        'message_id',
        'note',
        'claimed_at',
        'completed_at',
      ],
      convert: (r) => ({ ...r, late: flag(r.late) }),
    },
    { name: 'delivered_events', key: ['key'], columns: ['key', 'delivered_at'], optional: true },
    {
      name: 'user_languages',
      key: ['platform', 'team_id', 'user_id'],
      columns: ['platform', 'team_id', 'user_id', 'language', 'updated_at'],
      optional: true,
    },
    // Live intake: sources with their poll state and lease, leads, and each source's items.
    {
      name: 'intake_sources',
      key: ['id'],
      columns: [
        'id',
        'url',
        'kind',
        'interval_seconds',
        'added_by',
        'added_at',
        'removed_at',
        'paused_at',
        'paused_reason',
        'etag',
        'last_modified',
        'next_poll_at',
        'failures',
        'last_error',
        'last_polled_at',
        'last_delivered_at',
        'cursor',
        'lease_owner',
        'lease_until',
      ],
      optional: true,
    },
    {
      name: 'intake_leads',
      key: ['id'],
      columns: [
        'id',
        'state',
        'link',
        'title',
        'summary',
        'publisher',
        'published_at',
        'title_key',
        'story_at',
        'reading',
        'source_id',
        'item_key',
        'revision',
        'first_seen_at',
        'updated_at',
        'posted_at',
        'decided_by',
        'decided_at',
        'event_id',
        'note',
      ],
      optional: true,
    },
    {
      name: 'intake_items',
      key: ['source_id', 'item_key'],
      // SQLite sorts every number before every text: the source ids start after 0.
      before: [0, ''],
      // The rowid is the order items were seen in, which orders a lead's other sources.
      columns: [
        'source_id',
        'item_key',
        'rowid AS seq',
        'lead_id',
        'link',
        'publisher',
        'content_hash',
        'first_seen_at',
      ],
      optional: true,
    },
  ];
}

/** Columns whose values come from a sequence, set past the copied ones at the end. */
const IDENTITY_COLUMNS: Array<[table: string, column: string]> = [
  ['event_revisions', 'id'],
  ['indicators', 'id'],
  ['subscriptions', 'id'],
  ['send_ledger', 'id'],
  ['intake_sources', 'id'],
  ['intake_leads', 'id'],
  ['intake_items', 'seq'],
];

export interface CopyReport {
  /** Rows copied by this run, per table. */
  copied: Record<string, number>;
  /** Events whose derived rows were rebuilt. */
  events: number;
  /** True when an earlier run had copied part of it. */
  resumed: boolean;
}

/** Copies the SQLite file at `from` into the (migrated) Postgres database of `pool`. */
export async function copyFromSqlite(
  from: string,
  pool: Sql,
  settings: WriteSettings & { gazetteerVersion: string },
  progress: (line: string) => void = () => {},
): Promise<CopyReport> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const [started] = await pool<{ n: number }[]>`SELECT count(*) AS n FROM meta WHERE key LIKE ${`${PROGRESS}%`}`;
    const resumed = (started?.n ?? 0) > 0;
    if (!resumed) {
      const [holds] = await pool<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM event_revisions)
        OR EXISTS (SELECT 1 FROM subscriptions) AS any`;
      if (holds?.any)
        throw new Error('the Postgres database already holds events or subscriptions: copy into an empty one');
    }
    const stored = source.prepare('SELECT value FROM meta WHERE key = ?').get(DERIVED_SETTINGS_KEY) as
      | { value: string }
      | undefined;
    const reuse = stored?.value === settingsJson(settings);
    const copied: Record<string, number> = {};
    for (const table of tablesFor(settings, reuse)) {
      const exists = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table.name);
      if (!exists) {
        if (table.optional) continue;
        throw new Error(`"${from}" is not a Sitrep database: it has no ${table.name} table`);
      }
      copied[table.name] = await copyTable(source, pool, table);
      progress(`${table.name}: ${copied[table.name]} rows`);
    }
    await pool.begin(async (tx) => {
      for (const [table, column] of IDENTITY_COLUMNS) {
        await tx.unsafe(
          `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`,
        );
      }
    });
    // The SQLite file's record of its own derived rows: true of the copied rows only when reused.
    await pool`DELETE FROM meta WHERE key IN ('index_built_with', ${DERIVED_SETTINGS_KEY})`;
    const events = reuse ? await recordCopiedSettings(pool, settings) : await rebuildDerived(pool, settings);
    progress(reuse ? `derived rows copied for ${events} events` : `derived rows rebuilt for ${events} events`);
    await pool`DELETE FROM meta WHERE key LIKE ${`${PROGRESS}%`}`;
    return { copied, events, resumed };
  } finally {
    source.close();
  }
}

/** Copies the rows after the recorded position, a batch per transaction; returns how many. */
async function copyTable(source: Database.Database, pool: Sql, table: TableCopy): Promise<number> {
  const progressKey = `${PROGRESS}${table.name}`;
  const keyList = table.key.join(', ');
  const batch = table.bulk ? BULK_BATCH : BATCH;
  const read = source.prepare(
    `SELECT ${table.columns.join(', ')} FROM ${table.from ?? table.name}
     WHERE (${keyList}) > (${table.key.map(() => '?').join(', ')}) ORDER BY ${keyList} LIMIT ${batch}`,
  );
  const [saved] = await pool<{ value: string }[]>`SELECT value FROM meta WHERE key = ${progressKey}`;
  // Before every key: '' sorts first among texts, and ids start at 1.
  let after: unknown[] = saved
    ? (JSON.parse(saved.value) as unknown[])
    : (table.before ?? table.key.map((k) => (k === 'id' ? 0 : '')));
  let count = 0;
  for (;;) {
    const rows = read.all(...after) as Record<string, unknown>[];
    if (rows.length === 0) return count;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.key.map((k) => last[k]);
    const converted = rows.map((r) => (table.convert ? table.convert(r) : r));
    await pool.begin(async (tx: Queryable) => {
      // The progress row commits with the rows, so a batch is never written twice.
      if (table.bulk) await copyRows(tx, table.name, Object.keys(converted[0] ?? {}), converted);
      else await tx`INSERT INTO ${tx(table.name)} ${tx(converted as Record<string, unknown>[])} ON CONFLICT DO NOTHING`;
      await tx`INSERT INTO meta (key, value) VALUES (${progressKey}, ${JSON.stringify(after)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    });
    count += rows.length;
  }
}

/** Records the settings the copied derived rows were built with; returns how many events. */
async function recordCopiedSettings(pool: Sql, settings: DerivedSettings): Promise<number> {
  await pool`INSERT INTO meta (key, value) VALUES (${DERIVED_SETTINGS_KEY}, ${settingsJson(settings)})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
  const [events] = await pool<{ n: number }[]>`SELECT count(*) AS n FROM events`;
  return events?.n ?? 0;
}
