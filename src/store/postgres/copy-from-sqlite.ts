/**
 * Copying a SQLite store into Postgres (`sitrep migrate-store`): every table with its history
 * (events, indicators, subscriptions and the ledger, sources and leads),
 * ids kept, a batch of rows per transaction together with how far the copy has come, so a copy
 * that stops (killed, network gone) goes on where it stopped when run again, and no batch is
 * half written. The derived rows are then rebuilt on Postgres from the copied events, with the
 * settings given, in one transaction.
 */
import Database from 'better-sqlite3';
import type { Event } from '../../core/schemas.ts';
import { DERIVED_SETTINGS_KEY } from '../derived-settings.ts';
import type { Queryable, Sql } from './connection.ts';
import type { WriteSettings } from './event-writes.ts';
import { rebuildDerived } from './rebuild.ts';

const BATCH = 2000;
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
}

const flag = (v: unknown) => v === 1 || v === true;

/** In the order foreign keys need. */
const TABLES: TableCopy[] = [
  { name: 'meta', key: ['key'], columns: ['key', 'value'] },
  {
    name: 'event_revisions',
    key: ['id'],
    columns: ['id', 'event_id', 'revision', 'recorded_at', 'author', 'reason', 'json'],
    // Place keys are filled by the rebuild at the end (they depend on the gazetteer).
    convert: (r) => ({ ...r, category: (JSON.parse(String(r.json)) as Event).category, place_keys: [] }),
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
  },
  { name: 'indicators', key: ['id'], columns: ['id', 'key', 'as_of_key', 'reported_at', 'identity', 'json'] },
  { name: 'seed_records', key: ['kind', 'record_id'], columns: ['kind', 'record_id', 'content_hash', 'seed_version'] },
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
    columns: ['source_id', 'item_key', 'rowid AS seq', 'lead_id', 'link', 'publisher', 'content_hash', 'first_seen_at'],
    optional: true,
  },
];

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
    const copied: Record<string, number> = {};
    for (const table of TABLES) {
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
    // The SQLite file's record of its own derived rows means nothing here.
    await pool`DELETE FROM meta WHERE key IN ('index_built_with', ${DERIVED_SETTINGS_KEY})`;
    const events = await rebuildDerived(pool, settings);
    progress(`derived rows rebuilt for ${events} events`);
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
  const read = source.prepare(
    `SELECT ${table.columns.join(', ')} FROM ${table.name}
     WHERE (${keyList}) > (${table.key.map(() => '?').join(', ')}) ORDER BY ${keyList} LIMIT ${BATCH}`,
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
      await tx`INSERT INTO ${tx(table.name)} ${tx(converted as Record<string, unknown>[])} ON CONFLICT DO NOTHING`;
      await tx`INSERT INTO meta (key, value) VALUES (${progressKey}, ${JSON.stringify(after)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    });
    count += rows.length;
  }
}
