/**
 * Read-only commands answered by the answer worker process, on its own connection to a store
 * file: the bot's own services are a separate in-memory store, so an answer that shows what
 * only the file holds came from the worker. Also: a failed post gets the fallback, a crashed
 * worker is replaced and what it held is answered once, and stop() answers what is queued.
 *
 * "Once" is checked after stop(): it returns when the worker has reported every job finished (each
 * post answered by the stand-in, so recorded) and has exited, so no later message can arrive.
 * The worker runs at a lower OS priority, so on a busy machine it is slow: deadlines are generous.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { FALLBACK } from '../../../src/bots/slack/answer.ts';
import { makeEvent } from '../../support/events.ts';
import { createTestApp, createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

const SECRET = 'worker-signing-secret';
const ONLY_IN_FILE = 'Roadblock on Route Nationale 1 reported only in the store file';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-slack-worker-'));
const file = join(dir, 'sitrep.db');
const logged: Json[] = [];
/** Every response_url the adapter was sent, with what was asked: each gets exactly one message. */
const asked = new Map<string, string>();
/** A slow machine answers late, but answers: a missing answer fails well before the test does. */
const ANSWER_WITHIN_MS = 45_000;
let fileApp: App;
let standIn: SlackStandIn;
let adapter: SlackAdapter;
let sender: SlackSender;

beforeAll(async () => {
  fileApp = await createTestApp(file);
  for (let i = 0; i < 3; i++) {
    await fileApp.services.store.putEvent(
      makeEvent({ id: `file-only-${i}`, occurredAt: `2025-03-2${i}`, summary: `${ONLY_IN_FILE} (${i}).` }),
      { author: 'test', reason: 'only in the file', at: '2025-03-30T00:00:00Z' },
    );
  }
  standIn = await new SlackStandIn().start();
  adapter = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
    {
      services: await createTestServices(),
      logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      now: () => TEST_NOW,
      listen: { host: '127.0.0.1', port: 0 },
      databasePath: file,
      answerWorkerUrl: new URL('../../support/slack-crashing-worker.ts', import.meta.url),
      // Queued answers finish however slowly the machine runs; the default is for production.
      answerDrainMs: 120_000,
      // At the default lower priority, a busy machine starves the worker for minutes.
      answerWorkerNice: 0,
    },
  );
  await adapter.start();
  sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
  await fileApp?.close();
  rmSync(dir, { recursive: true, force: true });
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

describe('the answer worker', () => {
  it('answers /timeline from the store file, once, in the channel', async () => {
    const [message] = await answers([await send('/timeline', 'from:2025-03-20 to:2025-03-23')]);
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

  it('follows a /location answer with its map, uploaded into the channel by the worker', async () => {
    const r = standIn.responseUrl();
    await sender.slashCommand('/location', 'Kenscoff', { response_url: r.url, channel_id: 'C0SITUATION' });
    asked.set(r.id, '/location Kenscoff');
    const [message] = await answers([r.id]);
    expect(messageText(message)).toContain('Kenscoff: what happened');
    const [file] = await waitFor(
      () => (standIn.shared.length ? standIn.shared : undefined),
      ANSWER_WITHIN_MS,
      'the map',
    );
    expect(file?.channel).toBe('C0SITUATION');
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
    expect(logged.some((l) => l.msg === 'slack answer failed' && l.worker === 'slack-answers')).toBe(true);
  });

  it('replaces a crashed worker; what it held gets the fallback once, what follows a real answer', async () => {
    // From this job on the worker answers nothing; it dies once the release file exists.
    const release = join(dir, 'release-the-crash');
    const crash = await send('/status', `crash:${release}`);
    // Acknowledged, so handed over while the worker is stuck: held by it when it dies.
    const held = await Promise.all([send('/status', ''), send('/timeline', ''), send('/status', '')]);
    writeFileSync(release, '');
    const fallbacks = await answers([crash, ...held]);
    for (const message of fallbacks) {
      expect(message).toEqual({ response_type: 'ephemeral', replace_original: false, text: FALLBACK });
    }
    expect(logged.some((l) => l.msg === 'slack answer worker exited; starting another' && l.code === 70)).toBe(true);
    const [after] = await answers([await send('/timeline', 'from:2025-03-20 to:2025-03-23')]);
    expect(messageText(after)).toContain(ONLY_IN_FILE);
  });

  it('stop() lets queued answers finish before the worker ends', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i % 2 ? '/status' : '/timeline', '')));
    await adapter.stop();
    // Answered before stop() returned, each by the worker and not by the stopping note.
    for (const id of ids) expect(standIn.responses.get(id)?.[0]?.response_type, `answer at ${id}`).toBe('in_channel');
    expectEachAnsweredOnce(asked.keys());
  });
});

describe('an answer worker that cannot open the store file', () => {
  it('leaves the answers to the bot, and the log says why', async () => {
    const lines: Json[] = [];
    const bot = createSlackAdapter(
      slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
      {
        services: await createTestServices(),
        logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
        now: () => TEST_NOW,
        listen: { host: '127.0.0.1', port: 0 },
        databasePath: join(dir, 'missing', 'sitrep.db'),
        answerWorkerNice: 0,
      },
    );
    await bot.start();
    const r = standIn.responseUrl();
    try {
      const failed = lines.find((l) => l.msg === 'slack answer worker did not start; answering in the bot');
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
    }
    expect(standIn.responses.get(r.id)).toHaveLength(1);
  });
});
