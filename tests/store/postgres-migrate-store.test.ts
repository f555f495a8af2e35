/**
 * `sitrep migrate-store`: a SQLite store copied into Postgres answers as it did, with every
 * revision, the ledger, sources and leads; a copy stopped midway goes on where it stopped when run again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqliteStore, openSqliteStores } from '../../src/store/index.ts';
import { connectPostgres } from '../../src/store/postgres/connection.ts';
import { copyFromSqlite } from '../../src/store/postgres/copy-from-sqlite.ts';
import { openPostgresIntakeStore, openPostgresStores } from '../../src/store/postgres/index.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { openSqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';
import { makeEvent } from '../support/events.ts';
import { makeDraft } from '../support/lead-drafts.ts';
import { testPlaces } from '../support/place-tree.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { digestInput } from '../support/scheduler-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = { ...testPlaces, gazetteerVersion: 'test-1', timeZone: 'America/Port-au-Prince' };

it('copies events with their history, indicators, the ledger, sources and leads, resuming after a stop', async () => {
  const path = join(dir, 'source.db');
  const sqliteStores = openSqliteStores({ path, ...settings });
  const sqlite = sqliteStores.events;
  const events = Array.from({ length: 60 }, (_, i) =>
    makeEvent({
      occurredAt: `2024-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 10}`,
      place: { placeId: i % 2 ? 'delmas' : 'pont-sonde', text: 'x', geoPrecision: 'locality' },
      casualties: i % 3 ? [] : [{ group: 'civilian', kind: 'killed', count: i, qualifier: 'exact' }],
    }),
  );
  await sqlite.putEvents(events, { author: 'import', reason: 'file', at: '2025-01-01T00:00:00Z' });
  await sqlite.putEvents(
    events.slice(0, 10).map((e) => ({ ...e, confidence: 'retracted' as const })),
    { author: 'ana', reason: 'false', at: '2025-01-02T00:00:00Z' },
  );
  await sqlite.putIndicator({
    key: 'kenya-police-deployed',
    label: 'Kenyan police deployed',
    group: 'personnel',
    value: 400,
    comparator: 'at-least',
    unit: 'people',
    asOf: '2024-07',
    source: { publisher: 'Test Wire' },
    reportedAt: '2024-07-20T12:00:00Z',
  });
  const subscriptions = openSqliteSubscriptionStore(path, { now: () => new Date('2025-01-02T11:00:00.000Z') });
  await subscriptions.upsertSubscription(digestInput(), '2025-01-01T00:00:00.000Z');
  const claim = await subscriptions.claim(
    { subscriptionId: 1, period: '2025-01-02', marker: 'm', scheduledAt: '2025-01-02T11:00:00.000Z', late: false },
    'host-a',
    120_000,
  );
  await subscriptions.complete(claim?.row.id ?? 0, 'host-a', 'message-1');
  const speaker = { platform: 'slack' as const, teamId: 'T1', userId: 'U1' };
  await subscriptions.setUserLanguage(speaker, 'ht', '2025-01-02T10:00:00.000Z');
  await subscriptions.close();
  const intake = openSqliteIntakeStore(path);
  const feed = (url: string) => ({ url, kind: 'rss' as const, intervalSeconds: 900, addedBy: 'console' });
  const one = (await intake.addSource(feed('https://a.example.org/f'), '2025-01-02T00:00:00.000Z')).source.id;
  const two = (await intake.addSource(feed('https://b.example.org/f'), '2025-01-02T00:00:00.000Z')).source.id;
  const story = makeDraft({ sourceId: one, title: 'Gang attack in Pont-Sondé' });
  await intake.recordItems([story, makeDraft({ sourceId: one })], '2025-01-02T01:00:00.000Z');
  await intake.recordItems(
    [makeDraft({ sourceId: two, link: story.link, publisher: 'Aggregator' })],
    '2025-01-02T02:00:00.000Z',
  );
  await intake.claimSource(two, 'host-a', 60_000, '2025-01-02T03:00:00.000Z', true);
  await intake.pauseSource(one, 'HTTP 410 Gone', '2025-01-02T04:00:00.000Z');
  const expectedIntake = { sources: await intake.listSources(), leads: await intake.listLeads({ limit: 10 }) };
  await intake.close();
  const expected = {
    count: await sqlite.countEvents({ placeId: 'artibonite' }),
    totals: await sqlite.casualtyTotals({ from: '2024-03-15' }),
    page: await sqlite.listEvents({ placeId: 'ouest' }, { limit: 7 }),
    history: await sqlite.history(events[0]?.id ?? ''),
    changes: await sqlite.changesBetween('2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z', {}, 5),
  };
  // A button's query saved in SQLite still opens after the move.
  const savedQuery = JSON.stringify({ c: 'ask', a: { question: 'what happened near Pont-Sondé last week?' } });
  const savedId = await sqliteStores.savedQueries.save(savedQuery);
  await sqliteStores.close();

  const url = await createTestDatabase();
  const pool = connectPostgres(url, { max: 2 });
  const write = { places: { placePath: settings.placePath, placePoint: settings.placePoint }, ...settings };
  try {
    // Stopped after the revisions: the next run goes on from there.
    await expect(
      copyFromSqlite(path, pool, write, (line) => {
        if (line.startsWith('event_revisions')) throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    const lines: string[] = [];
    const report = await copyFromSqlite(path, pool, write, (line) => lines.push(line));
    expect(lines.at(-1)).toBe('derived rows copied for 60 events');
    expect(report.resumed).toBe(true);
    expect(report.copied.event_revisions).toBe(0);
    expect(report.copied.events).toBe(60);
    expect(report.events).toBe(60);
    // Copied once: a second copy into the same database is refused.
    await expect(copyFromSqlite(path, pool, write)).rejects.toThrow(/already holds/);
  } finally {
    await pool.end();
  }

  const postgres = await openPostgresStores({ url, ...settings });
  try {
    const { events: store } = postgres;
    expect(await store.countEvents({ placeId: 'artibonite' })).toBe(expected.count);
    expect(await store.casualtyTotals({ from: '2024-03-15' })).toEqual(expected.totals);
    expect(await store.listEvents({ placeId: 'ouest' }, { limit: 7 })).toEqual(expected.page);
    expect(await store.history(events[0]?.id ?? '')).toEqual(expected.history);
    expect(await store.changesBetween('2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z', {}, 5)).toEqual(expected.changes);
    expect(await store.latestIndicators()).toHaveLength(1);
    expect(await postgres.subscriptions.getLedgerRow(1, '2025-01-02')).toMatchObject({
      state: 'sent',
      messageId: 'message-1',
      owner: 'host-a',
      completedAt: '2025-01-02T11:00:00.000Z',
    });
    expect(await postgres.subscriptions.userLanguage(speaker)).toBe('ht');
    expect(await postgres.savedQueries.load(savedId)).toBe(savedQuery);
    // New rows take ids after the copied ones.
    const next = await postgres.subscriptions.upsertSubscription(
      digestInput({ channelId: 'c2' }),
      '2025-02-01T00:00:00Z',
    );
    expect(next.id).toBe(2);
  } finally {
    await postgres.close();
  }
  const copiedIntake = await openPostgresIntakeStore(url);
  try {
    expect(await copiedIntake.listSources()).toEqual(expectedIntake.sources);
    expect(await copiedIntake.listLeads({ limit: 10 })).toEqual(expectedIntake.leads);
    expect(expectedIntake.leads.find((l) => l.link === story.link)?.alsoFrom).toHaveLength(1);
    // The lease came along: another host cannot take the source before it runs out.
    expect(await copiedIntake.claimSource(two, 'host-b', 60_000, '2025-01-02T03:00:00.000Z', true)).toBeUndefined();
    const added = await copiedIntake.addSource(feed('https://c.example.org/f'), '2025-02-01T00:00:00.000Z');
    expect(added.source.id).toBe(3);
  } finally {
    await copiedIntake.close();
  }
});

it('rebuilds the derived rows on Postgres when the SQLite file was built with other settings', async () => {
  const path = join(dir, 'source.db');
  const utc = { ...settings, timeZone: 'UTC' };
  const expected = await (async () => {
    const sqlite = openSqliteStore({ path, ...settings });
    try {
      return { count: await sqlite.countEvents({ placeId: 'artibonite' }) };
    } finally {
      await sqlite.close();
    }
  })();
  const url = await createTestDatabase();
  const pool = connectPostgres(url, { max: 2 });
  const lines: string[] = [];
  try {
    const write = { places: { placePath: utc.placePath, placePoint: utc.placePoint }, ...utc };
    await copyFromSqlite(path, pool, write, (line) => lines.push(line));
  } finally {
    await pool.end();
  }
  expect(lines.at(-1)).toBe('derived rows rebuilt for 60 events');
  const postgres = await openPostgresStores({ url, ...utc });
  try {
    expect(await postgres.events.countEvents({ placeId: 'artibonite' })).toBe(expected.count);
  } finally {
    await postgres.close();
  }
});
