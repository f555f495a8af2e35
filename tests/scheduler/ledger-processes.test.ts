/**
 * The claim is a lock across processes: several OS processes on one SQLite file race for the
 * same periods, and each period is won by exactly one of them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openSqliteSubscriptionStore } from '../../src/store/sqlite-subscriptions.ts';
import { digestInput, SchedulerWorld } from '../support/scheduler-harness.ts';

/** Starts a racer; resolves once it is ready, with a function that starts it and gives its output. */
async function startRacer(path: string, owner: string, periods: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', racer, path, owner, String(periods)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
  });
  while (!out.startsWith('ready\n')) await once(child.stdout, 'data');
  return async () => {
    const exited = once(child, 'exit');
    child.stdin.end('go\n');
    const [code] = await exited;
    if (code !== 0) throw new Error(`racer ${owner} exited with ${code}`);
    return JSON.parse(out.slice('ready\n'.length)) as string[];
  };
}
const racer = fileURLToPath(new URL('../support/claim-racer.ts', import.meta.url));
let world: SchedulerWorld;
afterEach(() => world?.cleanup());

it('two processes racing for 2,000 periods: each period claimed and sent by exactly one', async () => {
  world = new SchedulerWorld();
  const setup = openSqliteSubscriptionStore(world.path);
  await setup.upsertSubscription(digestInput(), '2026-06-10T00:00:00.000Z');
  await setup.close();

  // Each racer waits halfway until the other has won a period (tests/support/claim-racer.ts), so
  // the race is real however the machine schedules the two processes.
  const periods = 2000;
  const racers = await Promise.all(['racer-a', 'racer-b'].map((o) => startRacer(world.path, o, periods)));
  const won = await Promise.all(racers.map((go) => go()));
  const all = won.flat();
  expect(all).toHaveLength(periods);
  expect(new Set(all).size).toBe(periods);
  // The race was real: more than one process won periods.
  expect(won.filter((w) => w.length > 0).length).toBeGreaterThan(1);

  const check = openSqliteSubscriptionStore(world.path);
  const ledger = await check.ledger(1);
  await check.close();
  expect(ledger).toHaveLength(periods);
  expect(ledger.every((row) => row.state === 'sent' && row.messageId === `${row.owner}-${row.period}`)).toBe(true);
});
