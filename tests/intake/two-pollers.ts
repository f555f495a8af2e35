/**
 * Two pollers on two connections to one database (as two processes, or two hosts, have) polling
 * the same sources at the same time, round after round: each story becomes one lead, each source
 * is fetched by one of them at a time. Run on SQLite (exactly-once.test.ts) and on Postgres
 * (exactly-once-postgres.test.ts).
 */
import { afterEach, expect, it } from 'vitest';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import { rssFeed } from '../support/feed-fixtures.ts';
import { staticFeed } from '../support/feed-server.ts';
import { IntakeWorld } from '../support/intake-harness.ts';

/** `connect` opens a new connection to the world's database, timed by the world's clock. */
export function itPollsOnceWithTwoPollers(
  storeName: string,
  connect: (world: IntakeWorld) => Promise<IntakeStore>,
): void {
  let world: IntakeWorld;
  afterEach(() => world.cleanup());

  it(`two pollers, two connections, one ${storeName} database: every lead stored once`, async () => {
    world = await new IntakeWorld().start();
    const [a, b] = [world.track(await connect(world)), world.track(await connect(world))];
    let grown = 50;
    // Each feed grows between rounds and shares half its stories with the other feed.
    const items = (feed: string) =>
      Array.from({ length: grown }, (_, i) => ({
        title: i % 2 === 0 ? `Shared report ${i} from Artibonite` : `${feed} report ${i} from Ouest`,
        link: i % 2 === 0 ? `https://shared.example.org/${i}` : `https://${feed}.example.org/${i}`,
        id: `${feed}-${i}`,
        date: '2025-03-26T10:00:00Z',
      }));
    world.server.routes.set(
      '/one',
      staticFeed(() => rssFeed(items('one'))),
    );
    world.server.routes.set(
      '/two',
      staticFeed(() => rssFeed(items('two'))),
    );
    for (const path of ['/one', '/two'])
      await a.addSource(
        { url: world.server.url(path), kind: 'rss', intervalSeconds: 60, addedBy: 'console' },
        world.clock.now().toISOString(),
      );
    const pollers = [world.poller(a, { owner: 'process-a' }), world.poller(b, { owner: 'process-b' })];

    for (let round = 0; round < 4; round++) {
      const reports = await Promise.all(pollers.map((p) => p.pollDue()));
      // Each due source is polled by exactly one of the two.
      expect(
        reports
          .flat()
          .map((r) => r.sourceId)
          .sort(),
      ).toEqual([1, 2]);
      grown += 25;
      world.clock.advance(61_000);
    }
    const leads = await b.listLeads({ limit: 1000 });
    // 125 items a feed in the end: 63 shared stories, 62 of each feed's own.
    expect(leads).toHaveLength(63 + 62 + 62);
    expect(new Set(leads.map((l) => l.link)).size).toBe(leads.length);
    const shared = leads.find((l) => l.link === 'https://shared.example.org/0');
    expect(shared?.alsoFrom).toHaveLength(1);
  });
}
