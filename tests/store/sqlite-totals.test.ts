/** The SQLite store's totals tables: in step with each other and with the events after revisions and rebuilds, with no rows left at zero. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-totals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite totals tables', () => {
  it('keep all-time, yearly and monthly totals equal, and delete rows that fall to zero', async () => {
    const path = join(dir, 'totals.db');
    const store = openSqliteStore({ path, ...testPlaces, gazetteerVersion: 'test-1' });
    const at = (d: number) => ({ author: 't', reason: 't', at: `2025-05-${String(d).padStart(2, '0')}T00:00:00Z` });
    const events = Array.from({ length: 12 }, (_, i) =>
      makeEvent({
        occurredAt: `202${3 + (i % 2)}-0${1 + (i % 9)}-10`,
        casualties: [{ group: 'mss', kind: 'injured', count: i, qualifier: 'exact' }],
      }),
    );
    for (const e of events) await store.putEvent(e, at(1));
    // Every event moves to another month, place and category, and half are retracted.
    for (const [i, e] of events.entries()) {
      await store.putEvent(
        {
          ...e,
          occurredAt: '2022-12-01',
          category: 'attack',
          place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
          confidence: i % 2 ? 'retracted' : 'confirmed',
          casualties: [{ group: 'gang', kind: 'killed', count: 1, qualifier: 'at-least' }],
        },
        at(2),
      );
    }
    await store.close();

    const db = new Database(path, { readonly: true });
    const zero = (sql: string) => db.prepare(sql).pluck().get();
    expect(zero('SELECT count(*) FROM event_counts WHERE events = 0')).toBe(0);
    expect(zero('SELECT count(*) FROM event_totals WHERE events = 0')).toBe(0);
    expect(zero('SELECT count(*) FROM casualty_counts WHERE reports = 0')).toBe(0);
    expect(zero('SELECT count(*) FROM casualty_years WHERE reports = 0')).toBe(0);
    expect(zero('SELECT count(*) FROM casualty_totals WHERE reports = 0')).toBe(0);
    // Nothing is left of the first versions' months, places or casualties.
    expect(zero("SELECT count(*) FROM event_counts WHERE month <> '2022-12'")).toBe(0);
    expect(zero("SELECT count(*) FROM casualty_totals WHERE key = 'place:pont-sonde' OR grp = 'mss'")).toBe(0);
    const allTime = db.prepare('SELECT key, confidence, events FROM event_totals ORDER BY key, confidence').all();
    const monthly = db
      .prepare('SELECT key, confidence, sum(events) AS events FROM event_counts GROUP BY 1, 2 ORDER BY 1, 2')
      .all();
    expect(allTime).toEqual(monthly);
    expect(allTime).toContainEqual({ key: 'place:kenscoff', confidence: 'retracted', events: 6 });
    const casualties = (table: string) =>
      db
        .prepare(`SELECT key, grp, kind, confidence, sum(total) AS total, sum(at_least) AS at_least,
            sum(unknown) AS unknown, sum(reports) AS reports FROM ${table} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
        .all();
    expect(casualties('casualty_totals')).toEqual(casualties('casualty_counts'));
    expect(casualties('casualty_years')).toEqual(casualties('casualty_counts'));
    expect(casualties('casualty_totals')).toContainEqual({
      key: 'category:attack',
      grp: 'gang',
      kind: 'killed',
      confidence: 'confirmed',
      total: 6,
      at_least: 6,
      unknown: 0,
      reports: 6,
    });
    db.close();
    expectCategoryTotalsFromScratch(path);
    expectPointTotalsFromScratch(path);
    // Rebuilt for a different gazetteer: the category and point totals follow.
    await openSqliteStore({ path, ...testPlaces, gazetteerVersion: 'test-2', rebuildDerived: true }).close();
    expectCategoryTotalsFromScratch(path);
    expectPointTotalsFromScratch(path);
  });
});

/** The category totals kept by triggers equal the same totals counted from the events. */
function expectCategoryTotalsFromScratch(path: string): void {
  const db = new Database(path, { readonly: true });
  const keys = `CROSS JOIN json_each(e.index_keys) j WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*'`;
  expect(db.prepare('SELECT * FROM category_totals ORDER BY 1, 2, 3').all()).toEqual(
    db
      .prepare(`SELECT j.value AS key, e.category, e.confidence, count(*) AS events FROM events e ${keys}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
      .all(),
  );
  const kept = db.prepare('SELECT * FROM category_casualty_totals ORDER BY 1, 2, 3, 4, 5').all();
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(
    db
      .prepare(`SELECT j.value AS key, e.category, c.grp, c.kind, e.confidence, sum(coalesce(c.count, 0)) AS total,
          sum(c.qualifier = 'at-least') AS at_least, sum(c.qualifier = 'unknown') AS unknown, count(*) AS reports
        FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id ${keys} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)
      .all(),
  );
  db.close();
}

/** The per-point totals kept with the other derived rows equal the same totals counted from the events. */
function expectPointTotalsFromScratch(path: string): void {
  const db = new Database(path, { readonly: true });
  const keys = `CROSS JOIN json_each(e.index_keys) j
    WHERE (j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL`;
  const kept = db.prepare('SELECT * FROM point_totals ORDER BY 1, 2, 3, 4, 5').all();
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(
    db
      .prepare(`SELECT j.value AS key, e.lat, e.lon, e.category, e.confidence, count(*) AS events FROM events e ${keys}
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)
      .all(),
  );
  const casualties = db.prepare('SELECT * FROM point_casualty_totals ORDER BY 1, 2, 3, 4, 5, 6, 7').all();
  expect(casualties.length).toBeGreaterThan(0);
  expect(casualties).toEqual(
    db
      .prepare(`SELECT j.value AS key, e.lat, e.lon, e.category, c.grp, c.kind, e.confidence,
          sum(coalesce(c.count, 0)) AS total, sum(c.qualifier = 'at-least') AS at_least,
          sum(c.qualifier = 'unknown') AS unknown, count(*) AS reports
        FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id ${keys}
        GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`)
      .all(),
  );
  db.close();
}
