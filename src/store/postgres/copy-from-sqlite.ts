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
import { DERIVED_SETTINGS_KEY, type DerivedSettings, settingsJson } from '../derived-settings.ts';
import type { Queryable, Sql } from './connection.ts';
import { copyRows } from './copy-rows.ts';
import { type TableCopy, tablesFor } from './copy-tables.ts';
import { TOTALS_TABLES } from './derived-rows.ts';
import type { WriteSettings } from './event-writes.ts';
import { rebuildDerived } from './rebuild.ts';

/** Rows a transaction: COPY takes large batches; INSERTs with parameters stay under Postgres's 65,535. */
const BATCH = 2000;
const BULK_BATCH = 25_000;
const PROGRESS = 'migrate_store:';

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
    const hasTable = (name: string) =>
      Boolean(source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
    // A file not opened since a totals table was added lacks it: its derived rows are built again.
    const reuse =
      stored?.value === settingsJson(settings) && Object.values(TOTALS_TABLES).every((t) => hasTable(t.name));
    const copied: Record<string, number> = {};
    for (const table of tablesFor(settings, reuse)) {
      if (!hasTable(table.name)) {
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
