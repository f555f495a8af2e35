/**
 * The lead of a list answer takes the newest record from the list's first page instead of
 * reading it again; a later page, or no page, still has it read.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/core/answers/common.ts';
import { timelineLead } from '../../src/core/answers/timeline-lead.ts';
import { ask } from '../../src/core/ask.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import type { Services } from '../../src/core/services.ts';
import type { PageRequest, Store } from '../../src/core/store-port.ts';
import { type TimelineFilter, timelinePage } from '../../src/core/timeline.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const services = await createTestServices();

/** The services with a store that notes the page of each listEvents call. */
function counted(): { services: Services; pages: PageRequest[] } {
  const pages: PageRequest[] = [];
  const store = new Proxy(services.store, {
    get(target, key, receiver) {
      if (key === 'listEvents')
        return (q: Parameters<Store['listEvents']>[0], page: PageRequest) => {
          pages.push(page);
          return target.listEvents(q, page);
        };
      return Reflect.get(target, key, receiver);
    },
  });
  return { services: { ...services, store }, pages };
}

// The lead reads only the services and the messages of its context.
const contextOf = (s: Services) => ({ services: s, m: messagesFor('en'), now: TEST_NOW }) as AnswerContext;

const MARCH_ATTACKS: TimelineFilter = { from: '2025-03-01', to: '2025-03-31', category: 'attack' };
const LEAD = /^2 events recorded \(from 1 Mar 2025, to 31 Mar 2025, attack\), the latest on 25 Mar 2025, 16:30 \(/;

describe('the lead of a list answer', () => {
  it('reads the events once: the newest is the first of the list', async () => {
    const { services: s, pages } = counted();
    const view = await ask(s, 'how many attacks in March 2025?', TEST_NOW);
    expect(view.summary).toMatch(LEAD);
    expect(pages).toEqual([{ limit: services.settings.pageSize }]);
  });

  it('reads the newest itself when the list is a later page', async () => {
    const first = await timelinePage(services, { ...MARCH_ATTACKS, limit: 1 }, TEST_NOW);
    const cursor = first.view.actions?.find((a) => a.kind === 'page')?.cursor;
    expect(cursor).toBeDefined();
    const later = await timelinePage(services, { ...MARCH_ATTACKS, limit: 1, cursor }, TEST_NOW);
    expect(later.first).toBe(false);
    expect(later.events[0]?.event.id).not.toBe(first.events[0]?.event.id);
    const { services: s, pages } = counted();
    expect(await timelineLead(contextOf(s), MARCH_ATTACKS, Promise.resolve(later))).toMatch(LEAD);
    expect(pages).toEqual([{ limit: 1 }]);
  });

  it('says nothing matches when the first page is empty, and reads it when given no page', async () => {
    const none = { ...MARCH_ATTACKS, from: '2020-01-01', to: '2020-12-31' };
    const empty = await timelinePage(services, none, TEST_NOW);
    expect(empty).toMatchObject({ events: [], first: true });
    const { services: s, pages } = counted();
    expect(await timelineLead(contextOf(s), none, Promise.resolve(empty))).toMatch(/^No event recorded \(/);
    expect(pages).toEqual([]);
    expect(await timelineLead(contextOf(s), MARCH_ATTACKS)).toMatch(LEAD);
    expect(pages).toEqual([{ limit: 1 }]);
  });
});
