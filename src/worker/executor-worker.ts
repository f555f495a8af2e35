/**
 * A worker of the executor (see src/executor/pool.ts), run as a worker thread or a child
 * process: its own read-only connection to the store, the registry's commands, and maps drawn
 * here too. It runs each job it is sent and says when it is done; it never writes to the store.
 * It posts some answers itself (a Slack response_url), so it loads the platforms' deliverers:
 * hence a folder of its own, as src/bots imports src/executor.
 */
import { parentPort } from 'node:worker_threads';
import { pino } from 'pino';
import { renderMapPng } from '../bots/map/render-map.ts';
import { createSlackDeliverer } from '../bots/slack/deliver.ts';
import { commands } from '../commands/commands.ts';
import { type JobServices, runJob } from '../executor/jobs.ts';
import { cachedMaps } from '../executor/map-cache.ts';
import type { FromWorker, JobOutcome, ToWorker, WorkerInit } from '../executor/protocol.ts';
import { openReadOnlyServices, type ReadOnlyServices } from '../executor/read-only-services.ts';
import { createSharedSent } from '../executor/shared-answers.ts';
import { createViewCache } from '../executor/view-cache.ts';
import { lowerPriority } from '../process-priority.ts';

const port = parentPort;
const send = port ? (m: FromWorker) => port.postMessage(m) : process.send?.bind(process);
if (!send) throw new Error('executor-worker.ts runs as a worker of the executor (see src/executor/pool.ts)');
const post = (message: FromWorker) => void send(message);
const onMessage = (listener: (message: ToWorker) => void) =>
  port ? port.on('message', listener) : process.on('message', listener);

async function serve(init: WorkerInit) {
  lowerPriority(init.nice, port ? 'thread' : 'process');
  const logger = pino({ level: init.logLevel }, { write: (line: string) => post({ type: 'log', line }) });
  let opened: ReadOnlyServices;
  try {
    opened = await openReadOnlyServices(init.store, init.settings);
  } catch (err) {
    const failed: FromWorker = { type: 'failed', reason: (err as Error).message };
    // A thread is ended by the pool; a process ends once the message has gone.
    if (port) post(failed);
    else process.send?.(failed, () => process.exit(1));
    return;
  }
  const { dataVersion } = opened;
  const on: JobServices = {
    services: opened.services,
    commands,
    logger,
    drawMap: cachedMaps(renderMapPng),
    // This connection never writes, so its data version changes with every commit to the store.
    views: dataVersion ? createViewCache({ dataVersion }) : undefined,
    deliverers: { slack: createSlackDeliverer(logger) },
  };
  // Shared answers the pool keeps: sent again by id alone.
  const sent = createSharedSent();
  // What finishes in one turn of the event loop is reported in one message.
  let outcomes: JobOutcome[] = [];
  const report = () => {
    post({ type: 'done', outcomes });
    outcomes = [];
  };
  const settle = (outcome: JobOutcome) => {
    if (outcomes.push(outcome) === 1) setImmediate(report);
  };
  // Answers posted here, reported once a turn too.
  let posted: number[] = [];
  const reportPosted = () => {
    post({ type: 'posted', ids: posted });
    posted = [];
  };
  const postedOne = (id: number) => {
    if (posted.push(id) === 1) setImmediate(reportPosted);
  };
  onMessage((message) => {
    if (message.type !== 'jobs') return;
    for (const { id, job } of message.jobs) {
      let posting: Promise<void> | undefined;
      runJob(on, job, (started) => {
        posting = started;
      }).then(
        (answer) => {
          const shared = on.views?.idOf(answer);
          if (posting) {
            settle({ id, ok: true, answer, posting: true });
            posting.then(
              () => postedOne(id),
              (err: unknown) => {
                logger.error({ err }, 'executor: posting an answer failed');
                postedOne(id);
              },
            );
          } else if (shared === undefined) settle({ id, ok: true, answer });
          else if (sent.keeps(shared)) settle({ id, ok: true, shared });
          else settle({ id, ok: true, answer, shared });
        },
        (err: unknown) => {
          logger.error({ err, job: job.kind }, 'executor job failed');
          settle({ id, ok: false, error: (err as Error).message });
        },
      );
    }
  });
  post({ type: 'ready' });
}

// The bot gone, nothing is left to answer for.
if (!port) process.on('disconnect', () => process.exit(0));
let initialised = false;
onMessage((message) => {
  if (message.type !== 'init' || initialised) return;
  initialised = true;
  void serve(message.init);
});
post({ type: 'started' });
