/**
 * What happens when things go wrong: slow commands, commands that throw or return nonsense,
 * mentions without a question, redelivered events, stale buttons, managers-only commands.
 * The Web API is the loopback stand-in, which records ephemeral posts too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import type { CommandDef } from '../../../src/commands/command-types.ts';
import type { View } from '../../../src/core/view.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';

const SECRET = 'robust-secret';
let standIn: SlackStandIn;
let adapter: SlackAdapter;
let sender: SlackSender;
let releaseSlow: () => void = () => {};
let slowFinished = false;
let slowStarted = false;

const message = (title: string): View => ({ kind: 'message', title, sections: [] });
const failingAsk: CommandDef = {
  name: 'ask',
  description: 'Ask',
  options: [
    { name: 'question', description: 'Question', type: 'string', required: true, positional: true, rest: true },
  ],
  examples: ['ask what happened near pont sonde?'],
  run: async () => {
    throw new Error('store offline');
  },
};
const slow: CommandDef = {
  name: 'slow',
  description: 'Takes its time',
  options: [],
  examples: [],
  slow: true,
  run: async () =>
    new Promise<View>((resolve) => {
      slowStarted = true;
      releaseSlow = () => {
        slowFinished = true;
        resolve(message('Done at last'));
      };
    }),
};
const broken: CommandDef = {
  name: 'broken',
  description: 'Returns something that is not a View',
  options: [],
  examples: [],
  run: async () => ({ kind: 'message' }) as unknown as View,
};
const managers: CommandDef = {
  name: 'subscribe',
  description: 'Managers only',
  options: [],
  examples: [],
  managersOnly: true,
  run: async () => message('Subscribed'),
};

beforeAll(async () => {
  standIn = await new SlackStandIn().start();
  adapter = createSlackAdapter(
    {
      SLACK_BOT_TOKEN: 'xoxb-robust',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_PORT: 3000,
      SLACK_API_URL: standIn.apiUrl,
      SLACK_DIGEST_MANAGER_IDS: ['UMANAGER'],
    },
    {
      services: await createTestServices(),
      logger: silentLogger(),
      now: () => TEST_NOW,
      commands: [failingAsk, slow, broken, managers],
      listen: { host: '127.0.0.1', port: 0 },
    },
  );
  await adapter.start();
  sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

async function slash(command: string, text: string, user = 'U000000001'): Promise<Json> {
  const r = standIn.responseUrl();
  const res = await sender.slashCommand(command, text, { response_url: r.url, user_id: user });
  expect(res.status).toBe(200);
  const [answer] = await waitFor(() => (standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined));
  expect(slackLimitViolations(answer)).toEqual([]);
  return answer;
}

const posts = (method: string, from: number) => standIn.calls.slice(from).filter((c) => c.method === method);

describe('acknowledgement and failures', () => {
  it('acknowledges a slow command at once and answers when the work is done', async () => {
    const r = standIn.responseUrl();
    const res = await sender.slashCommand('/slow', '', { response_url: r.url });
    // The HTTP answer (the ack) came back while the command is still running.
    expect(res.status).toBe(200);
    expect(slowFinished).toBe(false);
    expect(standIn.responses.get(r.id)).toEqual([]);
    // The command starts after the acknowledgement (and the user's locale is looked up).
    await waitFor(() => (slowStarted ? true : undefined));
    releaseSlow();
    const [answer] = await waitFor(() =>
      standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined,
    );
    expect(messageText(answer)).toContain('Done at last');
  });

  it('answers privately with a short apology when the answer cannot be rendered', async () => {
    const answer = await slash('/broken', '');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Sorry, something went wrong');
  });

  it('lets only managers run a managers-only command', async () => {
    const refused = await slash('/subscribe', '', 'U000000001');
    expect(refused.response_type).toBe('ephemeral');
    expect(messageText(refused)).toContain('Only people who may manage this channel');
    expect(standIn.calls.some((c) => c.method === 'users.info' && c.body.user === 'U000000001')).toBe(true);
    const allowed = await slash('/subscribe', '', 'UMANAGER');
    expect(allowed.response_type).toBe('in_channel');
    expect(messageText(allowed)).toContain('Subscribed');
  });

  it('answers a command it does not serve privately, listing those it does', async () => {
    const answer = await slash('/nosuch', '');
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('/nosuch is not served here. Commands: /ask, /slow, /broken, /subscribe.');
    // A served command is answered once, not also by the catch-all. A second request to the same
    // response_url, answered differently, is answered after any second answer to the first would be.
    const r = standIn.responseUrl();
    await sender.slashCommand('/subscribe', '', { response_url: r.url, user_id: 'UMANAGER' });
    await waitFor(() => (standIn.responses.get(r.id)?.length ? true : undefined));
    await sender.slashCommand('/nosuch', '', { response_url: r.url });
    const what = (m: Json) => (messageText(m).includes('is not served here') ? 'not served' : messageText(m));
    await waitFor(() => standIn.responses.get(r.id)?.some((m: Json) => what(m) === 'not served') || undefined);
    expect(standIn.responses.get(r.id)?.map(what)).toEqual([expect.stringContaining('Subscribed'), 'not served']);
  });

  it('answers a stale or forged page button privately instead of guessing', async () => {
    const r = standIn.responseUrl();
    await sender.blockAction({ type: 'button', action_id: 'sitrep_page:0', value: '{"v":1,"c":"nope"}' }, r.url);
    const [answer] = await waitFor(() =>
      standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined,
    );
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(messageText(answer)).toContain('This button is out of date');
  });
});

describe('mentions', () => {
  const mention = (text: string, ts: string, eventId?: string) =>
    sender.send(
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T000000001',
        api_app_id: 'A000000001',
        event_id: eventId ?? `Ev${ts}`,
        event_time: 1,
        event: { type: 'app_mention', user: 'U000000001', text, ts, channel: 'C000000001', event_ts: ts },
      }),
      'application/json',
    );

  it('answers a mention without a question with the usage, only to its author, in the thread', async () => {
    const from = standIn.calls.length;
    expect((await mention('<@UBOT>', '1.000001')).status).toBe(200);
    const [eph] = await waitFor(() =>
      posts('chat.postEphemeral', from).length ? posts('chat.postEphemeral', from) : undefined,
    );
    expect(eph?.body.user).toBe('U000000001');
    expect(eph?.body.thread_ts).toBe('1.000001');
    expect(messageText(eph?.body)).toContain('Usage: /ask');
    expect(posts('chat.postMessage', from)).toEqual([]);
  });

  it('answers privately when answering fails, and answers a redelivered event once', async () => {
    const from = standIn.calls.length;
    await mention('<@UBOT> what happened near Kenscoff?', '1.000002', 'EvSAME');
    await mention('<@UBOT> what happened near Kenscoff?', '1.000002', 'EvSAME');
    // A new event after the redelivery: its answer comes after any second answer to the first.
    await mention('<@UBOT> what happened near Kenscoff?', '1.000003', 'EvNEXT');
    await waitFor(() => posts('chat.postEphemeral', from).some((p) => p.body.thread_ts === '1.000003') || undefined);
    const eph = posts('chat.postEphemeral', from);
    expect(eph.map((p) => p.body.thread_ts)).toEqual(['1.000002', '1.000003']);
    expect(eph[0]?.body.text).toContain('Sorry, something went wrong');
    expect(posts('chat.postMessage', from)).toEqual([]);
  });

  it('ignores messages from bots and edits in DMs', async () => {
    const from = standIn.calls.length;
    const dm = (event: Record<string, unknown>) =>
      sender.event({ type: 'message', channel_type: 'im', channel: 'D1', ts: '1.5', text: 'Kenscoff?', ...event });
    await dm({ user: 'UOTHER', bot_id: 'BOTHER' });
    await dm({ user: 'U000000001', subtype: 'message_changed' });
    await dm({ user: 'U000000001', text: 'help' });
    const [usage] = await waitFor(() =>
      posts('chat.postMessage', from).length ? posts('chat.postMessage', from) : undefined,
    );
    // The answer to the last DM is the first post: the two before it were not answered.
    expect(messageText(usage?.body)).toContain('Usage: /ask');
    expect(posts('chat.postMessage', from)).toHaveLength(1);
  });
});
