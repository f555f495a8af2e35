/**
 * An executor worker posts a slash command's answer to its response_url itself: what arrives
 * must be what the bot would have posted (answerSafely), and what the worker cannot do (upload
 * a map, save a long button's query) is left to the bot, with nothing posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type AnswerContext,
  answerSafely,
  FALLBACK,
  respondTo,
  withVisibility,
} from '../../../src/bots/slack/answer.ts';
import { createSlackDeliverer, type SlackTarget } from '../../../src/bots/slack/deliver.ts';
import type { WebClient } from '../../../src/bots/slack/handlers.ts';
import type { DispatchResult } from '../../../src/commands/dispatch.ts';
import type { ShareRequest } from '../../../src/commands/visibility.ts';
import type { View } from '../../../src/core/view.ts';
import { createLocalExecutor } from '../../../src/executor/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices } from '../../support/services.ts';
import { SlackStandIn } from '../../support/slack-stand-in.ts';
import { statusView, timelineView } from '../../support/slack-views.ts';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

const logged: Array<{ msg: string }> = [];
const logger = {
  error: (_obj: object, msg: string) => void logged.push({ msg }),
  warn: (_obj: object, msg: string) => void logged.push({ msg }),
};
let standIn: SlackStandIn;
let ctx: AnswerContext;

beforeAll(async () => {
  standIn = await new SlackStandIn().start();
  const services = await createTestServices();
  ctx = {
    commands: [],
    services,
    logger,
    // Never reached: no answer here uploads a map through the bot.
    uploads: undefined as unknown as WebClient,
    executor: createLocalExecutor(services, silentLogger()),
  };
});

afterAll(async () => {
  await standIn?.close();
});

/** Whether the worker's deliverer took the answer (false: the bot answers it), once it has posted. */
async function deliver(answered: DispatchResult, to: SlackTarget): Promise<boolean> {
  const posting = createSlackDeliverer(logger)(answered, to);
  if (posting === false) return false;
  await posting;
  return true;
}

const SHARE: ShareRequest = { command: 'timeline', args: { location: 'artibonite' } };

function target(url: string, over: Partial<SlackTarget> = {}): SlackTarget {
  return { responseUrl: url, replace: false, visibility: 'private', share: SHARE, uploadsMap: false, ...over };
}

/** What the bot posts for this result (as the slash command handler builds its answer), and what the worker posts. */
async function bothWays(result: DispatchResult, over: Partial<SlackTarget> = {}) {
  const bot = standIn.responseUrl();
  const worker = standIn.responseUrl();
  const t = target(worker.url, over);
  const answer: Answer = withVisibility(
    { view: result.view, private: result.private, share: result.private ? undefined : t.share },
    t.visibility,
  );
  await answerSafely(ctx, respondTo(bot.url), async () => answer, { replace: t.replace });
  const delivered = await deliver(result, t);
  return {
    delivered,
    bot: standIn.responses.get(bot.id) as Json[],
    worker: standIn.responses.get(worker.id) as Json[],
  };
}

const result = (view: View, isPrivate = false): DispatchResult => ({ view, private: isPrivate, failed: false });

describe('an answer posted by the worker', () => {
  it.each([
    ['a public answer', result(statusView()), { visibility: 'public' as const }],
    ['a private answer with its Share button', result(timelineView(40)), {}],
    ['a private answer by itself (no Share button)', result(timelineView(2), true), {}],
    [
      'a page of a public answer, replacing its message',
      result(timelineView(40)),
      { replace: true, visibility: 'public' as const },
    ],
  ])('is what the bot posts: %s', async (_name, answered, over) => {
    const { delivered, bot, worker } = await bothWays(answered, over);
    expect(delivered).toBe(true);
    expect(worker.length).toBeGreaterThan(0);
    expect(worker).toEqual(bot);
  });

  it('carries the Share button on a private answer, none on a public one', async () => {
    const { worker: privately } = await bothWays(result(timelineView(3)));
    const { worker: publicly } = await bothWays(result(timelineView(3)), { visibility: 'public' });
    const shareButtons = (m: Json) =>
      m.blocks
        .flatMap((b: Json) => (b.type === 'actions' ? b.elements : []))
        .filter((e: Json) => e.action_id === 'sitrep_share');
    expect(privately[0].response_type).toBe('ephemeral');
    expect(shareButtons(privately[0])).toHaveLength(1);
    expect(publicly[0].response_type).toBe('in_channel');
    expect(shareButtons(publicly[0])).toHaveLength(0);
  });

  it('leaves a public answer with a map to the bot, which uploads it; a private one it posts', async () => {
    const view: View = {
      ...timelineView(2),
      map: { kind: 'map', center: { lat: 18.5, lon: -72.3, label: 'Port-au-Prince' }, marks: [] },
    };
    const url = standIn.responseUrl();
    expect(await deliver(result(view), target(url.url, { visibility: 'public', uploadsMap: true }))).toBe(false);
    expect(standIn.responses.get(url.id)).toEqual([]);
    expect(await deliver(result(view), target(url.url, { uploadsMap: true }))).toBe(true);
    expect(standIn.responses.get(url.id)).toHaveLength(1);
  });

  it('leaves an answer whose button needs its query saved to the bot', async () => {
    const view = timelineView(2);
    view.actions = [
      { kind: 'page', label: 'Next', command: 'timeline', args: { location: 'x'.repeat(2100) }, cursor: 'c' },
    ];
    const url = standIn.responseUrl();
    expect(await deliver(result(view), target(url.url))).toBe(false);
    expect(standIn.responses.get(url.id)).toEqual([]);
  });

  it('sends the fallback, privately, when posting fails, and logs why', async () => {
    const url = standIn.responseUrl();
    standIn.failingResponses.add(url.id);
    logged.length = 0;
    expect(await deliver(result(statusView()), target(url.url))).toBe(true);
    expect(standIn.responses.get(url.id)).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: FALLBACK },
    ]);
    expect(logged.map((l) => l.msg)).toContain('slack answer failed');
  });
});
