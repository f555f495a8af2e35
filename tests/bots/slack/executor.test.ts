/**
 * Read-only work on Slack (slash commands, page clicks, mentions, DMs, maps) answered through
 * the executor, whose worker has its own read-only connection to a store file: the bot's own
 * services are a separate in-memory store, so an answer that shows what only the file holds
 * came from the executor. Also: a failed post gets the fallback, a crashed worker is replaced and
 * what it held is answered once, and stop() lets answers in progress finish.
 *
 * "Once" is checked after stop(): the adapter's stop returns when every answer in progress has
 * been posted (each post answered by the stand-in, so recorded), so no later message can arrive.
 * The worker runs at the bot's priority here; on a busy machine it is slow: deadlines are generous.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { FALLBACK } from '../../../src/bots/slack/answer.ts';
import { createBotExecutor, type Executor } from '../../../src/executor/index.ts';
import { type ExecutorHarness, ONLY_IN_FILE, startExecutorHarness } from '../../support/executor-harness.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

const SECRET = 'worker-signing-secret';
const logged: Json[] = [];
/** Every response_url the adapter was sent, with what was asked: each gets exactly one message. */
const asked = new Map<string, string>();
/** A slow machine answers late, but answers: a missing answer fails well before the test does. */
const ANSWER_WITHIN_MS = 45_000;
let harness: ExecutorHarness;
let standIn: SlackStandIn;
let adapter: SlackAdapter;
let executor: Executor;
let sender: SlackSender;
const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });

beforeAll(async () => {
  harness = await startExecutorHarness('slack-worker', logger);
  executor = harness.executor;
  const { services } = harness;
  standIn = await new SlackStandIn().start();
  adapter = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
    {
      services,
      logger,
      now: () => TEST_NOW,
      listen: { host: '127.0.0.1', port: 0 },
      executor,
      // Answers in progress finish however slowly the machine runs; the default is for production.
      answerDrainMs: 120_000,
    },
  );
  await adapter.start();
  sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
  await harness?.close();
});

/** Sends a slash command and checks its acknowledgement; the answer lands at `id`. */
async function send(command: string, text: string): Promise<string> {
  const r = standIn.responseUrl();
  const res = await sender.slashCommand(command, text, { response_url: r.url });
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  asked.set(r.id, `${command} ${text}`);
  return r.id;
}

/** The first answer at each of `ids`, once all have arrived (exactly one each is checked after stop()). */
async function answers(ids: string[]): Promise<Json[]> {
  await waitFor(
    () => (ids.every((id) => standIn.responses.get(id)?.length) ? true : undefined),
    ANSWER_WITHIN_MS,
    `answers at ${ids.join(', ')}`,
  );
  return ids.map((id) => standIn.responses.get(id)?.[0]);
}

/** After stop(): every response_url asked got one message, not two. */
function expectEachAnsweredOnce(ids: Iterable<string>): void {
  for (const id of ids) expect(standIn.responses.get(id), `answers at ${id} (${asked.get(id)})`).toHaveLength(1);
}

describe('Slack through the executor', () => {
  it('answers /timeline from the store file, once, in the channel', async () => {
    const [message] = await answers([await send('/timeline', 'from:2025-03-20 to:2025-03-23 visibility:public')]);
    expect(message.response_type).toBe('in_channel');
    expect(messageText(message)).toContain(ONLY_IN_FILE);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('answers /status and a mistake (privately) the same way the bot does', async () => {
    const [status, mistake] = await answers([await send('/status', ''), await send('/timeline', 'from:soon')]);
    expect(status.blocks[0].text.text).toBe('MSS Haiti: mission status');
    expect(mistake.response_type).toBe('ephemeral');
    expect(messageText(mistake)).toMatch(/from/i);
  });

  it('answers /digest preview, a subcommand that reads only, from the store file', async () => {
    const [message] = await answers([await send('/digest', 'preview since:2025-03-29 until:2025-03-31')]);
    expect(messageText(message)).toContain(ONLY_IN_FILE);
  });

  it('answers a page button, replacing the message', async () => {
    const [first] = await answers([await send('/timeline', 'from:2025-03-20 to:2025-03-23 limit:1')]);
    const actions = first.blocks.find((b: Json) => b.type === 'actions');
    const next = actions.elements.find((e: Json) => e.text.text === 'Next');
    const r = standIn.responseUrl();
    const res = await sender.blockAction(
      { type: 'button', action_id: next.action_id, block_id: 'sitrep_pages', value: next.value, text: next.text },
      r.url,
    );
    expect(res.status).toBe(200);
    asked.set(r.id, 'the Next button');
    const [page] = await answers([r.id]);
    expect(page.replace_original).toBe(true);
    expect(messageText(page)).toContain(`${ONLY_IN_FILE} (1).`);
    expect(messageText(first)).toContain(`${ONLY_IN_FILE} (2).`);
  });

  it('follows a /location answer with its map, drawn by the executor and uploaded into the channel', async () => {
    const r = standIn.responseUrl();
    await sender.slashCommand('/location', 'Kenscoff visibility:public', {
      response_url: r.url,
      channel_id: 'C0SITUATION',
    });
    asked.set(r.id, '/location Kenscoff');
    const [message] = await answers([r.id]);
    expect(messageText(message)).toContain('Kenscoff: what happened');
    // Other answers here (a digest preview) upload maps of their own, into their channels.
    const file = await waitFor(
      () => standIn.shared.find((f) => f.channel === 'C0SITUATION'),
      ANSWER_WITHIN_MS,
      'the map',
    );
    expect(standIn.shared.filter((f) => f.channel === 'C0SITUATION')).toHaveLength(1);
    expect(file?.bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('sends the fallback, privately, when posting the answer fails', async () => {
    const r = standIn.responseUrl();
    standIn.failingResponses.add(r.id);
    const res = await sender.slashCommand('/status', '', { response_url: r.url });
    expect(res.status).toBe(200);
    asked.set(r.id, '/status, its first post refused');
    const [message] = await answers([r.id]);
    expect(message).toEqual({ response_type: 'ephemeral', replace_original: false, text: FALLBACK });
    expect(logged.some((l) => l.msg === 'slack answer failed')).toBe(true);
  });

  it('answers a mention in its thread and a DM from the store file', async () => {
    const ts = '1700000000.000200';
    const mention = await sender.event({
      type: 'app_mention',
      user: 'U000000001',
      text: 'what happened near Pont-Sondé in March 2025?',
      ts,
      channel: 'C0SITUATION',
      event_ts: ts,
    });
    expect(mention.status).toBe(200);
    const dm = await sender.event({
      type: 'message',
      channel_type: 'im',
      user: 'U000000001',
      text: 'what happened near Pont-Sondé in March 2025?',
      ts: '1700000000.000300',
      channel: 'D0ANALYST',
    });
    expect(dm.status).toBe(200);
    const [inThread, inDm] = await waitFor(
      () => {
        const thread = standIn.posted.find((m) => m.thread_ts === ts);
        const direct = standIn.posted.find((m) => m.channel === 'D0ANALYST');
        return thread && direct ? [thread, direct] : undefined;
      },
      ANSWER_WITHIN_MS,
      'answers to the mention and the DM',
    );
    expect(messageText(inThread)).toContain(ONLY_IN_FILE);
    expect(messageText(inDm)).toContain(ONLY_IN_FILE);
  });

  it('replaces a crashed worker; what it held gets the fallback once, what follows a real answer', async () => {
    // From this job on the worker answers nothing; it dies once the release file exists.
    const release = join(harness.dir, 'release-the-crash');
    // Maps of earlier answers drawn first: the worker then holds the crash and the three below
    // (it takes four at a time), none left waiting for its replacement.
    await waitFor(() => (executor.expectedWaitMs() === 0 ? true : undefined), ANSWER_WITHIN_MS, 'an idle executor');
    const crash = await send('/timeline', `actor:crash:${release}`);
    await waitFor(() => (existsSync(`${release}.stuck`) ? true : undefined), ANSWER_WITHIN_MS, 'the worker stuck');
    // Handed over while the worker is stuck: held by it when it dies.
    const held = await Promise.all([send('/status', ''), send('/timeline', ''), send('/status', '')]);
    await waitFor(() => (executor.expectedWaitMs() > 0 ? true : undefined), ANSWER_WITHIN_MS, 'the jobs handed over');
    writeFileSync(release, '');
    const fallbacks = await answers([crash, ...held]);
    for (const message of fallbacks) {
      expect(message.response_type, JSON.stringify(message).slice(0, 300)).toBe('ephemeral');
      expect(messageText(message)).toContain(FALLBACK);
    }
    expect(logged.some((l) => l.msg === 'executor worker exited; starting another' && l.code === 70)).toBe(true);
    const [after] = await answers([await send('/timeline', 'from:2025-03-20 to:2025-03-23')]);
    expect(messageText(after)).toContain(ONLY_IN_FILE);
  });

  it('posts more answers than its worker holds jobs while their posts wait on the network', async () => {
    // One worker, four jobs at a time: were a job held until its post was answered, the fifth
    // answer would wait for the first post's reply, which comes only after all six arrived.
    standIn.holdResponses = true;
    try {
      const ids = await Promise.all(
        Array.from({ length: 6 }, (_, i) => send('/status', i % 2 ? '' : 'visibility:public')),
      );
      const arrived = await answers(ids);
      for (const message of arrived) expect(message.blocks[0].text.text).toBe('MSS Haiti: mission status');
      // None waited so long for a slot that a held post timed out and got the fallback after it.
      for (const id of ids) expect(standIn.responses.get(id), `answers at ${id}`).toHaveLength(1);
    } finally {
      standIn.releaseResponses();
    }
  });

  it('stop() lets answers in progress finish', async () => {
    // Public answers, so an answer (in_channel) is told from the stopping note (ephemeral).
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send(i % 2 ? '/status' : '/timeline', 'visibility:public')),
    );
    await adapter.stop();
    // Answered before stop() returned, each by the executor and not by the stopping note.
    for (const id of ids) expect(standIn.responses.get(id)?.[0]?.response_type, `answer at ${id}`).toBe('in_channel');
    expectEachAnsweredOnce(asked.keys());
  });
});

describe('an executor whose workers cannot open the store file', () => {
  it('leaves the answers to the bot, and the log says why', async () => {
    const lines: Json[] = [];
    const services = await createTestServices();
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const local = createBotExecutor(
      {
        store: { databasePath: join(harness.dir, 'missing', 'sitrep.db') },
        settings: services.settings,
        workers: 1,
        nice: 0,
      },
      services,
      log,
    );
    await local.start();
    const bot = createSlackAdapter(
      slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
      { services, logger: log, now: () => TEST_NOW, listen: { host: '127.0.0.1', port: 0 }, executor: local },
    );
    await bot.start();
    const r = standIn.responseUrl();
    try {
      const failed = lines.find((l) => l.msg === 'the executor did not start; answering in the bot');
      expect(failed?.err?.message).toMatch(/could not start: cannot open the database .* does not exist/);
      const res = await new SlackSender(`http://127.0.0.1:${bot.port()}/slack/events`, SECRET).slashCommand(
        '/status',
        '',
        { response_url: r.url },
      );
      expect(res.status).toBe(200);
      const [message] = await answers([r.id]);
      expect(message.blocks[0].text.text).toBe('MSS Haiti: mission status');
    } finally {
      await bot.stop();
      await local.stop();
    }
    expect(standIn.responses.get(r.id)).toHaveLength(1);
  });
});
