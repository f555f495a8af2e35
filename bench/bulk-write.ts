/**
 * Writes generated events straight into a store file, in one transaction with prepared
 * statements: the rows Store.putEvent would write (revisions, the current row, index rows,
 * casualties), with the monthly totals summed in memory and written once at the end. The store
 * file is created, migrated and seeded by openApp first, so its schema and seed are the real
 * ones. tests/bench/bulk-write.test.ts checks the result against putEvent row for row.
 */
import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import type { Event } from '../src/core/schemas.ts';
import type { SeedData } from '../src/data/load.ts';
import { canonicalJson } from '../src/store/canonical-json.ts';
import { indexEntryOf, type PlaceResolver } from '../src/store/event-index.ts';
import { instantKeyOf, sortKeyOf } from '../src/store/sort-key.ts';
import type { GeneratedEvent } from './generate-events.ts';

export interface BulkWriteOptions {
  dbPath: string;
  seed: SeedData;
  timeZone?: string;
}

interface Totals {
  events: number;
}
interface CasualtyTotal {
  total: number;
  atLeast: number;
  unknown: number;
  reports: number;
}

export async function bulkWrite(options: BulkWriteOptions, events: Iterable<GeneratedEvent>): Promise<number> {
  const timeZone = options.timeZone ?? 'America/Port-au-Prince';
  // Create, migrate and seed the file exactly as the bot does.
  const app = await openApp({ dbPath: options.dbPath, seed: options.seed, settings: { timeZone } });
  const { gazetteer } = app.services;
  await app.close();

  const db = new Database(options.dbPath);
  // A fresh file written once: a rollback journal in memory while writing (the WAL would hold a
  // second copy of every page); WAL again at the end, as the store keeps it.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const places: PlaceResolver = {
    placePath: (id: string) => gazetteer.pathOf(id),
    placePoint: (id: string) => gazetteer.get(id),
  };
  const insertRevision = db.prepare(
    'INSERT INTO event_revisions (event_id, revision, recorded_at, author, reason, json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare(`INSERT INTO events (id, revision, revision_row, sort_key, category, confidence,
      place_id, lat, lon, index_keys, recorded_at, first_recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertKey = db.prepare(
    'INSERT INTO event_index (key, sort_key, event_id, confidence, lat, lon) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertCasualty = db.prepare(
    'INSERT INTO event_casualties (event_id, seq, grp, kind, count, qualifier) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addCount = db.prepare(`INSERT INTO event_counts (key, month, confidence, events) VALUES (?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET events = events + excluded.events`);
  const addCasualties = db.prepare(`INSERT INTO casualty_counts
      (key, month, grp, kind, confidence, total, at_least, unknown, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET total = total + excluded.total, at_least = at_least + excluded.at_least,
      unknown = unknown + excluded.unknown, reports = reports + excluded.reports`);

  const counts = new Map<string, Totals>();
  const casualtyCounts = new Map<string, CasualtyTotal>();
  const author = 'bench';
  let written = 0;

  /** Adds (sign 1) or takes back (sign -1) an event's share of the monthly totals. */
  function addTotals(event: Event, sortKey: string, keys: string[], sign: 1 | -1): void {
    const { confidence } = event;
    const month = sortKey.slice(0, 7);
    const sums = new Map<string, CasualtyTotal>();
    for (const c of event.casualties) {
      const key = `${c.group}\u0000${c.kind}`;
      const sum = sums.get(key) ?? { total: 0, atLeast: 0, unknown: 0, reports: 0 };
      sum.total += c.count ?? 0;
      sum.atLeast += c.qualifier === 'at-least' ? 1 : 0;
      sum.unknown += c.qualifier === 'unknown' ? 1 : 0;
      sum.reports += 1;
      sums.set(key, sum);
    }
    for (const key of keys) {
      const countKey = `${key}\u0000${month}\u0000${confidence}`;
      const count = counts.get(countKey);
      if (count) count.events += sign;
      else counts.set(countKey, { events: sign });
      if (key.startsWith('cell:')) continue;
      for (const [groupKind, s] of sums) {
        const k = `${countKey}\u0000${groupKind}`;
        const total = casualtyCounts.get(k);
        const into = total ?? { total: 0, atLeast: 0, unknown: 0, reports: 0 };
        into.total += sign * s.total;
        into.atLeast += sign * s.atLeast;
        into.unknown += sign * s.unknown;
        into.reports += sign * s.reports;
        if (!total) casualtyCounts.set(k, into);
      }
    }
  }

  const writeAll = db.transaction(() => {
    for (const revisions of events) {
      let revisionRow = 0;
      let firstAt = '';
      let current: Event | undefined;
      let at = '';
      revisions.forEach((r, i) => {
        // The store adds each revision's totals and takes the earlier one's back, which leaves
        // rows at zero where nothing else counts: the same here.
        if (current) {
          const earlier = indexEntryOf(current, places);
          const sortKey = sortKeyOf(current.occurredAt, timeZone);
          addTotals(current, sortKey, earlier.keys, 1);
          addTotals(current, sortKey, earlier.keys, -1);
        }
        at = instantKeyOf(r.at);
        if (i === 0) firstAt = at;
        revisionRow = Number(
          insertRevision.run(r.event.id, i + 1, at, author, r.reason, canonicalJson(r.event)).lastInsertRowid,
        );
        current = r.event;
      });
      const event = current as Event;
      const item = indexEntryOf(event, places);
      const sortKey = sortKeyOf(event.occurredAt, timeZone);
      insertEvent.run(
        event.id,
        revisions.length,
        revisionRow,
        sortKey,
        event.category,
        event.confidence,
        event.place.placeId ?? null,
        item.lat,
        item.lon,
        JSON.stringify(item.keys),
        at,
        firstAt,
      );
      for (const key of item.keys) insertKey.run(key, sortKey, event.id, event.confidence, item.lat, item.lon);
      event.casualties.forEach((c, seq) => {
        insertCasualty.run(event.id, seq, c.group, c.kind, c.count, c.qualifier);
      });
      addTotals(event, sortKey, item.keys, 1);
      written += 1;
    }
    for (const [k, v] of counts) {
      const [key, month, confidence] = k.split('\u0000');
      addCount.run(key, month, confidence, v.events);
    }
    for (const [k, v] of casualtyCounts) {
      const [key, month, confidence, grp, kind] = k.split('\u0000');
      addCasualties.run(key, month, grp, kind, confidence, v.total, v.atLeast, v.unknown, v.reports);
    }
    // The per (place or square, category) and per (square, point, category) totals, counted again
    // from every row (seed and generated).
    db.exec(`DELETE FROM category_totals;
      DELETE FROM category_casualty_totals;
      INSERT INTO category_totals (key, category, confidence, events)
        SELECT j.value, e.category, e.confidence, count(*) FROM events e CROSS JOIN json_each(e.index_keys) j
        WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*' GROUP BY 1, 2, 3;
      INSERT INTO category_casualty_totals (key, category, grp, kind, confidence, total, at_least, unknown, reports)
        SELECT j.value, e.category, c.grp, c.kind, e.confidence, sum(coalesce(c.count, 0)), sum(c.qualifier = 'at-least'),
          sum(c.qualifier = 'unknown'), count(*)
        FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id CROSS JOIN json_each(e.index_keys) j
        WHERE j.value GLOB 'place:*' OR j.value GLOB 'square:*' GROUP BY 1, 2, 3, 4, 5;
      DELETE FROM point_totals;
      DELETE FROM point_casualty_totals;
      INSERT INTO point_totals (key, lat, lon, category, confidence, events)
        SELECT j.value, e.lat, e.lon, e.category, e.confidence, count(*) FROM events e CROSS JOIN json_each(e.index_keys) j
        WHERE (j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO point_casualty_totals (key, lat, lon, category, grp, kind, confidence, total, at_least, unknown,
          reports)
        SELECT j.value, e.lat, e.lon, e.category, c.grp, c.kind, e.confidence, sum(coalesce(c.count, 0)),
          sum(c.qualifier = 'at-least'), sum(c.qualifier = 'unknown'), count(*)
        FROM event_casualties c CROSS JOIN events e ON e.id = c.event_id CROSS JOIN json_each(e.index_keys) j
        WHERE (j.value GLOB 'square:*' OR j.value GLOB 'place:*') AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;`);
  });
  try {
    writeAll();
    // No ANALYZE: the store never runs it, so the planner sees what it sees in production.
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return written;
}
