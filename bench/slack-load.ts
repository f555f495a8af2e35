/**
 * Slack load: signed /status and /timeline slash commands at a fixed concurrency to the bot's
 * HTTP receiver on 127.0.0.1, and the same run against a bare Bolt app that only acknowledges.
 * Measured per request: the acknowledgement (the HTTP response Slack waits 3 s for) and, for
 * the bot, the answer arriving at its response_url (a loopback server here). The whole load runs
 * three times; the figures are those of the run with the median p99 ratio, as p99 on a shared
 * machine moves between runs of the same code.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import type { AppServices } from '../src/app.ts';
import { createSlackAdapter } from '../src/bots/slack/adapter.ts';
import { createBoltLogger } from '../src/bots/slack/bolt-logger.ts';
import type { Executor } from '../src/executor/index.ts';
import { silentLogger } from '../src/log.ts';
import { slackTestConfig } from '../tests/support/slack-config.ts';
import { BOT_TOKEN, startSlackEmulator } from '../tests/support/slack-emulator.ts';
import { type Stats, stats } from './stats.ts';

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
  /**
   * CPU time of the answering process per request (ms, user + system): unlike p99 on a shared
   * machine, a figure other load hardly moves. The bot's includes posting its answers.
   */
  cpuMsPerRequest: number;
}

export interface SlackLoadRun {
  bot: LoadResult;
  bareBolt: LoadResult;
  /** bot ack p50 / bare p50, bot ack p99 / bare p99. */
  ratioP50: number;
  ratioP99: number;
}

/** The run with the median p99 ratio, and each run's ratio and errors. */
export interface SlackLoadResult extends SlackLoadRun {
  runs: Array<{
    ratioP99: number;
    botAckP99: number;
    bareAckP99: number;
    errors: number;
    botCpuMs: number;
    bareCpuMs: number;
  }>;
}

/** What the client prints: the figures, and every request's times for pooling over rounds. */
type ClientResult = Omit<LoadResult, 'cpuMsPerRequest'> & { samples: { ack: number[]; answer?: number[] } };
type TimedRound = ClientResult & { cpuMs: number };

interface LoadClient {
  drive(url: string, requests: number, concurrency: number, waitForAnswers: boolean): Promise<ClientResult>;
  close(): Promise<void>;
}

/** Starts the load generator in its own process, so the client's work never delays the server's. */
function startClient(): LoadClient {
  const child = spawn(process.execPath, ['--import', 'tsx', clientScript, SECRET], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    async drive(url, requests, concurrency, waitForAnswers) {
      const mode = waitForAnswers ? 'answers' : 'ack';
      child.stdin.write(`${JSON.stringify({ url, requests, concurrency, mode })}\n`);
      const line = await lines.next();
      if (line.done) throw new Error(`bench/slack-client.ts exited with ${await exited}`);
      return JSON.parse(line.value) as ClientResult;
    },
    async close() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`bench/slack-client.ts exited with ${code}`);
    },
  };
}

/** Rounds of one app's load, pooled: every request's times, errors and seconds summed. */
function pooled(rounds: TimedRound[], concurrency: number): LoadResult {
  const answers = rounds.flatMap((r) => r.samples.answer ?? []);
  const sum = (f: (r: TimedRound) => number) => Number(rounds.reduce((s, r) => s + f(r), 0).toFixed(3));
  return {
    requests: sum((r) => r.requests),
    concurrency,
    ack: stats(rounds.flatMap((r) => r.samples.ack)),
    ...(rounds.some((r) => r.samples.answer) ? { answer: stats(answers) } : {}),
    errors: sum((r) => r.errors),
    seconds: sum((r) => r.seconds),
    ackSeconds: sum((r) => r.ackSeconds),
    cpuMsPerRequest: Number((sum((r) => r.cpuMs) / (sum((r) => r.requests) || 1)).toFixed(3)),
  };
}

/**
 * The load runs in rounds that alternate between the bot and the bare app (bot, bare, bare,
 * bot, ...), as the query benchmark alternates core and floor calls, so that load from elsewhere
 * on the machine hits both alike. A bot round ends when its last answer has arrived, so no
 * answer work spills into a bare round.
 */
const ROUNDS = 4;

/** One run: rounds alternating between the bot and the bare app, pooled. */
async function runOnce(
  client: LoadClient,
  urls: { bot: string; bare: string },
  requests: number,
  concurrency: number,
): Promise<SlackLoadRun> {
  const rounds = { bot: [] as TimedRound[], bare: [] as TimedRound[] };
  const timed = async (drive: () => Promise<ClientResult>): Promise<TimedRound> => {
    const cpu = process.cpuUsage();
    const result = await drive();
    const used = process.cpuUsage(cpu);
    return { ...result, cpuMs: (used.user + used.system) / 1000 };
  };
  const perRound = Math.ceil(requests / ROUNDS);
  for (let i = 0; i < ROUNDS; i++) {
    const n = Math.min(perRound, requests - i * perRound);
    if (n <= 0) break;
    const runBot = async () => rounds.bot.push(await timed(() => client.drive(urls.bot, n, concurrency, true)));
    const runBare = async () => rounds.bare.push(await timed(() => client.drive(urls.bare, n, concurrency, false)));
    if (i % 2 === 0) {
      await runBot();
      await runBare();
    } else {
      await runBare();
      await runBot();
    }
  }
  const bot = pooled(rounds.bot, concurrency);
  const bareBolt = pooled(rounds.bare, concurrency);
  return {
    bot,
    bareBolt,
    ratioP50: Number((bot.ack.p50 / bareBolt.ack.p50).toFixed(2)),
    ratioP99: Number((bot.ack.p99 / bareBolt.ack.p99).toFixed(2)),
  };
}

export async function runSlackLoad(
  services: AppServices,
  now: Date,
  requests = 2000,
  concurrency = 50,
  runs = 3,
  /** The executor answering, started, as deployed: read-only answers and maps in worker processes. */
  executor: Executor,
): Promise<SlackLoadResult> {
  const emu = await startSlackEmulator();
  const adapter = createSlackAdapter(
    slackTestConfig({ apiUrl: emu.apiUrl, signingSecret: SECRET, botToken: BOT_TOKEN }),
    {
      services,
      logger: silentLogger(),
      now: () => now,
      listen: { host: '127.0.0.1', port: 0 },
      executor,
    },
  );
  const bare = new App({
    token: BOT_TOKEN,
    receiver: new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' }),
    logger: createBoltLogger(silentLogger()),
    clientOptions: { slackApiUrl: emu.apiUrl },
  });
  for (const name of ['/status', '/timeline']) bare.command(name, async ({ ack }) => ack());
  const client = startClient();
  try {
    await adapter.start();
    const server = (await bare.start({ port: 0, host: '127.0.0.1' })) as Server;
    const urls = {
      bot: `http://127.0.0.1:${adapter.port()}/slack/events`,
      bare: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    };
    const warmUp = Math.min(100, requests);
    await client.drive(urls.bot, warmUp, concurrency, true);
    await client.drive(urls.bare, warmUp, concurrency, false);
    const results: SlackLoadRun[] = [];
    for (let i = 0; i < runs; i++) results.push(await runOnce(client, urls, requests, concurrency));
    const median = [...results].sort((a, b) => a.ratioP99 - b.ratioP99)[Math.floor(results.length / 2)] as SlackLoadRun;
    return {
      ...median,
      runs: results.map((r) => ({
        ratioP99: r.ratioP99,
        botAckP99: r.bot.ack.p99,
        bareAckP99: r.bareBolt.ack.p99,
        errors: r.bot.errors + r.bareBolt.errors,
        botCpuMs: r.bot.cpuMsPerRequest,
        bareCpuMs: r.bareBolt.cpuMsPerRequest,
      })),
    };
  } finally {
    await client.close().catch(() => {});
    await adapter.stop();
    await bare.stop().catch(() => {});
    await emu.close();
  }
}
