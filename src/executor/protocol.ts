/**
 * The messages between the executor and its workers, the same for a worker thread and a worker
 * process. The bot sends `init` once, then jobs in batches; the worker says it is listening,
 * then ready (or why it cannot open the store), then which jobs are done, and relays its logs.
 */
import type { CoreSettings } from '../core/services.ts';
import type { Job } from './jobs.ts';
import type { StoreLocation } from './read-only-services.ts';

export interface WorkerInit {
  store: StoreLocation;
  settings: CoreSettings;
  logLevel: string;
  /** The worker's OS priority (nice value); 0 keeps the bot's. */
  nice: number;
}

export interface NumberedJob {
  id: number;
  job: Job;
}

export type JobOutcome =
  /**
   * `shared`: the worker gives this same answer to other jobs (see ViewCache.idOf); without
   * `answer`, it is the one sent earlier with that id (see shared-answers.ts).
   */
  | {
      id: number;
      ok: true;
      answer?: unknown;
      shared?: string | undefined;
      /** The worker is posting the answer itself: the job is done with, its `posted` comes later. */
      posting?: true;
    }
  | { id: number; ok: false; error: string };

export type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'jobs'; jobs: NumberedJob[] };

export type FromWorker =
  /** Listening: `init` may be sent (one sent earlier to a process could be lost). */
  | { type: 'started' }
  /** The store is open: jobs may be sent. */
  | { type: 'ready' }
  /** The store could not be opened; the worker ends. */
  | { type: 'failed'; reason: string }
  /** Jobs done in one turn of the worker's event loop. */
  | { type: 'done'; outcomes: JobOutcome[] }
  /** Answers the worker finished posting (see JobOutcome's `posting`). */
  | { type: 'posted'; ids: number[] }
  /** A pino line, logged again by the bot's logger. */
  | { type: 'log'; line: string };
