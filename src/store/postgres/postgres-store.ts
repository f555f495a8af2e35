/**
 * The Postgres store (postgres.js): a pool per process, Postgres's own migrations applied on
 * open, the settings that shape derived rows checked against the stored ones, every write batch
 * in one transaction behind the event write lock, and reads that take several statements in one
 * read-only snapshot.
 */
import type { Event } from '../../core/schemas.ts';
import type { EventKey, EventPage, EventRevision, Store, StoredEvent } from '../../core/store-port.ts';
import { outsideKey, PERSON_KEYS, type PlaceResolver } from '../event-index.ts';
import { createParsedRevisions } from '../parsed-revisions.ts';
import { instantKeyOf } from '../sort-key.ts';
import type { Queryable, Sql } from './connection.ts';
import { changesBetween } from './event-changes.ts';
import { createPostgresEventQueries } from './event-queries.ts';
import { writeEvents } from './event-writes.ts';
import { createPostgresRecords } from './records.ts';

interface RevisionRow {
  event_id: string;
  revision: number;
  recorded_at: string;
  author: string;
  reason: string;
  json: string;
}

interface HeadRow {
  id: string;
  revision: number;
  revision_row: number;
  recorded_at: string;
  first_recorded_at: string;
  json: string;
}

/** Parsed revisions kept per store: about 2 KB each, so at most some 10 MB. */
const PARSED_REVISIONS = 5000;

export interface EventStoreSettings {
  places: PlaceResolver;
  timeZone: string;
}

const toRevision = (row: RevisionRow): EventRevision => ({
  eventId: row.event_id,
  revision: row.revision,
  recordedAt: row.recorded_at,
  author: row.author,
  reason: row.reason,
  event: JSON.parse(row.json) as Event,
});

/** The events store on a pool (`pool`), or on an open transaction of it (`inside`). */
export function createPostgresEventStore(pool: Sql, settings: EventStoreSettings): Store {
  const parsed = createParsedRevisions(PARSED_REVISIONS);
  const queries = createPostgresEventQueries(settings.timeZone);

  function on(sql: Queryable, inTransaction: boolean): Store {
    /** Runs `fn` in a transaction: a new one on the pool, or the open one. */
    const atomically = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
      inTransaction ? fn(sql) : (pool.begin((tx) => fn(tx)) as Promise<T>);
    /** Runs `fn`'s several statements in one snapshot (an answer of one statement needs none). */
    const snapshot = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
      inTransaction ? fn(sql) : (pool.begin('isolation level repeatable read read only', (tx) => fn(tx)) as Promise<T>);

    const toStored = (row: HeadRow): StoredEvent => ({
      event: parsed.get(row.revision_row, () => row.json),
      revision: row.revision,
      recordedAt: row.recorded_at,
      firstRecordedAt: row.first_recorded_at,
    });
    const heads = (db: Queryable, ids: string[]) =>
      db<HeadRow[]>`SELECT e.id, e.revision, e.revision_row, e.recorded_at, e.first_recorded_at, r.json
        FROM events e JOIN event_revisions r ON r.id = e.revision_row WHERE e.id = ANY(${ids}::text[])`;

    async function listEvents(
      db: Queryable,
      query: Parameters<Store['listEvents']>[0],
      page: Parameters<Store['listEvents']>[1],
    ): Promise<EventPage> {
      const p = await queries.plan(db, query);
      const backwards = page.before !== undefined;
      const rows = await queries.keys(db, p, backwards ? 'newer' : 'older', page.before ?? page.after, page.limit + 1);
      const more = rows.length > page.limit;
      const keys = rows.slice(0, page.limit);
      if (backwards) keys.reverse();
      const byId = new Map(
        (
          await heads(
            db,
            keys.map((k) => k.event_id),
          )
        ).map((row) => [row.id, toStored(row)]),
      );
      const result: EventPage = { events: keys.map((k) => byId.get(k.event_id) as StoredEvent) };
      const keyOf = (row: { sort_key: string; event_id: string }): EventKey => ({
        sortKey: row.sort_key,
        id: row.event_id,
      });
      const first = keys[0];
      const last = keys[keys.length - 1];
      if (backwards) {
        if (more && first) result.previousKey = keyOf(first);
        const anchor = last ? keyOf(last) : page.before;
        if (anchor && (await queries.keys(db, p, 'older', anchor, 1)).length > 0) result.nextKey = anchor;
      } else {
        if (more && last) result.nextKey = keyOf(last);
        const anchor = first ? keyOf(first) : page.after;
        if (page.after && anchor && (await queries.keys(db, p, 'newer', anchor, 1)).length > 0)
          result.previousKey = anchor;
      }
      return result;
    }

    const store: Store = {
      putEvent: async (event, meta) =>
        (await atomically((tx) => writeEvents(tx, [event], meta, settings)))[0] as {
          revision: number;
          changed: boolean;
        },
      putEvents: (events, meta) => atomically((tx) => writeEvents(tx, events, meta, settings)),
      async getEvent(id) {
        const [row] = await heads(sql, [id]);
        return row ? toStored(row) : undefined;
      },
      async history(id) {
        const rows = await sql<RevisionRow[]>`SELECT event_id, revision, recorded_at, author, reason, json
          FROM event_revisions WHERE event_id = ${id} ORDER BY revision`;
        return rows.map(toRevision);
      },
      listEvents(query, page) {
        if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) {
          return Promise.reject(new Error(`page limit must be an integer from 1 to 1000, got ${page.limit}`));
        }
        if (page.after && page.before)
          return Promise.reject(new Error('a page request gives `after` or `before`, not both'));
        return snapshot((db) => listEvents(db, query, page));
      },
      countEvents(query) {
        const p = queries.planWithoutLookups(query);
        return p && queries.answersInOne(p) ? queries.count(sql, query, p) : snapshot((db) => queries.count(db, query));
      },
      casualtyTotals(query) {
        const p = queries.planWithoutLookups(query);
        return p && queries.answersInOne(p)
          ? queries.casualtyTotals(sql, query, p)
          : snapshot((db) => queries.casualtyTotals(db, query));
      },
      async placementsOutside(placeId) {
        const prefix = `${outsideKey(placeId)}:`;
        const rows = await sql<{ key: string }[]>`SELECT DISTINCT key FROM event_totals
          WHERE key >= ${prefix} AND key < ${`${outsideKey(placeId)};`} AND confidence <> 'retracted' ORDER BY key`;
        return rows.map((r) => r.key.slice(prefix.length));
      },
      async namedPeople() {
        const rows = await sql<{ key: string }[]>`SELECT DISTINCT key FROM event_totals
          WHERE key >= ${PERSON_KEYS.from} AND key < ${PERSON_KEYS.until} AND confidence <> 'retracted' ORDER BY key`;
        return rows.map((r) => r.key.slice(PERSON_KEYS.from.length));
      },
      async revisionsBetween(since, until, limit) {
        if (!Number.isInteger(limit) || limit < 0) throw new Error(`limit must be a whole number, got ${limit}`);
        const rows = await sql<RevisionRow[]>`SELECT event_id, revision, recorded_at, author, reason, json
          FROM event_revisions WHERE recorded_at >= ${instantKeyOf(since)} AND recorded_at < ${instantKeyOf(until)}
          ORDER BY recorded_at, id LIMIT ${limit}`;
        return rows.map(toRevision);
      },
      async countRevisionsBetween(since, until) {
        const [row] = await sql<{ n: number }[]>`SELECT count(*) AS n FROM event_revisions
          WHERE recorded_at >= ${instantKeyOf(since)} AND recorded_at < ${instantKeyOf(until)}`;
        return row?.n ?? 0;
      },
      changesBetween: async (since, until, filter, limit) =>
        changesBetween(sql, parsed, instantKeyOf(since), instantKeyOf(until), filter, limit),
      ...createPostgresRecords(sql, settings.timeZone),
      transaction: <T>(fn: (tx: Store) => Promise<T>): Promise<T> =>
        inTransaction ? fn(store) : (pool.begin((tx) => fn(on(tx, true))) as Promise<T>),
      close: inTransaction
        ? () => Promise.reject(new Error('store: close the store, not a transaction'))
        : async () => {
            await pool.end();
          },
    };
    return store;
  }

  return on(pool, false);
}
