/**
 * The poll loop against a local server: every kind of source, 304s, a feed whose items change,
 * Retry-After, malformed XML, a private address, ACLED rows as events: every case handled,
 * nothing crashes, nothing doubled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import { createNodeHttpClient } from '../../src/intake/http-client.ts';
import { acledJson, atomFeed, type FixtureItem, jsonFeed, reliefWebJson, rssFeed } from '../support/feed-fixtures.ts';
import { staticFeed } from '../support/feed-server.ts';
import { IntakeWorld } from '../support/intake-harness.ts';

let world: IntakeWorld;
let intake: IntakeStore;
beforeEach(async () => {
  world = await new IntakeWorld().start();
  intake = world.intake();
});
afterEach(() => world.cleanup());

const add = async (path: string, kind: 'rss' | 'atom' | 'jsonfeed' | 'reliefweb' | 'acled' = 'rss') =>
  (
    await intake.addSource(
      { url: world.server.url(path), kind, intervalSeconds: 900, addedBy: 'console' },
      world.clock.now().toISOString(),
    )
  ).source;

const ambush: FixtureItem = {
  title: 'Ambush near Pont-Sondé: gangs kill 2 Kenyan officers',
  link: 'https://wire.example.org/ambush',
  id: 'wire-ambush',
  date: '2025-03-25T23:00:00Z',
};
const kidnapping: FixtureItem = {
  title: 'Kidnapping in Kenscoff: 3 nuns abducted',
  link: 'https://wire.example.org/kenscoff',
  id: 'wire-kenscoff',
  date: '2025-03-26T08:00:00Z',
};

describe('feeds become leads', () => {
  it('RSS, Atom, JSON Feed and ReliefWeb: one lead per story; polled again, 304s and nothing doubled', async () => {
    world.server.routes.set(
      '/rss',
      staticFeed(() => rssFeed([ambush, kidnapping])),
    );
    world.server.routes.set(
      '/atom',
      staticFeed(() => atomFeed([{ ...ambush, link: 'https://mission.example.org/a', id: 'm-1' }])),
    );
    world.server.routes.set(
      '/json',
      staticFeed(
        () =>
          jsonFeed([{ title: 'Protest in Delmas', link: 'https://daily.example.org/p', date: '2025-03-26T10:00:00Z' }]),
        'application/feed+json',
      ),
    );
    world.server.routes.set(
      '/reliefweb',
      staticFeed(
        () =>
          reliefWebJson([
            { title: 'Haiti: Displacement in Artibonite', link: 'https://reliefweb.int/report/haiti/d', id: '9' },
          ]),
        'application/json',
      ),
    );
    for (const [path, kind] of [
      ['/rss', 'rss'],
      ['/atom', 'atom'],
      ['/json', 'jsonfeed'],
      ['/reliefweb', 'reliefweb'],
    ] as const)
      await add(path, kind);
    const poller = world.poller(intake);
    const first = await poller.pollDue();
    expect(first.map((r) => [r.outcome, r.created, r.joined])).toEqual([
      ['fetched', 2, 0],
      ['fetched', 0, 1],
      ['fetched', 1, 0],
      ['fetched', 1, 0],
    ]);
    const leads = await intake.listLeads({ limit: 50 });
    expect(leads.map((l) => l.title).sort()).toEqual([
      'Ambush near Pont-Sondé: gangs kill 2 Kenyan officers',
      'Haiti: Displacement in Artibonite',
      'Kidnapping in Kenscoff: 3 nuns abducted',
      'Protest in Delmas',
    ]);
    const lead = leads.find((l) => l.link === ambush.link);
    // Read from the words: the place, the day, the category, the casualties, and the recorded ambush.
    expect(lead?.reading).toMatchObject({
      placeIds: ['pont-sonde'],
      occurredOn: '2025-03-25',
      category: 'attack',
      casualties: [{ group: 'mss', kind: 'killed', count: 2, qualifier: 'exact' }],
      matches: [{ eventId: '2025-03-25-pont-sonde-ambush' }],
    });
    expect(lead?.alsoFrom).toEqual([
      { sourceId: 2, link: 'https://mission.example.org/a', publisher: 'Mission Press' },
    ]);
    expect(world.server.requestsTo('/reliefweb')[0]?.path).toMatch(/appname=sitrep-test-app/);

    // Not due yet: nothing is fetched.
    expect(await poller.pollDue()).toEqual([]);
    world.clock.advance(15 * 60_000);
    const second = await poller.pollDue();
    expect(second.map((r) => r.outcome)).toEqual(['not-modified', 'not-modified', 'not-modified', 'not-modified']);
    expect(await intake.listLeads({ limit: 50 })).toHaveLength(4);
    const source = await intake.getSource(1);
    expect(source).toMatchObject({ failures: 0, lastDeliveredAt: '2025-03-26T12:00:00.000Z' });
  });

  it('a feed whose items change: an edited item updates its lead, a new one is a new lead', async () => {
    let items = [ambush, kidnapping];
    world.server.routes.set(
      '/rss',
      staticFeed(() => rssFeed(items)),
    );
    await add('/rss');
    const poller = world.poller(intake);
    await poller.pollAll();
    items = [
      { ...ambush, title: 'Ambush near Pont-Sondé: gangs kill 3 Kenyan officers' },
      kidnapping,
      { title: 'Clashes in Delmas', link: 'https://wire.example.org/delmas', id: 'wire-delmas' },
    ];
    const [report] = await poller.pollAll();
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const lead = (await intake.listLeads({ limit: 10 })).find((l) => l.link === ambush.link);
    expect(lead).toMatchObject({ revision: 2, title: 'Ambush near Pont-Sondé: gangs kill 3 Kenyan officers' });
    expect(lead?.reading.casualties).toEqual([{ group: 'mss', kind: 'killed', count: 3, qualifier: 'exact' }]);
    expect(await intake.listLeads({ limit: 10 })).toHaveLength(3);
  });
});

describe('sources that fail', () => {
  it('429 with Retry-After: the next poll waits at least as long as asked; the source keeps its leads', async () => {
    world.server.routes.set('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end());
    const source = await add('/busy');
    const [report] = await world.poller(intake).pollDue();
    expect(report).toMatchObject({ outcome: 'failed', reason: 'HTTP 429, asked to wait 7200 s', paused: false });
    expect(await intake.getSource(source.id)).toMatchObject({ failures: 1, nextPollAt: '2025-03-26T14:00:00.000Z' });
  });

  it('malformed XML: a failure with the reason, backed off, and paused after eight in a row', async () => {
    world.server.routes.set('/broken', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>cut'),
    );
    const source = await add('/broken');
    const poller = world.poller(intake);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = world.clock.now().getTime();
      const [report] = await poller.pollAll();
      expect(report?.reason).toMatch(/^malformed XML at line 1/);
      const after = await intake.getSource(source.id);
      waits.push((Date.parse(after?.nextPollAt ?? '') - before) / 60_000);
      world.clock.advance(60_000);
    }
    // 15 minutes doubled each time, up to a day.
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);
    const paused = await intake.getSource(source.id);
    expect(paused).toMatchObject({ paused: true, failures: 8 });
    expect(paused?.pausedReason).toMatch(/^failed 8 times in a row; last: malformed XML/);
    expect(await world.poller(intake).pollAll()).toEqual([]);
  });

  it('a URL that resolves to a private address: refused, and the source paused with the reason', async () => {
    world.server.routes.set(
      '/rss',
      staticFeed(() => rssFeed([ambush])),
    );
    const source = await add('/rss');
    const guarded = createNodeHttpClient({ allowPrivate: false });
    const [report] = await world.poller(intake, { client: guarded }).pollDue();
    expect(report).toMatchObject({ outcome: 'failed', paused: true, reason: '127.0.0.1 is not a public address' });
    expect(await intake.getSource(source.id)).toMatchObject({
      paused: true,
      pausedReason: '127.0.0.1 is not a public address',
    });
    expect(world.server.requestsTo('/rss')).toHaveLength(0);
    expect(await intake.listLeads({ limit: 10 })).toEqual([]);
  });

  it('a ReliefWeb source without an appname is paused saying what to set', async () => {
    const source = await add('/reliefweb', 'reliefweb');
    await world.poller(intake, { reliefWebAppname: undefined }).pollDue();
    expect(await intake.getSource(source.id)).toMatchObject({
      paused: true,
      pausedReason: 'RELIEFWEB_APPNAME is not set',
    });
  });
});

describe('ACLED API', () => {
  const row = {
    event_id_cnty: 'HTI30001',
    event_date: '2025-03-25',
    location: 'Pont-Sonde',
    notes: 'Gang members attacked a police patrol.',
    fatalities: 2,
    timestamp: 1742950000,
  };

  it('signs in, turns rows into events, a changed row into a new revision, and signs in again on 401', async () => {
    let rows = [row];
    let tokens = 0;
    let refuseNext = false;
    world.server.routes.set('/oauth/token', (_req, res) => {
      tokens++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          token_type: 'Bearer',
          access_token: `token-${tokens}`,
          refresh_token: `refresh-${tokens}`,
          expires_in: 86400,
        }),
      );
    });
    world.server.routes.set('/api/acled/read', (req, res) => {
      if (refuseNext || req.headers.authorization !== `Bearer token-${tokens}`) {
        refuseNext = false;
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(acledJson(rows));
    });
    const source = await add('/api/acled/read?country=Haiti', 'acled');
    const poller = world.poller(intake);
    const [first] = await poller.pollAll();
    expect(first?.events).toEqual({ created: 1, updated: 0, unchanged: 0, keptChanges: 0 });
    const { store } = world.app.services;
    expect((await store.getEvent('acled-hti30001'))?.event).toMatchObject({
      category: 'attack',
      place: { placeId: 'pont-sonde' },
    });
    const signIn = world.server.requestsTo('/oauth/token')[0];
    expect(Object.fromEntries(new URLSearchParams(signIn?.body))).toEqual({
      grant_type: 'password',
      username: 'desk@example.org',
      password: 'pw',
      client_id: 'acled',
      scope: 'authenticated',
    });
    expect(await intake.getSource(source.id)).toMatchObject({ cursor: '1742950000' });

    // The same rows: nothing new. The token is kept.
    expect((await poller.pollAll())[0]?.events).toMatchObject({ created: 0, unchanged: 1 });
    expect(tokens).toBe(1);
    const asked = world.server.requestsTo('/api/acled/read').at(-1)?.path ?? '';
    expect(new URL(asked, 'http://x').searchParams.get('timestamp')).toBe('1742950000');

    // A changed row is a new revision; a refused token is replaced once.
    rows = [{ ...row, fatalities: 3, timestamp: 1742960000 }];
    refuseNext = true;
    const [third] = await poller.pollAll();
    expect(third?.events).toMatchObject({ updated: 1 });
    expect(tokens).toBe(2);
    expect((await store.history('acled-hti30001')).map((r) => r.author)).toEqual([
      'import:acled-api',
      'import:acled-api',
    ]);
  });

  it('a token about to expire is refreshed with the refresh token', async () => {
    let tokens = 0;
    world.server.routes.set('/oauth/token', (_req, res) => {
      tokens++;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: `t${tokens}`, refresh_token: 'r', expires_in: 120 }));
    });
    world.server.routes.set('/read', (_req, res) => res.writeHead(200).end(acledJson([row])));
    await add('/read', 'acled');
    const poller = world.poller(intake);
    await poller.pollAll();
    world.clock.advance(90_000);
    await poller.pollAll();
    const grants = world.server.requestsTo('/oauth/token').map((r) => new URLSearchParams(r.body).get('grant_type'));
    expect(grants).toEqual(['password', 'refresh_token']);
  });
});
