/**
 * The executor's worker, with two ways for a test to steer it through a job's own values (any
 * string option, or the typed text of an autocomplete):
 * - `slow:<ms>` blocks the worker synchronously for that long before the job runs (as a slow
 *   synchronous SQLite query would), then the job runs without that option;
 * - `crash:<path>`: from that job on the worker answers nothing more (it holds what it is sent,
 *   as a stuck worker would), and once a file exists at <path> it ends, as a fatal error would.
 *   It creates <path>.stuck when it is stuck; the test then hands over what the worker should
 *   hold, and creates <path>.
 * Works as a worker thread and as a worker process.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const WAIT_AT_MOST_MS = 60_000;
let crashing = false;

interface TestJob {
  kind: string;
  args?: Record<string, unknown>;
  typed?: string;
  /** A deliver job's command. */
  job?: TestJob;
}

function exitOnceReleased(path: string): void {
  writeFileSync(`${path}.stuck`, '');
  const deadline = Date.now() + WAIT_AT_MOST_MS;
  setInterval(() => {
    if (existsSync(path) || Date.now() > deadline) process.exit(70);
  }, 10);
}

function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // A synchronous query that takes this long.
  }
}

/** Steers by the job's values; the job is then left as if the marker had not been given. */
function steer(outer: TestJob): void {
  const job = outer.kind === 'deliver' && outer.job ? outer.job : outer;
  const values = job.kind === 'places' ? [['typed', job.typed]] : Object.entries(job.args ?? {});
  for (const [name, value] of values) {
    const marker = typeof value === 'string' ? /^(slow|crash):(.+)$/.exec(value) : null;
    if (!marker) continue;
    if (job.kind === 'places') job.typed = '';
    else delete job.args?.[name as string];
    if (marker[1] === 'slow') block(Number(marker[2]));
    else if (!crashing) {
      crashing = true;
      exitOnceReleased(marker[2] as string);
    }
  }
}

// Registered before the worker's own listener, which gets the same message afterwards: emptied
// here, it reaches it with nothing to run.
const listen = (listener: (message: { type?: string; jobs?: Array<{ job: TestJob }> }) => void) =>
  parentPort ? parentPort.on('message', listener) : process.on('message', listener);
listen((message) => {
  if (message.type !== 'jobs' || !message.jobs) return;
  for (const { job } of message.jobs) steer(job);
  if (crashing) message.jobs.length = 0;
});

await import('../../src/worker/executor-worker.ts');
