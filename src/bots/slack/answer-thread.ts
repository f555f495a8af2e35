/**
 * The answer worker, seen from the main thread. The main thread only verifies, acknowledges and
 * hands a read-only command over; the worker (answer-worker.ts, its own SQLite connection on
 * the same file, at a lower OS priority) queries, renders and posts to the response_url, so a
 * burst of answers never delays an acknowledgement (3 s) behind it.
 *
 * Jobs wait here and go to the worker a few at a time. If the worker dies, the requests it held
 * and had not answered get the short private fallback (never silence, never twice: an answered
 * request is not answered again), and a new worker takes the queue.
 */
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import type { CoreSettings } from '../../core/services.ts';
import type { Logger } from '../../log.ts';
import type { Caller } from '../command-types.ts';
import { FALLBACK, respondFallback, respondTo } from './answer.ts';

interface JobBase {
  responseUrl: string;
  caller: Caller;
  /** When the request was acknowledged (ISO): the answer's "now". */
  now: string;
}

/** A slash command (`command` is the root name, `text` what was typed) or a page click. */
export type NewAnswerJob =
  | (JobBase & { kind: 'command'; command: string; text: string; channel?: string | undefined })
  | (JobBase & { kind: 'page'; value: string });

export type AnswerJob = NewAnswerJob & { id: number };

/** What the worker tells the main thread. */
export type WorkerMessage =
  | { type: 'ready' }
  /** The text answer has been posted and a map upload follows; a crash now must not answer again. */
  | { type: 'answered'; id: number }
  /** Answered (or the fallback sent) and done, map included: its place in the worker is free. */
  | { type: 'finished'; id: number }
  /** A pino line, logged again by the main thread's logger. */
  | { type: 'log'; line: string };

export interface AnswerWorkerData {
  databasePath: string;
  settings: CoreSettings;
  token: string;
  slackApiUrl: string;
  logLevel: string;
}

export interface AnswerThreadOptions extends Omit<AnswerWorkerData, 'logLevel'> {
  logger: Logger;
  /** The worker script; tests give one that can be made to crash. */
  workerUrl?: URL | undefined;
  /** How long stop() lets queued answers finish; default 10 s. */
  drainMs?: number | undefined;
}

export interface AnswerThread {
  /** Resolves once the worker has opened the database; rejects if it cannot. */
  start(): Promise<void>;
  /** Queues a job; false when stopped (answer it on the main thread instead). */
  submit(job: NewAnswerJob): boolean;
  /** Lets queued answers finish (bounded), answers the rest with a short note, ends the worker. */
  stop(): Promise<void>;
}

/** Jobs held by the worker at once: queries are synchronous, posts overlap. */
const IN_WORKER = 8;
const STOPPING = 'Sitrep is restarting and could not answer this. Please try again in a minute.';
const defaultWorker = new URL(
  import.meta.url.endsWith('.ts') ? './answer-worker.ts' : './answer-worker.js',
  import.meta.url,
);

export function createAnswerThread(options: AnswerThreadOptions): AnswerThread {
  const log = options.logger;
  const queue: AnswerJob[] = [];
  const held = new Map<number, { job: AnswerJob; answered: boolean }>();
  const idle: (() => void)[] = [];
  let worker: Worker | undefined;
  let ready = false;
  let stopping = false;
  let failedStarts = 0;
  let nextId = 1;
  let restartTimer: NodeJS.Timeout | undefined;

  const fallback = (job: AnswerJob, text = FALLBACK) => respondFallback(log, respondTo(job.responseUrl), text);

  function pump() {
    while (worker && ready && held.size < IN_WORKER && queue.length > 0) {
      const job = queue.shift() as AnswerJob;
      held.set(job.id, { job, answered: false });
      worker.postMessage(job);
    }
    if (queue.length === 0 && held.size === 0) for (const resolve of idle.splice(0)) resolve();
  }

  function spawn(onReady?: () => void, onFailed?: (err: Error) => void) {
    const data: AnswerWorkerData = {
      databasePath: options.databasePath,
      settings: options.settings,
      token: options.token,
      slackApiUrl: options.slackApiUrl,
      logLevel: log.level,
    };
    const url = options.workerUrl ?? defaultWorker;
    const w = createWorker(url, data);
    worker = w;
    let crash: Error | undefined;
    w.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        ready = true;
        failedStarts = 0;
        onReady?.();
        pump();
      } else if (message.type === 'answered') {
        const entry = held.get(message.id);
        if (entry) entry.answered = true;
      } else if (message.type === 'finished') {
        held.delete(message.id);
        pump();
      } else relog(log, message.line);
    });
    w.on('error', (err) => {
      crash = err;
      log.error({ err }, 'slack answer worker failed');
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      const wasReady = ready;
      worker = undefined;
      ready = false;
      // Whatever the worker held and had not answered gets the fallback, once.
      const unanswered = [...held.values()].filter((e) => !e.answered).map((e) => e.job);
      held.clear();
      for (const job of unanswered) void fallback(job, stopping ? STOPPING : FALLBACK);
      if (!wasReady) {
        failedStarts += 1;
        onFailed?.(crash ?? new Error(`the answer worker exited with code ${code} before it was ready`));
      }
      if (stopping || !wasReady) {
        // No worker to serve the queue now: answer it rather than leave it waiting.
        for (const job of queue.splice(0)) void fallback(job, stopping ? STOPPING : FALLBACK);
      }
      if (!stopping) {
        log.warn({ code, unanswered: unanswered.length }, 'slack answer worker exited; starting another');
        const delay = wasReady ? 0 : Math.min(30_000, 1000 * 2 ** (failedStarts - 1));
        restartTimer = setTimeout(() => spawn(), delay);
      }
      pump();
    });
  }

  return {
    start() {
      stopping = false;
      return new Promise<void>((resolve, reject) =>
        spawn(resolve, (err) => {
          stopping = true;
          clearTimeout(restartTimer);
          reject(err);
        }),
      );
    },
    submit(job) {
      if (stopping) return false;
      queue.push({ ...job, id: nextId++ } as AnswerJob);
      pump();
      return true;
    },
    async stop() {
      if (stopping && !worker) return;
      stopping = true;
      clearTimeout(restartTimer);
      if (worker && (queue.length > 0 || held.size > 0)) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, options.drainMs ?? 10_000);
          }),
        ]);
        clearTimeout(timer);
      }
      const left = [...queue.splice(0), ...[...held.values()].filter((e) => !e.answered).map((e) => e.job)];
      held.clear();
      const w = worker;
      worker = undefined;
      await Promise.all([...left.map((job) => fallback(job, STOPPING)), w?.terminate()]);
    },
  };
}

/**
 * The bundle's worker is plain JavaScript. From the TypeScript sources, the worker first
 * registers tsx, as bin/sitrep.js does for the main thread (Node 20 does not apply a parent's
 * `--import tsx` to a worker's entry module).
 */
function createWorker(url: URL, workerData: AnswerWorkerData): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(url.href);
  const bootstrap = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** A pino line from the worker, logged by the main thread's logger (and its redaction). */
function relog(log: Logger, line: string) {
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
    const label = pino.levels.labels[level] as pino.Level | undefined;
    if (label) log[label]({ ...rest, thread: 'slack-answers' }, msg);
  } catch {
    log.warn({ line }, 'slack answer worker wrote an unreadable log line');
  }
}
