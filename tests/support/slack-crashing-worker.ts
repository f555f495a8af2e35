/**
 * The Slack answer worker, and a way to make it crash: from a handed-over slash command whose
 * text is `crash:<path>` on, the worker answers nothing more (it holds what it is handed, as a
 * stuck worker would), and once a file exists at <path> it ends, as a fatal error would. The test
 * creates the file when it has handed over what the worker should hold, so the crash comes then
 * however slowly the machine runs. Jobs handed over before the crash finish and are reported as
 * usual: the event loop keeps running.
 */
import { existsSync } from 'node:fs';

const WAIT_AT_MOST_MS = 60_000;
let crashing = false;

function exitOnceReleased(path: string): void {
  const deadline = Date.now() + WAIT_AT_MOST_MS;
  setInterval(() => {
    if (existsSync(path) || Date.now() > deadline) process.exit(70);
  }, 10);
}

// Registered before the worker's own listeners, which get the same batch afterwards: emptied
// here, it reaches them with nothing to answer.
process.on('message', (message: unknown) => {
  if (!Array.isArray(message)) return;
  const jobs = message as { kind?: string; text?: string }[];
  const crash = jobs.map((j) => (j.kind === 'command' ? j.text?.match(/^crash:(.+)$/) : null)).find(Boolean);
  if (crash && !crashing) {
    crashing = true;
    exitOnceReleased(crash[1] as string);
  }
  if (crashing) jobs.length = 0;
});

await import('../../src/bots/slack/answer-worker.ts');
