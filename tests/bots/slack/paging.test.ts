/**
 * Long answers: a 300-event timeline walked page by page with its buttons (also across a
 * restart of the adapter), and a 500-event digest posted within Slack's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { digest } from '../../../src/core/digest.ts';
import type { Services } from '../../../src/core/services.ts';
import { silentLogger } from '../../../src/log.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';
import { timelineView } from '../../support/slack-views.ts';

const SECRET = 'paging-secret';
const COUNT_2011 = 300;
const COUNT_2012 = 200;
/** Events whose summaries are long enough that a page's first screen shows only some of them. */
const COUNT_LONG = 45;

// biome-ignore lint/suspicious/noExplicitAny: Slack message JSON
type Message = any;

let standIn: SlackStandIn;
let services: Services;
let adapter: SlackAdapter;

function startAdapter(): Promise<SlackAdapter> {
  const a = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-paging' }),
    { services, logger: silentLogger(), now: () => TEST_NOW, listen: { host: '127.0.0.1', port: 0 } },
  );
  return a.start().then(() => a);
}

beforeAll(async () => {
  standIn = await new SlackStandIn().start();
  services = await createTestServices();
  // Ten events a day, so that pages break between events with the same date.
  for (let i = 0; i < COUNT_2011 + COUNT_2012; i++) {
    const year = i < COUNT_2011 ? 2011 : 2012;
    const day = Math.floor((i % COUNT_2011) / 10);
    const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
    await services.store.putEvent(
      makeEvent({ id: `paging-${String(i).padStart(4, '0')}`, occurredAt: date, summary: `Paging event ${i}.` }),
      { author: 'test', reason: 'paging', at: '2025-03-31T12:00:00Z' },
    );
  }
  for (let i = 0; i < COUNT_LONG; i++) {
    const date = new Date(Date.UTC(2013, 0, 1 + Math.floor(i / 3))).toISOString().slice(0, 10);
    const words = Array.from({ length: 40 }, (_, w) => `word${w}`).join(' ');
    await services.store.putEvent(
      makeEvent({ id: `long-${String(i).padStart(3, '0')}`, occurredAt: date, summary: `Long event ${i}. ${words}.` }),
      { author: 'test', reason: 'paging', at: '2025-03-10T12:00:00Z' },
    );
  }
  adapter = await startAdapter();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
});

const sender = () => new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);

async function responses(id: string): Promise<Message[]> {
  return waitFor(() => (standIn.responses.get(id)?.length ? standIn.responses.get(id) : undefined));
}

function eventNumbers(message: Message): number[] {
  return [...messageText(message).matchAll(/Paging event (\d+)\./g)].map((m) => Number(m[1]));
}

function button(message: Message, label: string): Message | undefined {
  const actions = message.blocks.find((b: Message) => b.type === 'actions');
  return actions?.elements.find((e: Message) => e.text.text === label);
}

async function click(message: Message, label: string): Promise<Message> {
  const b = button(message, label);
  const r = standIn.responseUrl();
  const res = await sender().blockAction(
    { type: 'button', action_id: b.action_id, block_id: 'sitrep_pages', value: b.value, text: b.text },
    r.url,
  );
  expect(res.status).toBe(200);
  const [page] = await responses(r.id);
  expect(page.replace_original).toBe(true);
  expect(slackLimitViolations(page)).toEqual([]);
  return page;
}

describe('paging', () => {
  it('walks a 300-event timeline with its buttons without gaps or repeats, also across a restart', async () => {
    const r = standIn.responseUrl();
    await sender().slashCommand('/timeline', 'from:2011-01-01 to:2011-12-31', { response_url: r.url });
    let page: Message = (await responses(r.id))[0];
    expect(slackLimitViolations(page)).toEqual([]);
    const seen: number[] = [...eventNumbers(page)];
    let pages = 1;
    while (button(page, 'Next')) {
      if (pages === 10) {
        // The buttons carry the whole query: a new process answers them.
        await adapter.stop();
        adapter = await startAdapter();
      }
      page = await click(page, 'Next');
      seen.push(...eventNumbers(page));
      pages++;
    }
    expect(pages).toBe(30);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT_2011 }, (_, i) => i));
    // Newest first: the days never go up.
    const days = seen.map((n) => Math.floor(n / 10));
    expect(days).toEqual([...days].sort((a, b) => b - a));

    // And back: "Previous" from the last page gives the page before it.
    const previous = await click(page, 'Previous');
    expect(eventNumbers(previous)).toEqual(seen.slice(-20, -10));
  });

  it('pages on right after what a first screen showed: no event left out of a walk, none twice', async () => {
    const r = standIn.responseUrl();
    await sender().slashCommand('/timeline', 'from:2013-01-01 to:2013-12-31', { response_url: r.url });
    let page: Message = (await responses(r.id))[0];
    const longNumbers = (message: Message) =>
      [...messageText(message).matchAll(/Long event (\d+)\./g)].map((m) => Number(m[1]));
    const seen: number[] = [...longNumbers(page)];
    // The first screen shows part of the page (counting the rest), so the test is about that case.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(10);
    expect(messageText(page)).toMatch(/\+\d+ more/);
    let pages = 1;
    while (button(page, 'Next') && pages < 60) {
      if (pages === 3) {
        await adapter.stop();
        adapter = await startAdapter();
      }
      page = await click(page, 'Next');
      seen.push(...longNumbers(page));
      pages++;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT_LONG }, (_, i) => i));
  });

  it('posts a 500-event digest and a 500-event timeline as one screen each, within every limit, each event once', async () => {
    const channel = { platform: 'slack' as const, teamId: 'T000000001', channelId: 'CDIGEST' };
    const view = await digest(services, { since: '2025-03-31', until: '2025-04-01', maxItems: 500 }, TEST_NOW);
    for (const [v, label] of [
      [view, 'digest'],
      [timelineView(500, { hostile: true }), 'timeline'],
    ] as const) {
      const before = standIn.calls.length;
      const posted = await adapter.post(channel, v, { marker: `marker-${label}` });
      const calls = standIn.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
      expect(calls.length).toBeGreaterThanOrEqual(1);
      for (const c of calls) expect(slackLimitViolations(c.body)).toEqual([]);
      const text = calls.map((c) => messageText(c.body)).join('\n');
      const numbers =
        label === 'digest'
          ? [...text.matchAll(/Paging event (\d+)\./g)].map((m) => Number(m[1]))
          : [...text.matchAll(/#(\d+)[*~]/g)].map((m) => Number(m[1]));
      // One screen: the events shown appear once each, the rest are counted.
      expect(calls).toHaveLength(1);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(text).toContain(`+${500 - numbers.length}`);
      // The marker rides on the last message, the one post() returns.
      expect(calls.at(-1)?.body.metadata).toEqual({
        event_type: 'sitrep_post',
        event_payload: { marker: `marker-${label}` },
      });
      expect(calls.slice(0, -1).every((c) => c.body.metadata === undefined)).toBe(true);
      const since = new Date(Date.now() - 60_000).toISOString();
      expect(await adapter.findRecentByMarker(channel, `marker-${label}`, since)).toEqual(posted);
    }
  });

  it('never floods the channel: a huge post is one message within limits, counting what it left out', async () => {
    const channel = { platform: 'slack' as const, teamId: 'T000000001', channelId: 'CFLOOD' };
    const before = standIn.calls.length;
    await adapter.post(channel, timelineView(500, { longText: true }));
    const calls = standIn.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(calls).toHaveLength(1);
    for (const c of calls) expect(slackLimitViolations(c.body)).toEqual([]);
    expect(messageText(calls[0]?.body)).toMatch(/\+\d+ more/);
  });
});
