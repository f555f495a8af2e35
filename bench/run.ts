/**
 * `npm run bench`: every workload at N = 10k, 100k and 1M events, beside its SQL floor; cold
 * start to the first answer and the bot's resident memory, each from a fresh process; the Slack
 * load and the Discord burst on the largest store; ACLED import; the suite's heavy checks at full size.
 * `npm run bench -- --quick`: N = 10k only, fewer calls, results to bench/out/ (a smoke test).
 * `--sizes=10000,100000` picks sizes, `--calls=N` calls per query, `--slack-requests=N` the Slack
 * load (`--slack-runs=N` times, the median reported), `--discord-requests=N` the Discord burst
 * (`--discord-runs=N` times, 3 by default and 1 with --quick, the median reported),
 * `--import-rows=N` the ACLED import, `--intake-items=N` intake from a local feed (`--intake-runs=N`
 * polls beside /status, 3 by default and 1 with --quick, the median reported), `--cold-starts=N` the cold starts (and the bot process),
 * `--executor=thread|process` how the executor runs its workers in both loads (process by default),
 * `--test-scale=N` the suite's fuzz properties and large file at N times their size there,
 * `--out=path` where the JSON goes. A count of 0 skips that part, to time the queries alone.
 * `--store=postgres`: the query workloads on Postgres instead (bench/postgres-run.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openApp } from '../src/app.ts';
import { loadSeedData } from '../src/data/load.ts';
import { createWorkerPool, type Executor } from '../src/executor/index.ts';
import { silentLogger } from '../src/log.ts';
import { benchDatabase, outDir } from './database.ts';
import { type DiscordLoadResult, runDiscordLoad } from './discord-load.ts';
import { GENERATOR_VERSION } from './generate-events.ts';
import { measureImport } from './import-throughput.ts';
import { intakeVerdict, measureIntake } from './intake-throughput.ts';
import { measureUnderstanding } from './question-understanding.ts';
import { runScaledTests } from './scaled-tests.ts';
import { runSlackLoad, type SlackLoadResult } from './slack-load.ts';
import { type Stats, stats, TARGETS, verdicts } from './stats.ts';
import { BENCH_NOW, createWorkloads } from './workloads.ts';

const args = process.argv.slice(2);
if (args.includes('--store=postgres')) {
  // The query workloads on Postgres beside their Postgres floor and SQLite (bench/postgres-run.ts).
  await import('./postgres-run.ts');
  process.exit(0);
}
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const sizes = (flag('sizes') ?? (quick ? '10000' : '10000,100000,1000000')).split(',').map(Number);
const calls = Number(flag('calls') ?? (quick ? 100 : 1000));
const coldStarts = Number(flag('cold-starts') ?? (quick ? 2 : 5));
const slackRequests = Number(flag('slack-requests') ?? (quick ? 300 : 2000));
const slackRuns = Number(flag('slack-runs') ?? 3);
const discordRequests = Number(flag('discord-requests') ?? (quick ? 300 : 2000));
const discordRuns = Number(flag('discord-runs') ?? (quick ? 1 : 3));
const executorMode = (flag('executor') ?? 'process') as 'thread' | 'process';
const testScale = Number(flag('test-scale') ?? (quick ? 0 : 10));
const importRows = Number(flag('import-rows') ?? (quick ? 1000 : 10_000));
const intakeItems = Number(flag('intake-items') ?? (quick ? 300 : 10_000));
const intakeRuns = Number(flag('intake-runs') ?? (quick ? 1 : 3));
const out =
  flag('out') ?? (quick ? `${outDir}results-quick.json` : fileURLToPath(new URL('./results.json', import.meta.url)));
const root = fileURLToPath(new URL('..', import.meta.url));

interface QueryResult {
  name: string;
  /** Held to p99 <= 5 ms alone (see Workload.topic). */
  topic?: true;
  core: Stats;
  floor: Stats;
  /** core p50 / floor p50, core p99 / floor p99. */
  ratioP50: number;
  ratioP99: number;
}

/**
 * Alternates core and floor calls so that load from elsewhere on the machine hits both alike. A
 * core call is awaited, as an adapter awaits it: its time includes the port's promises.
 */
async function measure(
  core: () => Promise<unknown>,
  floor: () => unknown,
  n: number,
): Promise<{ core: number[]; floor: number[] }> {
  for (let i = 0; i < Math.min(20, n); i++) {
    await core();
    floor();
  }
  const times = { core: new Array<number>(n), floor: new Array<number>(n) };
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await core();
    times.core[i] = performance.now() - t;
    t = performance.now();
    floor();
    times.floor[i] = performance.now() - t;
  }
  return times;
}

/** Spawns `node bin/sitrep.js status` on the file: process start to the answer printed. */
function cliColdStart(dbPath: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/sitrep.js', 'status'], {
    cwd: root,
    env: { ...process.env, SITREP_DB_PATH: dbPath, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (run.status !== 0 || !run.stdout.includes('mission status')) {
    throw new Error(`sitrep status failed on ${dbPath}: ${run.stderr}`);
  }
  return ms;
}

function botProcess(dbPath: string): { readyMs: number; rssBytes: number; heapUsedBytes: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/bot-process.ts', dbPath, quick ? '5' : '50'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bench/bot-process.ts failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() as string);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

const seed = loadSeedData();
const runs = [];
let slack: (SlackLoadResult & { events: number }) | null = null;
let discord: (DiscordLoadResult & { events: number }) | null = null;
for (const n of sizes) {
  const database = benchDatabase(n);
  const app = await openApp({ dbPath: database.path, seed });
  const db = new Database(database.path, { readonly: true });
  const queries: QueryResult[] = [];
  try {
    for (const w of await createWorkloads({ services: app.services, db })) {
      const times = await measure(w.core, w.floor, calls);
      const core = stats(times.core);
      const floor = stats(times.floor);
      queries.push({
        name: w.name,
        ...(w.topic ? { topic: true } : {}),
        core,
        floor,
        ratioP50: round(core.p50 / floor.p50, 2),
        ratioP99: round(core.p99 / floor.p99, 2),
      });
    }
  } finally {
    db.close();
    await app.close();
  }
  // One executor for both loads, as in the bot: its worker processes read the same file.
  let executor: Executor | undefined;
  if (n === Math.max(...sizes) && (slackRequests > 0 || discordRequests > 0)) {
    executor = createWorkerPool({
      store: { databasePath: database.path },
      settings: app.services.settings,
      logger: silentLogger(),
      mode: executorMode,
      workers: quick ? 1 : 2,
      // The built worker, as deployed (npm run bench builds dist/ first); from the sources otherwise.
      ...(existsSync(`${root}dist/executor-worker.js`)
        ? { workerUrl: new URL(`file://${root}dist/executor-worker.js`) }
        : {}),
      ...(process.env.SITREP_BENCH_NICE ? { nice: Number(process.env.SITREP_BENCH_NICE) } : {}),
    });
    await executor.start();
  }
  if (executor && slackRequests > 0) {
    // Slack load on the largest database: the bot's receiver against a bare Bolt app.
    const app2 = await openApp({ dbPath: database.path, seed });
    try {
      slack = {
        events: n,
        ...(await runSlackLoad(app2.services, BENCH_NOW, slackRequests, 50, slackRuns, executor)),
      };
    } finally {
      await app2.close();
    }
  }
  if (executor && discordRequests > 0) {
    // The Discord burst on the largest database: the bot's adapter against a bare discord.js app.
    const app3 = await openApp({ dbPath: database.path, seed });
    try {
      discord = {
        events: n,
        ...(await runDiscordLoad(app3.services, BENCH_NOW, discordRequests, 50, executor, discordRuns)),
      };
    } finally {
      await app3.close();
    }
  }
  await executor?.stop();
  const benchRss = process.memoryUsage().rss;
  const cli = Array.from({ length: coldStarts }, () => cliColdStart(database.path));
  const bot = coldStarts > 0 ? botProcess(database.path) : undefined;
  const coldStart = bot && {
    cliStatusMedianMs: round(median(cli), 1),
    cliStatusMaxMs: round(Math.max(...cli), 1),
    botReadyMs: round(bot.readyMs, 1),
  };
  runs.push({
    events: n,
    dbBytes: statSync(database.path).size,
    generatedSeconds: database.generatedSeconds,
    callsPerQuery: calls,
    queries,
    coldStart,
    memory: {
      ...(bot && {
        botRssMB: round(bot.rssBytes / 2 ** 20, 1),
        botHeapUsedMB: round(bot.heapUsedBytes / 2 ** 20, 1),
      }),
      benchRssMB: round(benchRss / 2 ** 20, 1),
    },
  });
}

// Understanding a question, apart from reading the store.
const understanding = measureUnderstanding(seed, quick ? 3 : 20);

// ACLED import into a fresh store file.
const importResult = importRows > 0 ? await measureImport(seed, importRows) : null;
// Intake: a local feed polled into a fresh store file.
const intakeResult = intakeItems > 0 ? await measureIntake(seed, intakeItems, Math.min(...sizes), intakeRuns) : null;

// The suite's heavy checks, at full size.
const scaledTests = testScale > 0 ? runScaledTests(root, testScale) : null;

/** The commit measured: from git, or BENCH_COMMIT when run from an exported tree. */
const commit =
  process.env.BENCH_COMMIT ??
  (spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || undefined);

const results = {
  when: new Date().toISOString(),
  commit,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    node: process.version,
    loadAverage: loadavg().map((x) => round(x, 2)),
  },
  generatorVersion: GENERATOR_VERSION,
  targets: TARGETS,
  runs,
  verdicts: [
    ...verdicts(runs, { slack, discord, imported: importResult, scaledTests }),
    ...(intakeResult ? [intakeVerdict(intakeResult)] : []),
  ],
  import: importResult,
  intake: intakeResult,
  slack,
  discord,
  scaledTests,
  understanding,
};
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

for (const run of runs) {
  process.stdout.write(`\n${run.events.toLocaleString('en')} events (${round(run.dbBytes / 2 ** 20, 0)} MB)\n`);
  process.stdout.write(
    `${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'floor p99'.padStart(10)} ${'x floor'.padStart(8)}\n`,
  );
  for (const q of run.queries) {
    process.stdout.write(
      `${q.name.padEnd(52)} ${q.core.p50.toFixed(3).padStart(8)} ${q.core.p99.toFixed(3).padStart(8)} ${q.floor.p99.toFixed(3).padStart(10)} ${q.ratioP99.toFixed(2).padStart(8)}\n`,
    );
  }
  if (run.coldStart) {
    process.stdout.write(
      `cold start: sitrep status ${run.coldStart.cliStatusMedianMs} ms (median), bot ready ${run.coldStart.botReadyMs} ms; bot RSS ${run.memory.botRssMB} MB\n`,
    );
  }
}
if (slack) {
  process.stdout.write(
    `\nSlack, ${slack.bot.requests} requests at ${slack.bot.concurrency} concurrent, median of ${slack.runs.length} runs (x${slack.runs.map((r) => r.ratioP99).join(', x')}): ack p50/p99 bot ${slack.bot.ack.p50}/${slack.bot.ack.p99} ms, bare Bolt ${slack.bareBolt.ack.p50}/${slack.bareBolt.ack.p99} ms (x${slack.ratioP99}); answer p99 ${slack.bot.answer?.p99} ms; errors ${slack.bot.errors}/${slack.bareBolt.errors}; CPU per request bot ${slack.bot.cpuMsPerRequest} ms, bare Bolt ${slack.bareBolt.cpuMsPerRequest} ms\n`,
  );
}
if (discord) {
  process.stdout.write(
    `Discord, ${discord.bot.requests} interactions at ${discord.bot.concurrency} in flight, median of ${discord.runs.length} runs (x${discord.runs.map((r) => r.ratioP99).join(', x')}): first callback p50/p99 bot ${discord.bot.ack.p50}/${discord.bot.ack.p99} ms, bare discord.js ${discord.bare.ack.p50}/${discord.bare.ack.p99} ms (x${discord.ratioP99}); after 3 s ${discord.bot.late}/${discord.bare.late}; answer p99 ${discord.bot.answer.p99} ms; errors ${discord.bot.errors}/${discord.bare.errors}; CPU per interaction bot ${discord.bot.cpuMsPerInteraction} ms, bare ${discord.bare.cpuMsPerInteraction} ms\n`,
  );
}
if (importResult) {
  process.stdout.write(
    `ACLED import: ${importResult.rows} rows in ${importResult.seconds} s = ${importResult.rowsPerSecond} rows/s\n`,
  );
}
if (scaledTests) {
  process.stdout.write(
    `heavy tests at x${scaledTests.scale}: ${scaledTests.passed ? 'passed' : 'FAILED'} in ${scaledTests.seconds} s (${scaledTests.summary})\n`,
  );
}
if (intakeResult) {
  process.stdout.write(
    `Intake: ${intakeResult.items} feed items in ${intakeResult.seconds} s = ${intakeResult.itemsPerSecond} items/s (${intakeResult.leads} leads); polled again, ${intakeResult.repollItemsPerSecond} items/s; longest event-loop stall during the poll ${intakeResult.longestStallMs} ms\n`,
  );
  const s = intakeResult.statusDuringPoll;
  process.stdout.write(
    `/status at ${s.events.toLocaleString('en')} events while another process polls ${intakeResult.items} new items (${s.pollSeconds} s), median of ${s.runs.length} runs (x${s.runs.join(', x')}): p50/p99 ${s.during.p50}/${s.during.p99} ms, without ${s.without.p50}/${s.without.p99} ms (x${s.ratioP99}, floor x1.3)\n`,
  );
}
process.stdout.write(
  `Understanding a question (${understanding.questions} questions): p50 ${understanding.understand.p50} ms, p99 ${understanding.understand.p99} ms (CPU p99 ${understanding.understandCpu.p99} ms); vocabulary look-up p50 ${understanding.vocabularyLookup.p50} ms\n`,
);
for (const v of results.verdicts) process.stdout.write(`${v.met ? 'met ' : 'MISSED'} ${v.target}: ${v.value}\n`);
process.stdout.write(`results: ${out}\n`);
