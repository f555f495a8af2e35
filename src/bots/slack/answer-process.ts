/**
 * The answer worker, seen from the bot. The bot only verifies, acknowledges and hands a
 * read-only command over; the worker (answer-worker.ts: a child process with its own SQLite
 * connection on the same file, at a lower OS priority) queries, renders and posts to the
 * response_url, so a burst of answers never delays an acknowledgement (3 s) behind it.
 *
 * Jobs wait here and go to the worker a few at a time. If the worker dies, the requests it held
 * and had not reported answered get the short private fallback (never silence; never twice, but
 * for a worker that dies in the instant between posting an answer and reporting it), and a new
 * worker takes the queue.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { Caller } from '../../commands/command-types.ts';
import type { CoreSettings } from '../../core/services.ts';
import type { Logger } from '../../log.ts';
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

/** What the worker tells the bot. */
export type WorkerMessage =
  /** Listening: the settings may be sent (a message sent earlier could be lost). */
  | { type: 'started' }
  /** The database is open: jobs may be sent. */
  | { type: 'ready' }
  /** The database could not be opened; the worker ends. */
  | { type: 'failed'; reason: string }
  /** The text answer has been posted and a map upload follows; a crash now must not answer again. */
  | { type: 'answered'; id: number }
  /** Answered (or the fallback sent) and done, map included: their places in the worker are free. */
  | { type: 'finished'; ids: number[] }
  /** A pino line, logged again by the bot's logger. */
  | { type: 'log'; line: string };

export interface AnswerWorkerData {
  databasePath: string;
  settings: CoreSettings;
  token: string;
  slackApiUrl: string;
  logLevel: string;
  /** The worker's OS priority (nice value): lower than the bot's, whose deadline is 3 s. */
  nice: number;
}

export interface AnswerProcessOptions extends Omit<AnswerWorkerData, 'logLevel' | 'nice'> {
  logger: Logger;
  /** The worker's nice value; default 10. Tests keep 0: priority is judged by the benchmark. */
  nice?: number | undefined;
  /** The worker script; tests give one that can be made to crash. */
  workerUrl?: URL | undefined;
  /** How long stop() lets queued answers finish; default 10 s. */
  drainMs?: number | undefined;
}

export interface AnswerProcess {
  /** Resolves once the worker has opened the database; rejects if it cannot. */
  start(): Promise<void>;
  /** Queues a job; false when stopped (answer it in the bot instead). */
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

export function createAnswerProcess(options: AnswerProcessOptions): AnswerProcess {
  const log = options.logger;
  const queue: AnswerJob[] = [];
  const held = new Map<number, { job: AnswerJob; answered: boolean }>();
  const idle: (() => void)[] = [];
  let worker: ChildProcess | undefined;
  let ready = false;
  let stopping = false;
  let failedStarts = 0;
  let nextId = 1;
  let restartTimer: NodeJS.Timeout | undefined;

  const fallback = (job: AnswerJob, text = FALLBACK) => respondFallback(log, respondTo(job.responseUrl), text);

  /** Sends what the worker has room for, in one message: fewer messages, less work here. */
  function pump() {
    if (worker?.connected && ready && held.size < IN_WORKER && queue.length > 0) {
      const jobs = queue.splice(0, IN_WORKER - held.size);
      for (const job of jobs) held.set(job.id, { job, answered: false });
      worker.send(jobs);
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
      nice: options.nice ?? 10,
    };
    const url = options.workerUrl ?? defaultWorker;
    const w = createWorker(url);
    worker = w;
    let crash: Error | undefined;
    w.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') w.send(data);
      else if (message.type === 'failed') crash = new Error(`the answer worker could not start: ${message.reason}`);
      else if (message.type === 'ready') {
        ready = true;
        failedStarts = 0;
        onReady?.();
        pump();
      } else if (message.type === 'answered') {
        const entry = held.get(message.id);
        if (entry) entry.answered = true;
      } else if (message.type === 'finished') {
        for (const id of message.ids) held.delete(id);
        pump();
      } else relog(log, message.line);
    });
    w.on('error', (err) => {
      crash = err;
      log.error({ err }, 'slack answer worker failed');
    });
    w.on('exit', (code, signal) => {
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
        log.warn({ code, signal, unanswered: unanswered.length }, 'slack answer worker exited; starting another');
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
      const exited = w && w.exitCode === null && w.signalCode === null ? once(w, 'exit') : undefined;
      w?.kill();
      await Promise.all([...left.map((job) => fallback(job, STOPPING)), exited]);
    },
  };
}

/**
 * A process of its own, not a thread: a thread shares the process's garbage-collector helper
 * threads, which would do its collection at the bot's priority. From the TypeScript sources it
 * loads them through tsx, as the bot does; the bundle's worker is plain JavaScript.
 */
function createWorker(url: URL): ChildProcess {
  const execArgv = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  return fork(fileURLToPath(url), [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** A pino line from the worker, logged by the bot's logger (and its redaction). */
function relog(log: Logger, line: string) {
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
    const label = pino.levels.labels[level] as pino.Level | undefined;
    if (label) log[label]({ ...rest, worker: 'slack-answers' }, msg);
  } catch {
    log.warn({ line }, 'slack answer worker wrote an unreadable log line');
  }
}
