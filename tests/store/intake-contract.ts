/**
 * The IntakeStore contract: every implementation runs this suite. `makeStore` gets a clock the
 * store times its leases by and returns a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeStore, SourceInput } from '../../src/core/intake-port.ts';
import { makeDraft } from '../support/lead-drafts.ts';

export type MakeIntakeStore = (clock: () => Date) => IntakeStore | Promise<IntakeStore>;

const T0 = '2026-06-10T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const feed = (url = 'https://wire.example.org/feed.xml'): SourceInput => ({
  url,
  kind: 'rss',
  intervalSeconds: 900,
  addedBy: 'console',
});

export function describeIntakeContract(name: string, makeStore: MakeIntakeStore): void {
  describe(`IntakeStore contract: ${name}`, () => {
    let store: IntakeStore;
    let clockMs = Date.parse(T0);
    beforeEach(async () => {
      clockMs = Date.parse(T0);
      store = await makeStore(() => new Date(clockMs));
    });
    afterEach(() => store.close());

    describe('sources', () => {
      it('adds a source due at once; the same URL again is the same source', async () => {
        const { source, added } = await store.addSource(feed(), T0);
        expect(added).toBe(true);
        expect(source).toMatchObject({ kind: 'rss', nextPollAt: T0, failures: 0, paused: false, addedAt: T0 });
        const again = await store.addSource({ ...feed(), kind: 'atom' }, at(5));
        expect(again).toEqual({ source, added: false });
        expect(await store.listSources()).toEqual([source]);
      });

      it('pause, resume and remove; a removed URL can be added again as a new source', async () => {
        const { source } = await store.addSource(feed(), T0);
        expect(await store.pauseSource(source.id, 'HTTP 404 ten times', at(1))).toBe(true);
        expect(await store.getSource(source.id)).toMatchObject({ paused: true, pausedReason: 'HTTP 404 ten times' });
        expect(await store.dueSources(at(60), 10)).toEqual([]);
        expect(await store.resumeSource(source.id, at(2))).toBe(true);
        expect(await store.getSource(source.id)).toMatchObject({ paused: false, failures: 0, nextPollAt: at(2) });
        expect(await store.removeSource(source.id, at(3))).toBe(true);
        expect(await store.removeSource(source.id, at(3))).toBe(false);
        expect(await store.getSource(source.id)).toBeUndefined();
        const readded = await store.addSource(feed(), at(4));
        expect(readded.added).toBe(true);
        expect(readded.source.id).not.toBe(source.id);
      });

      it('due sources: not paused, next poll at or before now, soonest first', async () => {
        const a = (await store.addSource(feed('https://a.example.org/f'), at(0))).source;
        const b = (await store.addSource(feed('https://b.example.org/f'), at(-5))).source;
        await store.addSource(feed('https://c.example.org/f'), at(10));
        expect((await store.dueSources(at(1), 10)).map((s) => s.id)).toEqual([b.id, a.id]);
        expect((await store.dueSources(at(1), 1)).map((s) => s.id)).toEqual([b.id]);
      });

      it('a claim is a lease: one owner at a time until it is finished or runs out', async () => {
        const { source } = await store.addSource(feed(), T0);
        expect(await store.claimSource(source.id, 'p1', 60_000, T0)).toMatchObject({ id: source.id });
        expect(await store.claimSource(source.id, 'p2', 60_000, T0)).toBeUndefined();
        clockMs += 61_000;
        expect(await store.claimSource(source.id, 'p2', 60_000, T0)).toBeDefined();
        // p1's lease ran out and p2 holds it now: p1 cannot record its poll.
        const result = { nextPollAt: at(15), failures: 0, lastPolledAt: at(1), etag: '"e1"' };
        expect(await store.finishPoll(source.id, 'p1', result, at(1))).toBe(false);
        expect(await store.finishPoll(source.id, 'p2', result, at(1))).toBe(true);
        expect(await store.getSource(source.id)).toMatchObject({ etag: '"e1"', nextPollAt: at(15) });
        // Not due again before its next poll, unless forced.
        expect(await store.claimSource(source.id, 'p1', 60_000, at(2))).toBeUndefined();
        expect(await store.claimSource(source.id, 'p1', 60_000, at(2), true)).toBeDefined();
      });

      it('finishing with a pause reason pauses the source with it', async () => {
        const { source } = await store.addSource(feed(), T0);
        await store.claimSource(source.id, 'p1', 60_000, T0);
        await store.finishPoll(
          source.id,
          'p1',
          {
            nextPollAt: at(60),
            failures: 8,
            lastError: 'HTTP 500',
            failingSince: at(-300),
            pauseReason: 'failed 8 times: HTTP 500',
          },
          at(1),
        );
        expect(await store.getSource(source.id)).toMatchObject({
          paused: true,
          pausedReason: 'failed 8 times: HTTP 500',
          failures: 8,
          lastError: 'HTTP 500',
          failingSince: at(-300),
        });
        expect(await store.claimSource(source.id, 'p1', 60_000, at(90), true)).toBeUndefined();
        // Resumed, it starts afresh: no failures, and failing since nothing.
        expect(await store.resumeSource(source.id, at(120))).toBe(true);
        const resumed = await store.getSource(source.id);
        expect(resumed).toMatchObject({ paused: false, failures: 0 });
        expect(resumed?.failingSince).toBeUndefined();
      });
    });

    describe('leads', () => {
      let sourceA: number;
      let sourceB: number;
      beforeEach(async () => {
        sourceA = (await store.addSource(feed('https://a.example.org/f'), T0)).source.id;
        sourceB = (await store.addSource(feed('https://b.example.org/f'), T0)).source.id;
      });

      it('a new item is a new lead; the same item again is not', async () => {
        const draft = makeDraft({ sourceId: sourceA, title: 'Gang attack in Pont-Sondé kills 12' });
        const first = await store.recordItems([draft], T0);
        expect(first.created).toHaveLength(1);
        expect(first.created[0]).toMatchObject({
          state: 'new',
          link: draft.link,
          title: draft.title,
          publisher: 'Haiti Wire',
          revision: 1,
          sourceId: sourceA,
          alsoFrom: [],
          reading: draft.reading,
          firstSeenAt: T0,
        });
        const again = await store.recordItems([draft], at(15));
        expect(again).toEqual({ created: [], updated: [], joined: 0, unchanged: 1 });
        expect(await store.listLeads({ limit: 10 })).toHaveLength(1);
      });

      it('an item edited at its source updates its lead as a new revision', async () => {
        const draft = makeDraft({ sourceId: sourceA, title: 'Clashes in Delmas' });
        const [lead] = (await store.recordItems([draft], T0)).created;
        const edited = { ...draft, title: 'Clashes in Delmas: 4 dead', contentHash: 'hash-edited' };
        const result = await store.recordItems([edited], at(15));
        expect(result.updated).toHaveLength(1);
        expect(result.updated[0]).toMatchObject({ id: lead?.id, title: 'Clashes in Delmas: 4 dead', revision: 2 });
        expect(await store.getLead(lead?.id ?? 0)).toMatchObject({ revision: 2, updatedAt: at(15) });
      });

      it('the same link from another source joins the lead', async () => {
        const draft = makeDraft({ sourceId: sourceA });
        await store.recordItems([draft], T0);
        const copy = makeDraft({ sourceId: sourceB, link: draft.link, title: 'Other words', publisher: 'Aggregator' });
        expect(await store.recordItems([copy], at(1))).toMatchObject({ created: [], joined: 1 });
        const [lead] = await store.listLeads({ limit: 10 });
        expect(lead?.alsoFrom).toEqual([{ sourceId: sourceB, link: draft.link, publisher: 'Aggregator' }]);
      });

      it('a near-identical title within three days joins the lead; after that it is a new story', async () => {
        const draft = makeDraft({ sourceId: sourceA, title: 'Gang attack in Pont-Sondé kills 12 - Reuters' });
        await store.recordItems([draft], T0);
        const close = makeDraft({
          sourceId: sourceB,
          title: 'Gang Attack Kills 12 in Pont Sonde',
          publishedAt: '2025-03-27T09:00:00.000Z',
        });
        const later = makeDraft({
          sourceId: sourceB,
          title: 'Gang attack in Pont-Sondé kills 12',
          publishedAt: '2025-04-10T09:00:00.000Z',
        });
        const result = await store.recordItems([close, later], at(1));
        expect(result.joined).toBe(1);
        expect(result.created.map((l) => l.title)).toEqual(['Gang attack in Pont-Sondé kills 12']);
      });

      it('one batch with the same story twice makes one lead', async () => {
        const a = makeDraft({ sourceId: sourceA, title: 'Kidnapping in Kenscoff' });
        const b = makeDraft({ sourceId: sourceA, title: 'Kidnapping in Kenscoff', link: 'https://x.example.org/k' });
        const result = await store.recordItems([a, b], T0);
        expect(result.created).toHaveLength(1);
        expect(result.joined).toBe(1);
      });

      it('triage: posted once; decided once; decided leads leave the list', async () => {
        const { created } = await store.recordItems(
          [makeDraft({ sourceId: sourceA }), makeDraft({ sourceId: sourceA })],
          T0,
        );
        const [first, second] = created;
        if (!first || !second) throw new Error('two leads expected');
        expect(await store.markLeadPosted(first.id, at(1))).toBe(true);
        expect(await store.markLeadPosted(first.id, at(2))).toBe(false);
        expect((await store.getLead(first.id))?.state).toBe('posted');
        const decided = await store.decideLead(first.id, { state: 'attached', by: 'u1', eventId: 'ev-1' }, at(3));
        expect(decided).toMatchObject({ state: 'attached', decidedBy: 'u1', eventId: 'ev-1', decidedAt: at(3) });
        expect(await store.decideLead(first.id, { state: 'dismissed', by: 'u2' }, at(4))).toBeUndefined();
        expect((await store.listLeads({ limit: 10 })).map((l) => l.id)).toEqual([second.id]);
        expect((await store.listLeads({ limit: 10, states: ['attached'] })).map((l) => l.id)).toEqual([first.id]);
      });

      it('lists and counts the leads first seen before an instant, in the states asked for', async () => {
        const early = await store.recordItems(
          [1, 2, 3].map(() => makeDraft({ sourceId: sourceA })),
          T0,
        );
        const late = await store.recordItems([makeDraft({ sourceId: sourceA })], at(10));
        const [a, b, c] = early.created;
        if (!a || !b || !c || !late.created[0]) throw new Error('four leads expected');
        await store.markLeadPosted(b.id, at(11));
        await store.decideLead(c.id, { state: 'dismissed', by: 'u1' }, at(12));
        const waiting = { seenBefore: at(10) };
        expect((await store.listLeads({ ...waiting, limit: 10 })).map((l) => l.id)).toEqual([b.id, a.id]);
        expect((await store.listLeads({ ...waiting, limit: 1 })).map((l) => l.id)).toEqual([b.id]);
        expect(await store.countLeads(waiting)).toBe(2);
        expect(await store.countLeads({ ...waiting, states: ['new'] })).toBe(1);
        expect(await store.countLeads({ seenBefore: T0 })).toBe(0);
        expect(await store.countLeads({})).toBe(3);
        expect(await store.countLeads({ states: ['dismissed'] })).toBe(1);
      });

      it('pages by lead number: older than one, or the nearest newer than one, newest first', async () => {
        const { created } = await store.recordItems(
          [1, 2, 3, 4, 5, 6].map(() => makeDraft({ sourceId: sourceA })),
          T0,
        );
        const ids = created.map((l) => l.id).sort((a, b) => b - a);
        const [i6, i5, i4, i3, i2, i1] = ids as [number, number, number, number, number, number];
        await store.decideLead(i4, { state: 'dismissed', by: 'u1' }, at(1));
        const list = async (q: { olderThan?: number; newerThan?: number; limit: number }) =>
          (await store.listLeads(q)).map((l) => l.id);
        expect(await list({ olderThan: i5, limit: 2 })).toEqual([i3, i2]);
        expect(await list({ olderThan: i2, limit: 5 })).toEqual([i1]);
        expect(await list({ newerThan: i2, limit: 2 })).toEqual([i5, i3]);
        expect(await list({ newerThan: i1, limit: 10 })).toEqual([i6, i5, i3, i2]);
        expect(await list({ newerThan: i6, limit: 3 })).toEqual([]);
        expect(await list({ olderThan: i6, newerThan: i2, limit: 9 })).toEqual([i5, i3]);
      });
    });
  });
}
