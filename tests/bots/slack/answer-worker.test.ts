/**
 * Read-only commands answered by the answer worker process, on its own connection to a store
 * file: the bot's own services are a separate in-memory store, so an answer that shows what
 * only the file holds came from the worker. Also: a failed post gets the fallback, a crashed
 * worker is replaced and what it held is answered once, and stop() answers what is queued.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
let fileApp: App;
let standIn: SlackStandIn;
let adapter: SlackAdapter;
let sender: SlackSender;

beforeAll(async () => {
  fileApp = createTestApp(file);
  for (let i = 0; i < 3; i++) {
    fileApp.services.store.putEvent(
      makeEvent({ id: `file-only-${i}`, occurredAt: `2025-03-2${i}`, summary: `${ONLY_IN_FILE} (${i}).` }),
      { author: 'test', reason: 'only in the file', at: '2025-03-30T00:00:00Z' },
    );
  }
  standIn = await new SlackStandIn().start();
  adapter = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
    {
      services: createTestServices(),
      logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      now: () => TEST_NOW,
      listen: { host: '127.0.0.1', port: 0 },
      databasePath: file,
      answerWorkerUrl: new URL('../../support/slack-crashing-worker.ts', import.meta.url),
    },
  );
  await adapter.start();
  sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
}, 30_000);

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
  fileApp?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a slash command and checks its acknowledgement; the answer lands at `id`. */
async function send(command: string, text: string): Promise<string> {
  const r = standIn.responseUrl();
  const res = await sender.slashCommand(command, text, { response_url: r.url });
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  return r.id;
}

/** Waits for the answers at `ids`, then a little longer: a second message would be a defect. */
async function answersOnce(ids: string[], timeoutMs = 10_000): Promise<Json[]> {
  await waitFor(() => (ids.every((id) => standIn.responses.get(id)?.length) ? true : undefined), timeoutMs);
  await new Promise((r) => setTimeout(r, 300));
  return ids.map((id) => {
    const got = standIn.responses.get(id) ?? [];
    expect(got, `answers at ${id}`).toHaveLength(1);
    return got[0];
  });
}

describe('the answer worker', () => {
  it('answers /timeline from the store file, once, in the channel', async () => {
    const [message] = await answersOnce([await send('/timeline', 'from:2025-03-20 to:2025-03-23')]);
    expect(message.response_type).toBe('in_channel');
    expect(messageText(message)).toContain(ONLY_IN_FILE);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('answers /status and a mistake (privately) the same way the bot does', async () => {
    const [status, mistake] = await answersOnce([await send('/status', ''), await send('/timeline', 'from:soon')]);
    expect(status.blocks[0].text.text).toBe('MSS Haiti: mission status');
    expect(mistake.response_type).toBe('ephemeral');
    expect(messageText(mistake)).toMatch(/from/i);
  });

  it('answers /digest preview, a subcommand that reads only, from the store file', async () => {
    const [message] = await answersOnce([await send('/digest', 'preview since:2025-03-29 until:2025-03-31')]);
    expect(messageText(message)).toContain(ONLY_IN_FILE);
  });

  it('answers a page button, replacing the message', async () => {
    const [first] = await answersOnce([await send('/timeline', 'from:2025-03-20 to:2025-03-23 limit:1')]);
    const actions = first.blocks.find((b: Json) => b.type === 'actions');
    const next = actions.elements.find((e: Json) => e.text.text === 'Next');
    const r = standIn.responseUrl();
    const res = await sender.blockAction(
      { type: 'button', action_id: next.action_id, block_id: 'sitrep_pages', value: next.value, text: next.text },
      r.url,
    );
    expect(res.status).toBe(200);
    const [page] = await answersOnce([r.id]);
    expect(page.replace_original).toBe(true);
    expect(messageText(page)).toContain(`${ONLY_IN_FILE} (1).`);
    expect(messageText(first)).toContain(`${ONLY_IN_FILE} (2).`);
  });

  it('follows a /location answer with its map, uploaded into the channel by the worker', async () => {
    const r = standIn.responseUrl();
    await sender.slashCommand('/location', 'Kenscoff', { response_url: r.url, channel_id: 'C0SITUATION' });
    const [message] = await answersOnce([r.id]);
    expect(messageText(message)).toContain('Kenscoff: what happened');
    const [file] = await waitFor(() => (standIn.shared.length ? standIn.shared : undefined), 10_000, 'the map');
    expect(file?.channel).toBe('C0SITUATION');
    expect(file?.bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('sends the fallback, privately, when posting the answer fails', async () => {
    const r = standIn.responseUrl();
    standIn.failingResponses.add(r.id);
    const res = await sender.slashCommand('/status', '', { response_url: r.url });
    expect(res.status).toBe(200);
    const [message] = await answersOnce([r.id]);
    expect(message).toEqual({ response_type: 'ephemeral', replace_original: false, text: FALLBACK });
    expect(logged.some((l) => l.msg === 'slack answer failed' && l.worker === 'slack-answers')).toBe(true);
  });

  it('replaces a crashed worker; what it held gets the fallback once, what follows a real answer', async () => {
    const crash = await send('/status', 'crash:1500');
    // Handed over while the worker is stuck: held by it when it dies.
    const held = await Promise.all([send('/status', ''), send('/timeline', ''), send('/status', '')]);
    const answers = await answersOnce([crash, ...held]);
    for (const message of answers) {
      expect(message).toEqual({ response_type: 'ephemeral', replace_original: false, text: FALLBACK });
    }
    expect(logged.some((l) => l.msg === 'slack answer worker exited; starting another' && l.code === 70)).toBe(true);
    const [after] = await answersOnce([await send('/timeline', 'from:2025-03-20 to:2025-03-23')]);
    expect(messageText(after)).toContain(ONLY_IN_FILE);
  });

  it('stop() lets queued answers finish before the worker ends', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i % 2 ? '/status' : '/timeline', '')));
    await adapter.stop();
    const answers = await answersOnce(ids, 1000);
    for (const message of answers) expect(message.response_type).toBe('in_channel');
  });
});

describe('an answer worker that cannot open the store file', () => {
  it('leaves the answers to the bot, and the log says why', async () => {
    const lines: Json[] = [];
    const bot = createSlackAdapter(
      slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-worker' }),
      {
        services: createTestServices(),
        logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
        now: () => TEST_NOW,
        listen: { host: '127.0.0.1', port: 0 },
        databasePath: join(dir, 'missing', 'sitrep.db'),
      },
    );
    await bot.start();
    try {
      const failed = lines.find((l) => l.msg === 'slack answer worker did not start; answering in the bot');
      expect(failed?.err?.message).toMatch(/could not start: cannot open the database .* does not exist/);
      const r = standIn.responseUrl();
      const res = await new SlackSender(`http://127.0.0.1:${bot.port()}/slack/events`, SECRET).slashCommand(
        '/status',
        '',
        { response_url: r.url },
      );
      expect(res.status).toBe(200);
      const [message] = await answersOnce([r.id]);
      expect(message.blocks[0].text.text).toBe('MSS Haiti: mission status');
    } finally {
      await bot.stop();
    }
  });
});
