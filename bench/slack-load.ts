/**
 * Slack load: signed /status and /timeline slash commands at a fixed concurrency to the bot's
 * HTTP receiver on 127.0.0.1, and the same run against a bare Bolt app that only acknowledges.
 * Measured per request: the acknowledgement (the HTTP response Slack waits 3 s for) and, for
 * the bot, the answer arriving at its response_url (a loopback server here).
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import type { AppServices } from '../src/app.ts';
import { createSlackAdapter } from '../src/bots/slack/adapter.ts';
import { silentLogger } from '../src/log.ts';
import { BOT_TOKEN, startSlackEmulator } from '../tests/support/slack-emulator.ts';
import type { Stats } from './stats.ts';

const SECRET = 'bench-signing-secret';
const clientScript = fileURLToPath(new URL('./slack-client.ts', import.meta.url));

export interface LoadResult {
  requests: number;
  concurrency: number;
  ack: Stats;
  /** Slash command to its answer at response_url (bot only). */
  answer?: Stats;
  errors: number;
  /** Until the last answer arrived (the bot) or the last acknowledgement (bare Bolt). */
  seconds: number;
  /** Until the last acknowledgement: requests / ackSeconds is the acknowledgement throughput. */
  ackSeconds: number;
}

export interface SlackLoadResult {
  bot: LoadResult;
  bareBolt: LoadResult;
  /** bot ack p50 / bare p50, bot ack p99 / bare p99. */
  ratioP50: number;
  ratioP99: number;
}

/** Runs the load from its own process, so the client's work never delays the server's. */
async function drive(url: string, requests: number, concurrency: number, waitForAnswers: boolean): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      clientScript,
      url,
      SECRET,
      String(requests),
      String(concurrency),
      waitForAnswers ? 'answers' : 'ack',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench/slack-client.ts exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop() as string) as LoadResult;
}

export async function runSlackLoad(
  services: AppServices,
  now: Date,
  requests = 2000,
  concurrency = 50,
): Promise<SlackLoadResult> {
  const emu = await startSlackEmulator();
  try {
    const adapter = createSlackAdapter(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_APP_TOKEN: undefined,
        SLACK_PORT: 3000,
        SLACK_API_URL: emu.apiUrl,
        SLACK_DIGEST_MANAGER_IDS: [],
      },
      {
        services,
        logger: silentLogger(),
        now: () => now,
        listen: { host: '127.0.0.1', port: 0 },
        // As deployed: read-only answers in the answer worker, on its own connection to the file.
        databasePath: services.databasePath,
      },
    );
    await adapter.start();
    let bot: LoadResult;
    try {
      const url = `http://127.0.0.1:${adapter.port()}/slack/events`;
      await drive(url, 100, concurrency, true);
      bot = await drive(url, requests, concurrency, true);
    } finally {
      await adapter.stop();
    }

    const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
    const bare = new App({
      token: BOT_TOKEN,
      receiver,
      logger: silentBoltLogger(),
      clientOptions: { slackApiUrl: emu.apiUrl },
    });
    for (const name of ['/status', '/timeline']) bare.command(name, async ({ ack }) => ack());
    const server = (await bare.start({ port: 0, host: '127.0.0.1' })) as Server;
    let bareBolt: LoadResult;
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      await drive(url, 100, concurrency, false);
      bareBolt = await drive(url, requests, concurrency, false);
    } finally {
      await bare.stop();
    }
    return {
      bot,
      bareBolt,
      ratioP50: Number((bot.ack.p50 / bareBolt.ack.p50).toFixed(2)),
      ratioP99: Number((bot.ack.p99 / bareBolt.ack.p99).toFixed(2)),
    };
  } finally {
    await emu.close();
  }
}

function silentBoltLogger() {
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    setLevel: noop,
    getLevel: () => 'error' as never,
    setName: noop,
  };
}
