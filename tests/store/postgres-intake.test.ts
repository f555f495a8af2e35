/**
 * The intake store on Postgres passes the contract the SQLite one passes, on a database of this
 * file's own emptied before each test; and two connections (as two hosts have) racing for the
 * same source and the same items get one lease and one lead.
 */
import { beforeAll, expect, it } from 'vitest';
import { connectPostgres } from '../../src/store/postgres/connection.ts';
import { createPostgresIntakeStore } from '../../src/store/postgres/intake.ts';
import { makeDraft } from '../support/lead-drafts.ts';
import { createTestDatabase, emptyDatabase } from '../support/postgres.ts';
import { describeIntakeContract } from './intake-contract.ts';

let url = '';
beforeAll(async () => {
  url = await createTestDatabase();
});

describeIntakeContract('Postgres', async (clock) => {
  await emptyDatabase(url);
  return createPostgresIntakeStore(connectPostgres(url, { max: 4 }), clock);
});

it('two connections racing: one lease per source, one lead per story', async () => {
  await emptyDatabase(url);
  const [a, b] = [connectPostgres(url, { max: 4 }), connectPostgres(url, { max: 4 })].map((pool) =>
    createPostgresIntakeStore(pool),
  );
  if (!a || !b) throw new Error('two stores expected');
  try {
    const now = new Date().toISOString();
    const { source } = await a.addSource(
      { url: 'https://wire.example.org/f', kind: 'rss', intervalSeconds: 60, addedBy: 'console' },
      now,
    );
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all([
        a.claimSource(source.id, 'host-a', 60_000, now, true),
        b.claimSource(source.id, 'host-b', 60_000, now, true),
      ]);
      const winners = claims.filter((c) => c !== undefined);
      expect(winners).toHaveLength(1);
      const owner = claims[0] ? 'host-a' : 'host-b';
      expect(
        await (owner === 'host-a' ? a : b).finishPoll(source.id, owner, { nextPollAt: now, failures: 0 }, now),
      ).toBe(true);
    }
    // The same 40 stories from each connection at once, half under another link with the same title.
    const drafts = Array.from({ length: 40 }, (_, i) =>
      makeDraft({ sourceId: source.id, title: `Story ${i} in Delmas` }),
    );
    const copies = drafts.map((d, i) => ({ ...d, link: i % 2 === 0 ? d.link : `${d.link}?copy` }));
    const [first, second] = await Promise.all([a.recordItems(drafts, now), b.recordItems(copies, now)]);
    expect((first?.created.length ?? 0) + (second?.created.length ?? 0)).toBe(40);
    const leads = await a.listLeads({ limit: 100 });
    expect(leads).toHaveLength(40);
    expect(new Set(leads.map((l) => l.titleKey)).size).toBe(40);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
