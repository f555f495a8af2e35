/**
 * The real Bolt app in HTTP mode on 127.0.0.1, driven by requests signed as Slack signs them;
 * the Web API is the `emulate` package's Slack, response_url a loopback stand-in.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import type { CommandDef } from '../../../src/commands/command-types.ts';
import { commands } from '../../../src/commands/commands.ts';
import { silentLogger } from '../../../src/log.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { BOT_TOKEN, type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender, slackSignature } from '../../support/slack-requests.ts';
import { SlackStandIn } from '../../support/slack-stand-in.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

const SECRET = 'test-signing-secret';
const HOSTILE = 'Checkpoint <!channel> & <@U123> > set up';

const boom: CommandDef = {
  name: 'boom',
  description: 'Always fails',
  options: [],
  examples: [],
  run: async () => {
    throw new Error('kaboom');
  },
};

let emu: SlackEmulator;
let standIn: SlackStandIn;
let adapter: SlackAdapter;
let sender: SlackSender;

beforeAll(async () => {
  [emu, standIn] = await Promise.all([startSlackEmulator(), new SlackStandIn().start()]);
  const services = await createTestServices();
  await services.store.putEvent(
    makeEvent({
      id: 'hostile-kenscoff',
      occurredAt: '2025-03-20',
      summary: HOSTILE,
      place: { placeId: 'kenscoff', text: 'Kenscoff', geoPrecision: 'commune' },
      sources: [{ publisher: 'Wire & <Co>', url: 'https://example.org/report?a=1&b=2', date: '2025-03-21' }],
    }),
    { author: 'test', reason: 'hostile text', at: '2025-03-21T00:00:00Z' },
  );
  adapter = createSlackAdapter(slackTestConfig({ apiUrl: emu.apiUrl, signingSecret: SECRET, botToken: BOT_TOKEN }), {
    services,
    logger: silentLogger(),
    now: () => TEST_NOW,
    commands: [...commands, boom],
    listen: { host: '127.0.0.1', port: 0 },
  });
  await adapter.start();
  sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
});

afterAll(async () => {
  await adapter?.stop();
  await Promise.all([emu?.close(), standIn?.close()]);
});

// biome-ignore lint/suspicious/noExplicitAny: Slack message JSON
type Message = any;

/** Runs a slash command; returns what was posted to its response_url. */
async function slash(command: string, text: string): Promise<Message[]> {
  const r = standIn.responseUrl();
  const res = await sender.slashCommand(command, text, { response_url: r.url, channel_id: emu.channelId });
  // Acknowledged at once, with an empty body: the answer goes to response_url.
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  const answers = await waitFor(() => (standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined));
  for (const m of answers) expect(slackLimitViolations(m)).toEqual([]);
  return answers;
}

async function answer(command: string, text: string): Promise<{ message: Message; text: string }> {
  const [message] = await slash(command, text);
  return { message, text: messageText(message) };
}

describe('slash commands', () => {
  it('/status answers privately, as Slack does, with the mission figures, their sources and Share', async () => {
    const { message, text } = await answer('/status', '');
    expect(message.response_type).toBe('ephemeral');
    const share = message.blocks
      .flatMap((b: Message) => b.elements ?? [])
      .find((e: Message) => e.action_id === 'sitrep_share');
    expect(share?.text.text).toBe('Share in channel');
    expect(JSON.parse(share?.value ?? '{}')).toEqual({ v: 1, c: 'status', a: {} });
    expect((await answer('/status', 'visibility:public')).message.response_type).toBe('in_channel');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'MSS Haiti: mission status' },
    });
    // One screen: the first figure of each list with its date and source, the rest counted.
    expect(text).toContain('Deployed (Kenyan police): *at least 800*');
    expect(text).toContain('_as of Mar 2025 · ');
    expect(text).toContain('Killed: *1*');
    expect(text).toContain('_as of 23 Feb 2025 · The New York Times, citing a Kenya police statement, 24 Feb 2025');
    expect(text).toMatch(/_\+\d more_/);
    expect(message.blocks.length).toBeLessThanOrEqual(12);
  });

  it('/timeline with a quoted place and a date lists the events there, newest first', async () => {
    const { text } = await answer('/timeline', 'location:"pont sonde" from:2025-03-01');
    expect(text).toContain('Timeline: from 1 Mar 2025');
    expect(text).toContain('sticks in a ditch');
    expect(text).toContain(':warning: disputed');
    // Before the from: date.
    expect(text).not.toContain('Kaetuai');
  });

  it('/location takes the place as a bare word, with or without accents', async () => {
    const { text } = await answer('/location', 'Kenscoff');
    expect(text).toContain('Kenscoff: what happened');
    expect(text).toContain('A Kenyan MSS officer is shot during an operation');
    const accented = await answer('/location', 'Pont-Sondé');
    const plain = await answer('/location', 'pont sonde');
    expect(accented.text).toContain('sticks in a ditch');
    // The same answer; only the buttons' values (More, Share) keep the words as each was typed.
    const shown = (m: Message) => m.blocks.filter((b: Message) => b.type !== 'actions');
    expect(shown(plain.message)).toEqual(shown(accented.message));
    expect(JSON.stringify(plain.message.blocks)).toContain('pont sonde');
  });

  it('/ask answers a question about a place', async () => {
    const { text } = await answer('/ask', 'what happened near Pont-Sondé?');
    expect(text).toContain('Pont-Sondé: what happened');
    expect(text).toContain('sticks in a ditch');
  });

  it('/ask answers a question with no place first, in a sentence', async () => {
    const { text } = await answer('/ask', 'how many Kenyans were killed');
    expect(text).toContain('1 MSS member killed (MSS Kenyan police contingent), the latest on 23 Feb 2025');
  });

  it('/digest runs its subcommand, and its default one without it', async () => {
    const { text } = await answer('/digest', 'preview since:2025-03-25 until:2025-03-27');
    expect(text).toContain('sticks in a ditch');
    const fallback = await answer('/digest', 'since:2025-03-25 until:2025-03-27');
    expect(fallback.text).toBe(text);
  });

  it('/<command> help shows the usage, privately', async () => {
    const { message, text } = await answer('/timeline', 'help');
    expect(message.response_type).toBe('ephemeral');
    expect(text).toContain('Usage: /timeline [from:YYYY-MM-DD] [to:YYYY-MM-DD] [location]');
    expect(text).toContain('/timeline location:"pont sonde" from:2025-03-01');
    expect((await answer('/digest', 'help')).text).toContain('/digest preview: What was reported');
  });

  it('answers unknown keys, missing values and bad values privately, naming the problem', async () => {
    const cases: Array<[string, string, string]> = [
      [
        '/timeline',
        'place:Kenscoff',
        'Unknown option "place". Options: from, to, location, category, actor, limit, cursor, language, visibility.',
      ],
      ['/timeline', 'from: location:Kenscoff', 'from: has no value'],
      ['/timeline', 'from:2025-13-01', 'must be a date like 2025-03-25'],
      ['/timeline', 'limit:99', 'limit must be from 1 to 25'],
      ['/location', '', '/location needs a value for “name”'],
      ['/location', 'Atlantis', 'Unknown place'],
    ];
    for (const [command, text, expected] of cases) {
      const { message, text: shown } = await answer(command, text);
      expect(message.response_type, `${command} ${text}`).toBe('ephemeral');
      expect(shown, `${command} ${text}`).toContain(expected);
    }
  });

  it('escapes data and user text: no mention, channel ping or link gets through', async () => {
    const { message } = await answer('/timeline', 'location:Kenscoff from:2025-03-20 to:2025-03-20');
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(messageText(message)).toContain('Checkpoint &lt;!channel&gt; &amp; &lt;@U123&gt; &gt; set up');
    expect(messageText(message)).toContain(
      '<https://example.org/report?a=1&amp;b=2|Wire &amp; &lt;Co&gt;>, 21 Mar 2025',
    );
    // What a user typed comes back escaped too (Slack sends it entity-encoded).
    const typed = await answer('/status', '&lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(JSON.stringify(typed.message)).not.toMatch(/<!channel>|<@U123>/);
    expect(typed.text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  it('a command that throws is still acknowledged and answered privately', async () => {
    const { message, text } = await answer('/boom', '');
    expect(message.response_type).toBe('ephemeral');
    expect(text).toContain('Sorry, something went wrong');
    expect(text).not.toContain('kaboom');
  });
});

describe('signature verification', () => {
  it('rejects a wrong signature, a missing one, a stale timestamp and a changed body; nothing is answered', async () => {
    const before = (await emu.client.conversations.history({ channel: emu.channelId })).messages?.length;
    const r = standIn.responseUrl();
    const fields = { response_url: r.url, channel_id: emu.channelId };
    const wrong = await sender.slashCommand('/status', '', fields, { signature: 'v0=deadbeef' });
    const missing = await sender.slashCommand('/status', '', fields, { signature: null });
    const stale = await sender.slashCommand('/status', '', fields, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    const event = {
      type: 'app_mention',
      user: 'U000000001',
      text: `<@${emu.botUserId}> Kenscoff?`,
      ts: '1.5',
      channel: emu.channelId,
    };
    const mention = await sender.event(event, { signature: 'v0=0000' });
    // Signed for one body, sent with another.
    const ts = Math.floor(Date.now() / 1000);
    const changed = await sender.send(
      new URLSearchParams({ command: '/status', text: '', response_url: r.url }).toString(),
      'application/x-www-form-urlencoded',
      { timestamp: ts, signature: slackSignature(SECRET, ts, 'command=%2Fstatus&text=other') },
    );
    for (const res of [wrong, missing, stale, mention, changed]) expect(res.status).toBe(401);
    // The same requests, signed: their answers come after any answer to the rejected ones would.
    const signed = await sender.slashCommand('/status', '', fields);
    const signedMention = await sender.event({ ...event, ts: '1.6', event_ts: '1.6' });
    expect([signed.status, signedMention.status]).toEqual([200, 200]);
    await pollReplies(emu.channelId, '1.6');
    const [status] = await waitFor(() =>
      standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined,
    );
    expect(messageText(status)).toContain('mission status');
    expect(standIn.responses.get(r.id)).toHaveLength(1);
    const rejectedThread = await emu.client.conversations.replies({ channel: emu.channelId, ts: '1.5' });
    expect(rejectedThread.messages).toEqual([]);
    expect((await emu.client.conversations.history({ channel: emu.channelId })).messages?.length).toBe(before);
  });
});

/**
 * A request left open: headers sent, then whatever the test writes; resolves with the status as
 * soon as the bot answers, whether or not the body was finished (or even started).
 */
function openRequest(headers: Record<string, string>) {
  const req = request(`http://127.0.0.1:${adapter.port()}/slack/events`, { method: 'POST', headers });
  req.on('error', () => {});
  req.flushHeaders();
  const status = new Promise<number>((resolve) => req.on('response', (res) => resolve(res.statusCode ?? 0)));
  return { req, status };
}

describe('request size', () => {
  const MB = 1024 * 1024;
  const form = 'application/x-www-form-urlencoded';
  const slashBody = (text: string, responseUrl: string) =>
    new URLSearchParams({ command: '/status', text, response_url: responseUrl, channel_id: emu.channelId }).toString();

  it('refuses a signed 2 MB body (413) and answers a normal one right after', async () => {
    const r = standIn.responseUrl();
    const body = slashBody('x'.repeat(2 * MB), r.url);
    const ts = Math.floor(Date.now() / 1000);
    const signed = { 'content-type': form, 'x-slack-request-timestamp': String(ts) };
    const big = openRequest({ ...signed, 'x-slack-signature': slackSignature(SECRET, ts, body) });
    big.req.end(body);
    expect(await big.status).toBe(413);

    // The same, without a declared length: refused once past the limit, while still sending.
    const chunked = openRequest({
      ...signed,
      'x-slack-signature': slackSignature(SECRET, ts, body),
      'transfer-encoding': 'chunked',
    });
    chunked.req.write(body.slice(0, MB + 64 * 1024));
    expect(await chunked.status).toBe(413);
    chunked.req.destroy();

    const answers = await slash('/status', '');
    expect(messageText(answers[0])).toContain('at least 800');
    expect(standIn.responses.get(r.id)).toEqual([]);
  });

  it('reads no more than a few KB of an unsigned body before refusing it', async () => {
    // A declared 2 MB without a signature: refused before a byte of the body is sent.
    const declared = openRequest({ 'content-type': form, 'content-length': String(2 * MB) });
    expect(await declared.status).toBe(401);
    declared.req.destroy();
    // Chunked, never finished: refused after the first 8 KB.
    const endless = openRequest({ 'content-type': form, 'transfer-encoding': 'chunked' });
    endless.req.write('x'.repeat(8 * 1024));
    expect(await endless.status).toBe(401);
    endless.req.destroy();
    // A signature with a timestamp Slack would never send counts as none.
    const stale = openRequest({
      'content-type': form,
      'transfer-encoding': 'chunked',
      'x-slack-signature': 'v0=00',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) - 3600),
    });
    stale.req.write('x'.repeat(8 * 1024));
    expect(await stale.status).toBe(401);
    stale.req.destroy();
    // Slack's unsigned SSL check still gets its 200.
    const check = await sender.send('ssl_check=1&token=legacy', form, { signature: null });
    expect(check.status).toBe(200);
  });
});

describe('mentions and direct messages', () => {
  it('answers a question in an app_mention in the thread', async () => {
    const ts = '1700000000.000200';
    const res = await sender.event({
      type: 'app_mention',
      user: 'U000000001',
      text: `<@${emu.botUserId}> what happened near Pont-Sondé?`,
      ts,
      channel: emu.channelId,
      event_ts: ts,
    });
    expect(res.status).toBe(200);
    const messages = await pollReplies(emu.channelId, ts);
    expect(messages[0].user).toBe(emu.botUserId);
    expect(messageText(messages[0])).toContain('Pont-Sondé: what happened');
    expect(messageText(messages[0])).toContain('sticks in a ditch');
  });

  it('answers a question in a direct message', async () => {
    const dm = await emu.client.conversations.open({ users: 'U000000001' });
    const channel = dm.channel?.id as string;
    const ts = '1700000000.000300';
    await sender.event({
      type: 'message',
      channel_type: 'im',
      user: 'U000000001',
      text: 'attaques à Kenscoff',
      ts,
      channel,
    });
    const answerMessage = await pollHistory(channel);
    // Asked in French, answered in French.
    expect(messageText(answerMessage)).toContain('Kenscoff : ce qui s’est passé');
  });
});

async function pollReplies(channel: string, ts: string): Promise<Message[]> {
  const until = Date.now() + EVENTUALLY_MS;
  for (;;) {
    const res = await emu.client.conversations.replies({ channel, ts });
    const replies = (res.messages ?? []).filter((m) => m.thread_ts === ts && m.ts !== ts);
    if (replies.length) return replies;
    if (Date.now() > until) throw new Error('no reply in the thread');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function pollHistory(channel: string): Promise<Message> {
  const until = Date.now() + EVENTUALLY_MS;
  for (;;) {
    const res = await emu.client.conversations.history({ channel });
    const mine = (res.messages ?? []).find((m) => m.user === emu.botUserId);
    if (mine) return mine;
    if (Date.now() > until) throw new Error('no answer in the DM');
    await new Promise((r) => setTimeout(r, 20));
  }
}
