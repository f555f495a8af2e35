/**
 * The executor: where read-only work runs. Adapters verify, acknowledge and hand a job over;
 * the executor answers with the View (or place suggestions, or a map's PNG) and the adapter
 * renders it. The worker pool (pool.ts) runs jobs off the bot's event loop on a connection that
 * only reads; the inline executor runs them in the bot, for a store no other connection can
 * open (':memory:') and for tests that build services by hand.
 */
import type { CommandDef } from '../commands/command-types.ts';
import type { DispatchLogger } from '../commands/dispatch.ts';
import type { Services } from '../core/services.ts';
import type { ViewMap } from '../core/view.ts';
import { type Job, type JobAnswer, type JobServices, runJob } from './jobs.ts';

export interface Executor {
  /** Whether this command is run here: declared read-only, and one the executor knows. */
  serves(command: CommandDef): boolean;
  /**
   * Runs a job. A command (or deliver) job never rejects: a failure is a private answer saying so (already
   * logged). A places or map job rejects when it cannot be answered.
   */
  run<J extends Job>(job: J): Promise<JobAnswer<J>>;
  /**
   * How long a job handed over now would wait before it starts (ms, an estimate); 0 when a
   * worker is free. An adapter with a deadline defers at once rather than wait behind others.
   */
  expectedWaitMs(): number;
  start(): Promise<void>;
  /** Lets jobs handed over finish (bounded), answers the rest with a short note, ends the workers. */
  stop(): Promise<void>;
}

export interface InlineExecutorOptions {
  services: Services;
  /** The commands it may run (those declared read-only among them); the registry in the bot. */
  commands: readonly CommandDef[];
  logger: DispatchLogger;
  drawMap(map: ViewMap): Promise<Uint8Array>;
}

/** Runs jobs in this process, on the given services. */
export function createInlineExecutor(options: InlineExecutorOptions): Executor {
  const on: JobServices = options;
  return {
    serves: (command) => Boolean(command.readOnly),
    run: <J extends Job>(job: J) => runJob(on, job) as Promise<JobAnswer<J>>,
    expectedWaitMs: () => 0,
    async start() {},
    async stop() {},
  };
}
