/**
 * Discord burst: slash commands dispatched through a loopback gateway at a fixed concurrency to
 * the bot (the real Discord adapter, through discord.js, on the benchmark's store), and the same
 * burst to a bare discord.js app that only replies a fixed text. Measured per interaction: from
 * the gateway dispatch to the first interaction callback (reply or defer) at the REST stand-in,
 * which Discord wants within 3 s; and, for the bot, to the last message of its answer.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { pino } from 'pino';
import type { AppServices } from '../src/app.ts';
import { createDiscordAdapter } from '../src/bots/discord/adapter.ts';
import { loadConfig } from '../src/config.ts';
import type { Executor } from '../src/executor/index.ts';
import type { BurstResult, StandInAddress, Target } from './discord-client.ts';
import { type Stats, stats } from './stats.ts';

const clientScript = fileURLToPath(new URL('./discord-client.ts', import.meta.url));
/** Discord drops an interaction not acknowledged within this long. */
export const DISCORD_ACK_DEADLINE_MS = 3000;

export interface DiscordBurstResult {
  requests: number;
  concurrency: number;
  ack: Stats;
  /** Dispatch to the last message of the answer (the bot; the bare app's is its reply). */
  answer: Stats;
  /** Acknowledged after Discord's 3 s. */
  late: number;
  /** Never acknowledged, acknowledged but never finished, or logged as failed by the app. */
  errors: number;
  /** The errors by kind; `logged` by what the app logged (message: error), with counts. */
  errorKinds: { unacknowledged: number; unfinished: number; logged: Record<string, number> };
  /** Until the last acknowledgement: requests / ackSeconds is the acknowledgement throughput. */
  ackSeconds: number;
  /** Until the last answer finished. */
  seconds: number;
  /**
   * CPU time of the answering process per interaction (ms, user + system, the bursts' total over
   * their count): its own work, which load from elsewhere on the machine does not change. The
   * bot's executor workers are other processes and not counted.
   */
  cpuMsPerInteraction: number;
}

export interface DiscordLoadRun {
  bot: DiscordBurstResult;
  bare: DiscordBurstResult;
  /** bot ack p50 / bare p50, bot ack p99 / bare p99. */
  ratioP50: number;
  ratioP99: number;
}

/** The run with the median p99 ratio, and each run's figures (as the Slack load reports). */
export interface DiscordLoadResult extends DiscordLoadRun {
  runs: Array<{
    ratioP99: number;
    botAckP99: number;
    bareAckP99: number;
    late: number;
    errors: number;
    botCpuMs: number;
    bareCpuMs: number;
  }>;
}

/** Bursts alternate between the bot and the bare app (bot, bare, bare, bot), as the Slack load does. */
const ROUNDS = 4;
const WARM_UP = 50;

interface LoadClient {
  addresses: Record<Target, StandInAddress>;
  burst(target: Target, requests: number, concurrency: number): Promise<BurstResult>;
  close(): Promise<void>;
}

/** Starts bench/discord-client.ts: the stand-ins and the load, in a process of their own. */
async function startClient(): Promise<LoadClient> {
  const child = spawn(process.execPath, ['--import', 'tsx', clientScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`bench/discord-client.ts exited with ${await exited}`);
    return JSON.parse(line.value);
  };
  const addresses = (await nextLine()) as Record<Target, StandInAddress>;
  return {
    addresses,
    async burst(target, requests, concurrency) {
      child.stdin.write(`${JSON.stringify({ target, requests, concurrency })}\n`);
      return (await nextLine()) as BurstResult;
    },
    async close() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`bench/discord-client.ts exited with ${code}`);
    },
  };
}

/** A discord.js app that replies a fixed text to every slash command, and nothing else. */
async function startBareApp(address: StandInAddress): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: address.restUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: 'Noted.' }).catch(() => {});
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(address.token);
  await ready;
  return client;
}

type TimedBurst = BurstResult & { cpuMs: number };

function pooled(bursts: TimedBurst[], concurrency: number, logged: Record<string, number>): DiscordBurstResult {
  const ack = bursts.flatMap((b) => b.ack);
  const sum = (f: (b: TimedBurst) => number) => Number(bursts.reduce((s, b) => s + f(b), 0).toFixed(3));
  const unacknowledged = sum((b) => b.unacknowledged);
  const unfinished = sum((b) => b.unfinished);
  const requests = sum((b) => b.requests);
  return {
    requests,
    concurrency,
    ack: stats(ack),
    answer: stats(bursts.flatMap((b) => b.answer)),
    late: ack.filter((ms) => ms > DISCORD_ACK_DEADLINE_MS).length,
    errors: unacknowledged + unfinished + Object.values(logged).reduce((s, n) => s + n, 0),
    errorKinds: { unacknowledged, unfinished, logged },
    ackSeconds: sum((b) => b.ackSeconds),
    seconds: sum((b) => b.seconds),
    cpuMsPerInteraction: Number((sum((b) => b.cpuMs) / (requests || 1)).toFixed(3)),
  };
}

export async function runDiscordLoad(
  services: AppServices,
  now: Date,
  requests = 2000,
  concurrency = 50,
  /** The executor answering, started, as deployed: read-only answers and maps in worker processes. */
  executor: Executor,
  /** The whole burst this many times; the run with the median p99 ratio is reported. */
  runs = 3,
): Promise<DiscordLoadResult> {
  const client = await startClient();
  // What the adapter logs as an error (a failed interaction, a failed post) is an error here,
  // counted by what was logged; the warm-up's are left out.
  let logged: Record<string, number> = {};
  const logger = pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        const { msg, err } = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        const key = `${msg}: ${err?.message ?? ''}`.slice(0, 160);
        logged[key] = (logged[key] ?? 0) + 1;
      },
    },
  );
  const { bot: botAddress, bare: bareAddress } = client.addresses;
  const adapter = createDiscordAdapter(
    loadConfig({
      DISCORD_TOKEN: botAddress.token,
      DISCORD_APPLICATION_ID: botAddress.applicationId,
      DISCORD_API_URL: botAddress.restUrl,
    }),
    { services, logger, now: () => now, executor },
  );
  let bare: Client | undefined;
  try {
    await adapter.start();
    bare = await startBareApp(bareAddress);
    await client.burst('bot', Math.min(WARM_UP, requests), concurrency);
    await client.burst('bare', Math.min(WARM_UP, requests), concurrency);
    const results: DiscordLoadRun[] = [];
    for (let r = 0; r < runs; r++) {
      logged = {};
      const rounds = { bot: [] as TimedBurst[], bare: [] as TimedBurst[] };
      const perRound = Math.ceil(requests / ROUNDS);
      for (let i = 0; i < ROUNDS; i++) {
        const n = Math.min(perRound, requests - i * perRound);
        if (n <= 0) break;
        const order: Target[] = i % 2 === 0 ? ['bot', 'bare'] : ['bare', 'bot'];
        for (const target of order) {
          const cpu = process.cpuUsage();
          const result = await client.burst(target, n, concurrency);
          const used = process.cpuUsage(cpu);
          rounds[target].push({ ...result, cpuMs: (used.user + used.system) / 1000 });
        }
      }
      const botResult = pooled(rounds.bot, concurrency, logged);
      const bareResult = pooled(rounds.bare, concurrency, {});
      results.push({
        bot: botResult,
        bare: bareResult,
        ratioP50: Number((botResult.ack.p50 / bareResult.ack.p50).toFixed(2)),
        ratioP99: Number((botResult.ack.p99 / bareResult.ack.p99).toFixed(2)),
      });
    }
    const median = [...results].sort((a, b) => a.ratioP99 - b.ratioP99)[
      Math.floor(results.length / 2)
    ] as DiscordLoadRun;
    return {
      ...median,
      runs: results.map((r) => ({
        ratioP99: r.ratioP99,
        botAckP99: r.bot.ack.p99,
        bareAckP99: r.bare.ack.p99,
        late: r.bot.late,
        errors: r.bot.errors,
        botCpuMs: r.bot.cpuMsPerInteraction,
        bareCpuMs: r.bare.cpuMsPerInteraction,
      })),
    };
  } finally {
    await adapter.stop();
    await bare?.destroy();
    await client.close();
  }
}
