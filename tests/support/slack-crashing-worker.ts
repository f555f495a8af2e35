/**
 * The Slack answer worker, and a way to make it crash: a batch of handed-over jobs holding a
 * slash command whose text is `crash:<ms>` blocks the process for that long (requests handed over
 * meanwhile are held by the worker, unanswered) and then ends it, as a fatal error would.
 */

// Registered before the worker's own listeners, so the crashing job never reaches them.
process.on('message', (message: unknown) => {
  const jobs = Array.isArray(message) ? (message as { kind?: string; text?: string }[]) : [];
  const crash = jobs.map((j) => (j.kind === 'command' ? j.text?.match(/^crash:(\d+)$/) : null)).find(Boolean);
  if (!crash) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(crash[1]));
  process.exit(70);
});

await import('../../src/bots/slack/answer-worker.ts');
