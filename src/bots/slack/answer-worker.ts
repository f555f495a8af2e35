/**
 * The answer worker process (see answer-process.ts): its own read connection on the bot's SQLite
 * file (WAL lets it read beside the bot), the registry's commands, and a lower OS priority than
 * the bot, since an acknowledgement has a 3-second deadline and an answer does not. It answers
 * each job end to end: parse, dispatch, render, post, upload the map.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { type App, openApp } from '../../app.ts';
import { commands } from '../../commands/commands.ts';
import { type AnswerContext, answerSafely, respondTo, runPageClick, runText } from './answer.ts';
import type { AnswerJob, AnswerWorkerData, WorkerMessage } from './answer-process.ts';
import { createBoltLogger } from './bolt-logger.ts';

/**
 * Every thread of this process, the garbage collector's and compiler's helpers included, and so
 * the threads they start later (Linux keeps a priority per thread). Elsewhere: the process.
 */
function lowerPriority(nice: number) {
  try {
    for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), nice);
  } catch {
    try {
      setPriority(nice);
    } catch {
      // Not permitted: answers then share the bot's priority.
    }
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

const send = process.send?.bind(process);
if (!send) throw new Error('answer-worker.ts runs as a child process of the bot (see answer-process.ts)');
const post = (message: WorkerMessage) => send(message);
// The bot gone, nothing is left to answer for.
process.on('disconnect', () => process.exit(0));

/** The first message says what to open; every later one is a job. */
process.once('message', async (data: AnswerWorkerData) => {
  lowerPriority(data.nice);
  const logger = pino({ level: data.logLevel }, { write: (line: string) => post({ type: 'log', line }) });
  let app: App;
  try {
    app = await openApp({ dbPath: data.databasePath, settings: data.settings, secondary: true });
  } catch (err) {
    // Said to the bot (which answers in-process instead), then this process ends.
    send({ type: 'failed', reason: (err as Error).message } satisfies WorkerMessage, () => process.exit(1));
    return;
  }
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
  // Jobs come in batches; what finishes in one turn of the event loop is reported in one message.
  let finished: number[] = [];
  const report = () => {
    post({ type: 'finished', ids: finished });
    finished = [];
  };
  const answer = (job: AnswerJob) => {
    // Most answers have no map: then 'finished' alone says the job was answered and is done.
    const answered = (mapFollows: boolean) => {
      if (mapFollows) post({ type: 'answered', id: job.id });
    };
    answerJob(ctx, job, answered)
      .catch((err: unknown) => logger.error({ err }, 'slack answer failed'))
      .finally(() => {
        if (finished.push(job.id) === 1) setImmediate(report);
      });
  };
  process.on('message', (jobs: AnswerJob[]) => {
    for (const job of jobs) answer(job);
  });
  post({ type: 'ready' });
});
post({ type: 'started' });
