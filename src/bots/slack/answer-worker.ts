/**
 * The answer worker thread (see answer-thread.ts): its own read connection on the bot's SQLite
 * file (WAL lets it read beside the main thread), the registry's commands, and a lower OS
 * priority than the main thread, since an acknowledgement has a 3-second deadline and an answer
 * does not. It answers each job end to end: parse, dispatch, render, post, upload the map.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { openApp } from '../../app.ts';
import { commands } from '../commands.ts';
import { type AnswerContext, answerSafely, respondTo, runPageClick, runText } from './answer.ts';
import type { AnswerJob, AnswerWorkerData, WorkerMessage } from './answer-thread.ts';
import { createBoltLogger } from './bolt-logger.ts';

/** Linux: this thread's id is the last part of /proc/thread-self; elsewhere keep the priority. */
function lowerPriority() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not permitted: answers then share the main thread's priority.
  }
}

async function answerJob(ctx: AnswerContext, job: AnswerJob, answered: (mapFollows: boolean) => void): Promise<void> {
  const now = new Date(job.now);
  const respond = respondTo(job.responseUrl);
  if (job.kind === 'page') {
    await answerSafely(ctx, respond, () => runPageClick(ctx, job.value, job.caller, now), { replace: true, answered });
    return;
  }
  const root = ctx.commands.find((c) => c.name === job.command);
  await answerSafely(
    ctx,
    respond,
    async () => {
      if (!root) throw new Error(`the answer worker does not serve /${job.command}`);
      const answer = await runText(ctx, root, job.text, job.caller, now);
      return answer && { ...answer, mapTo: job.channel ? { channel: job.channel } : undefined };
    },
    { answered },
  );
}

const port = parentPort;
if (!port) throw new Error('answer-worker.ts runs as a worker thread (see answer-thread.ts)');
const post = (message: WorkerMessage) => port.postMessage(message);
const data = workerData as AnswerWorkerData;
const logger = pino({ level: data.logLevel }, { write: (line: string) => post({ type: 'log', line }) });

lowerPriority();
const app = openApp({ dbPath: data.databasePath, settings: data.settings, secondary: true });
const ctx: AnswerContext = {
  commands,
  services: app.services,
  logger,
  // Like the adapter's: no retries, so a failed upload ends quickly and the text stands.
  uploads: new webApi.WebClient(data.token, {
    slackApiUrl: data.slackApiUrl,
    logger: createBoltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  }),
};

port.on('message', (job: AnswerJob) => {
  // Most answers have no map: then 'finished' alone says the job was answered and is done.
  const answered = (mapFollows: boolean) => {
    if (mapFollows) post({ type: 'answered', id: job.id });
  };
  answerJob(ctx, job, answered)
    .catch((err: unknown) => logger.error({ err }, 'slack answer failed'))
    .finally(() => post({ type: 'finished', id: job.id }));
});
post({ type: 'ready' });
