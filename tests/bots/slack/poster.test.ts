/**
 * Outbound posts for the scheduler: what reaches Slack (emulate's Web API), the marker found
 * again after a restart, and every failure mapped to the PostError kind the scheduler acts on
 * (a loopback stand-in scripts ratelimited, 5xx and platform errors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { PostError } from '../../../src/core/poster-port.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { BOT_TOKEN, type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackStandIn } from '../../support/slack-stand-in.ts';
import { HOSTILE, statusView, timelineView } from '../../support/slack-views.ts';

let emu: SlackEmulator;
let standIn: SlackStandIn;
let onEmulator: SlackAdapter;
let onStandIn: SlackAdapter;

async function adapterAt(apiUrl: string, token: string): Promise<SlackAdapter> {
  return createSlackAdapter(slackTestConfig({ apiUrl, signingSecret: 'secret', botToken: token }), {
    services: await createTestServices(),
    logger: silentLogger(),
  });
}

beforeAll(async () => {
  [emu, standIn] = await Promise.all([startSlackEmulator(), new SlackStandIn().start()]);
  onEmulator = await adapterAt(emu.apiUrl, BOT_TOKEN);
  onStandIn = await adapterAt(standIn.apiUrl, 'xoxb-stand-in');
});

afterAll(async () => {
  await Promise.all([emu?.close(), standIn?.close()]);
});

const channelRef = (channelId: string) => ({ platform: 'slack' as const, teamId: 'T000000001', channelId });

async function failure(promise: Promise<unknown>): Promise<PostError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PostError) return err;
    throw err;
  }
  throw new Error('expected a PostError');
}

describe('post', () => {
  it('posts a View as Block Kit with the marker in its metadata, and finds it again by the marker', async () => {
    const channel = channelRef(emu.channelId);
    const view = timelineView(5, { hostile: true });
    const posted = await onEmulator.post(channel, view, { marker: 'digest:C1:2025-03-26' });
    const history = await emu.client.conversations.history({ channel: emu.channelId, include_all_metadata: true });
    const message = history.messages?.find((m) => m.ts === posted.messageId);
    expect(message).toBeDefined();
    expect(slackLimitViolations(message)).toEqual([]);
    expect(messageText(message)).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(JSON.stringify(message)).not.toContain(HOSTILE);
    expect(message?.metadata).toEqual({ event_type: 'sitrep_post', event_payload: { marker: 'digest:C1:2025-03-26' } });

    await onEmulator.post(channel, statusView());
    const since = new Date(Date.now() - 60_000).toISOString();
    expect(await onEmulator.findRecentByMarker(channel, 'digest:C1:2025-03-26', since)).toEqual(posted);
    expect(await onEmulator.findRecentByMarker(channel, 'digest:C1:2025-03-27', since)).toBeUndefined();
  });

  it('finds a post in a busy channel: 250 messages after it, every page since the claim time read', async () => {
    const channel = channelRef('CBUSY');
    const since = new Date(Date.now() - 60_000).toISOString();
    const posted = await onStandIn.post(channel, statusView(), { marker: 'sitrep:busy' });
    for (let i = 0; i < 250; i++) {
      standIn.posted.push({ channel: 'CBUSY', text: `chatter ${i}`, user: 'U000000002', ts: standIn.nextTs() });
    }
    const before = standIn.calls.length;
    expect(await onStandIn.findRecentByMarker(channel, 'sitrep:busy', since)).toEqual(posted);
    const reads = standIn.calls.slice(before).filter((c) => c.method === 'conversations.history');
    // Newest first, 200 a page: the post is on the second page.
    expect(reads).toHaveLength(2);
    expect(Number(reads[0]?.body.oldest)).toBeCloseTo(Date.parse(since) / 1000, 3);
    expect(reads[1]?.body.cursor).toBeTruthy();
    expect(await onStandIn.findRecentByMarker(channel, 'sitrep:missing', since)).toBeUndefined();
    // Messages before `since` are not looked at: the post is not found from a later instant.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await onStandIn.findRecentByMarker(channel, 'sitrep:busy', later)).toBeUndefined();
  });

  it('fails permanently for a channel that is gone, archived, or not joined', async () => {
    expect((await failure(onEmulator.post(channelRef('CNOSUCH'), statusView()))).failure).toEqual({
      kind: 'permanent',
    });
    const archived = await emu.client.conversations.create({ name: 'old-desk' });
    await emu.client.conversations.archive({ channel: archived.channel?.id as string });
    const err = await failure(onEmulator.post(channelRef(archived.channel?.id as string), statusView()));
    expect(err.failure).toEqual({ kind: 'permanent' });
    expect(err.message).toBe('Slack: is_archived');
  });

  it('maps ratelimited with Retry-After, 5xx, Slack errors and a dead server to the kinds the scheduler acts on', async () => {
    const channel = channelRef('C1');
    const cases: Array<[ScriptedReplyLike, PostError['failure']]> = [
      [
        { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '7' } },
        { kind: 'rate-limited', retryAfterMs: 7000 },
      ],
      [{ status: 503, body: { ok: false } }, { kind: 'transient' }],
      [{ status: 200, body: { ok: false, error: 'internal_error' } }, { kind: 'transient' }],
      [{ status: 200, body: { ok: false, error: 'not_in_channel' } }, { kind: 'permanent' }],
      [{ status: 200, body: { ok: false, error: 'account_inactive' } }, { kind: 'permanent' }],
      [{ status: 200, body: { ok: false, error: 'invalid_auth' } }, { kind: 'permanent' }],
      [{ status: 200, body: { ok: false, error: 'missing_scope' } }, { kind: 'permanent' }],
      [{ status: 404, body: {} }, { kind: 'permanent' }],
    ];
    for (const [reply, expected] of cases) {
      const before = standIn.calls.length;
      standIn.script.push({ method: 'chat.postMessage', ...reply });
      const err = await failure(onStandIn.post(channel, statusView()));
      expect(err.failure, JSON.stringify(reply)).toEqual(expected);
      // Exactly one attempt: the client neither retries nor waits by itself.
      expect(standIn.calls.length - before).toBe(1);
    }
    standIn.script.push({
      method: 'conversations.history',
      status: 429,
      body: { ok: false },
      headers: { 'retry-after': '2' },
    });
    expect((await failure(onStandIn.findRecentByMarker(channel, 'm', new Date().toISOString()))).failure).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 2000,
    });

    const dead = await adapterAt('http://127.0.0.1:9/api/', 'xoxb-dead');
    expect((await failure(dead.post(channel, statusView()))).failure).toEqual({ kind: 'transient' });
  });
});

interface ScriptedReplyLike {
  status: number;
  body: object;
  headers?: Record<string, string>;
}
