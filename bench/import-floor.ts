/**
 * The floor under an import: the rows it left in a store file, written again into a fresh store
 * file by prepared statements in one transaction, per event in the order the store writes them
 * (revision, event row, index rows, casualties), then the monthly totals (their triggers
 * firing as they do for the store). No parsing, no checks, no JSON: what SQLite alone costs.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import type { SeedData } from '../src/data/load.ts';
import { outDir } from './database.ts';

type Row = Record<string, unknown>;

const byEvent = (rows: Row[]) => {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row.event_id as string;
    const list = map.get(id);
    if (list) list.push(row);
    else map.set(id, [row]);
  }
  return map;
};

/** Rows per second for writing, by SQL alone, the rows that `author`'s import left in `importedPath`. */
export async function measureWriteFloor(importedPath: string, seed: SeedData, author: string): Promise<number> {
  const path = `${outDir}import-floor.db`;
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };
  remove();
  await (await openApp({ dbPath: path, seed })).close();
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.prepare('ATTACH ? AS src').run(importedPath);
    const revisions = db
      .prepare(
        'SELECT event_id, revision, recorded_at, author, reason, json FROM src.event_revisions WHERE author = ? ORDER BY id',
      )
      .all(author) as Row[];
    const events = new Map(
      (db.prepare('SELECT * FROM src.events').all() as Row[]).map((e) => [e.id as string, e] as const),
    );
    const index = byEvent(db.prepare('SELECT * FROM src.event_index').all() as Row[]);
    const casualties = byEvent(db.prepare('SELECT * FROM src.event_casualties').all() as Row[]);
    const counts = db.prepare('SELECT * FROM src.event_counts').all() as Row[];
    const casualtyCounts = db.prepare('SELECT * FROM src.casualty_counts').all() as Row[];
    db.exec('DETACH src');

    const insertRevision =
      db.prepare(`INSERT INTO event_revisions (event_id, revision, recorded_at, author, reason, json)
      VALUES (@event_id, @revision, @recorded_at, @author, @reason, @json)`);
    const insertEvent = db.prepare(`INSERT INTO events (id, revision, revision_row, sort_key, category, confidence,
        place_id, lat, lon, index_keys, recorded_at, first_recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertKey = db.prepare(`INSERT INTO event_index (key, sort_key, event_id, confidence, lat, lon)
      VALUES (@key, @sort_key, @event_id, @confidence, @lat, @lon)`);
    const insertCasualty = db.prepare(`INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier)
      VALUES (@event_id, @seq, @grp, @kind, @count, @qualifier)`);
    const setCount = db.prepare(`INSERT INTO event_counts (key, month, confidence, events)
      VALUES (@key, @month, @confidence, @events) ON CONFLICT DO UPDATE SET events = excluded.events`);
    const setCasualties = db.prepare(`INSERT INTO casualty_counts
        (key, month, grp, kind, confidence, total, at_least, unknown, reports)
      VALUES (@key, @month, @grp, @kind, @confidence, @total, @at_least, @unknown, @reports)
      ON CONFLICT DO UPDATE SET total = excluded.total, at_least = excluded.at_least, unknown = excluded.unknown,
        reports = excluded.reports`);

    const started = performance.now();
    db.transaction(() => {
      for (const revision of revisions) {
        const id = revision.event_id as string;
        const row = insertRevision.run(revision).lastInsertRowid;
        const e = events.get(id) as Row;
        insertEvent.run(
          id,
          e.revision,
          row,
          e.sort_key,
          e.category,
          e.confidence,
          e.place_id,
          e.lat,
          e.lon,
          e.index_keys,
          e.recorded_at,
          e.first_recorded_at,
        );
        for (const key of index.get(id) ?? []) insertKey.run(key);
        for (const casualty of casualties.get(id) ?? []) insertCasualty.run(casualty);
      }
      for (const count of counts) setCount.run(count);
      for (const count of casualtyCounts) setCasualties.run(count);
    }).immediate();
    return Math.round(revisions.length / ((performance.now() - started) / 1000));
  } finally {
    db.close();
    remove();
  }
}
