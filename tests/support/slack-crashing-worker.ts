/**
 * The Slack answer worker, and a way to make it crash: a handed-over slash command whose text is
 * `crash:<ms>` blocks the thread for that long (requests handed over meanwhile are held by the
 * worker, unanswered) and then ends the thread, as a fatal error would.
 */
import { parentPort } from 'node:worker_threads';

// Registered before the worker's own listener, so the crashing job never reaches it.
parentPort?.on('message', (job: { kind: string; text?: string }) => {
  const crash = job.kind === 'command' ? job.text?.match(/^crash:(\d+)$/) : null;
  if (!crash) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(crash[1]));
  process.exit(70);
});

await import('../../src/bots/slack/answer-worker.ts');
