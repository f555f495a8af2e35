/**
 * The benchmark's bulk writer must leave exactly the rows Store.putEvent leaves, or the
 * benchmark measures a database the bot never has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { bulkWrite } from '../../bench/bulk-write.ts';
import { type GeneratedEvent, generateEvents } from '../../bench/generate-events.ts';
import { openApp } from '../../src/app.ts';
import { Event } from '../../src/core/schemas.ts';
import { testSeed } from '../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES: Record<string, string> = {
  event_revisions: 'id',
  events: 'id',
  event_index: 'key, sort_key, event_id',
  event_casualties: 'event_id, seq',
  event_counts: 'key, month, confidence',
  casualty_counts: 'key, month, grp, kind, confidence',
  casualty_years: 'key, year, grp, kind, confidence',
  category_totals: 'key, category, confidence',
  category_casualty_totals: 'key, category, grp, kind, confidence',
  point_totals: 'key, lat, lon, category, confidence',
  point_casualty_totals: 'key, lat, lon, category, grp, kind, confidence',
};

function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(TABLES).map(([table, order]) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
      ]),
    );
  } finally {
    db.close();
  }
}

describe('bench generator and bulk writer', () => {
  const events: GeneratedEvent[] = [...generateEvents(400, testSeed().places, 7)];

  it('generates valid, varied, repeatable events', async () => {
    for (const revisions of events) for (const r of revisions) expect(() => Event.parse(r.event)).not.toThrow();
    const again = [...generateEvents(400, testSeed().places, 7)];
    expect(again).toEqual(events);
    const current = events.map((r) => r[r.length - 1]?.event as Event);
    expect(events.some((r) => r.length > 1)).toBe(true);
    for (const confidence of ['confirmed', 'reported', 'disputed', 'retracted']) {
      expect(
        current.some((e) => e.confidence === confidence),
        confidence,
      ).toBe(true);
    }
    expect(new Set(current.map((e) => e.category)).size).toBeGreaterThan(6);
    expect(current.filter((e) => e.casualties.length > 0).length).toBeGreaterThan(40);
  });

  it('writes exactly the rows putEvent writes', async () => {
    const bulkPath = join(dir, 'bulk.db');
    const refPath = join(dir, 'ref.db');
    expect(await bulkWrite({ dbPath: bulkPath, seed: testSeed() }, events)).toBe(events.length);
    const app = await openApp({ dbPath: refPath, seed: testSeed() });
    try {
      for (const revisions of events) {
        for (const r of revisions)
          await app.services.store.putEvent(r.event, { author: 'bench', reason: r.reason, at: r.at });
      }
    } finally {
      await app.close();
    }
    const bulk = dump(bulkPath);
    const ref = dump(refPath);
    expect((bulk.event_index ?? []).length).toBeGreaterThan(events.length * 4);
    for (const table of Object.keys(TABLES)) expect(bulk[table], table).toEqual(ref[table]);
  });
});
