/**
 * The one executor of a bot process, for every platform: a pool of workers on their own
 * read-only connection to the store, or, where no second connection can see the store (an
 * in-memory one) or the workers cannot start, the same jobs run in the bot itself.
 */
import { renderMapPng } from '../bots/map/render-map.ts';
import type { Caller, CommandDef } from '../commands/command-types.ts';
import { commands as registry } from '../commands/commands.ts';
import { type DispatchLogger, type DispatchResult, dispatch } from '../commands/dispatch.ts';
import type { Services } from '../core/services.ts';
import type { Logger } from '../log.ts';
import { createInlineExecutor, type Executor } from './executor.ts';
import { commandPath, type Delivered, type Delivery } from './jobs.ts';
import { createWorkerPool, type PoolOptions } from './pool.ts';

export { createInlineExecutor, type Executor, type InlineExecutorOptions } from './executor.ts';
export {
  type CommandJob,
  commandAt,
  commandPath,
  type Delivered,
  type Deliverer,
  type Delivery,
  FALLBACK,
  failedAnswer,
  type Job,
  type PlaceSuggestion,
  STOPPING,
} from './jobs.ts';
export { drawnOncePerMap } from './map-cache.ts';
export { createWorkerPool, type PoolOptions } from './pool.ts';
export type { WorkerMode } from './worker-host.ts';

/** Jobs run in this process, on the bot's own services: the registry's read-only commands, unless others are given. */
/** What a platform runs commands with: the registry, the services and the executor. */
export interface CommandRunner {
  commands: readonly CommandDef[];
  services: Services;
  logger: DispatchLogger;
  executor: Executor;
}

/** A read-only command goes to the executor (off this event loop); one that writes runs here. */
export function runCommand(
  on: CommandRunner,
  command: CommandDef,
  raw: Record<string, unknown>,
  caller: Caller,
  now: Date,
): Promise<DispatchResult> {
  if (!on.executor.serves(command)) return dispatch(command, raw, { services: on.services, now, caller }, on.logger);
  const path = commandPath(on.commands, command);
  return on.executor.run({ kind: 'command', command: path, args: raw, caller, now: now.toISOString() });
}

/**
 * As runCommand, but a worker posts the answer itself where it can (`{ delivered: true }`); a
 * command that writes, or one the worker cannot post, gets its answer back.
 */
export function deliverCommand(
  on: CommandRunner,
  command: CommandDef,
  raw: Record<string, unknown>,
  caller: Caller,
  now: Date,
  to: Delivery,
): Promise<DispatchResult | Delivered> {
  if (!on.executor.serves(command)) return runCommand(on, command, raw, caller, now);
  const path = commandPath(on.commands, command);
  const job = { kind: 'command', command: path, args: raw, caller, now: now.toISOString() } as const;
  return on.executor.run({ kind: 'deliver', job, to });
}

export function createLocalExecutor(services: Services, logger: Logger, commands: readonly CommandDef[] = registry) {
  return createInlineExecutor({ services, commands, logger, drawMap: renderMapPng });
}

/**
 * The bot's executor: the worker pool on the store, or, for an in-memory store, this process.
 * When the pool's workers cannot open the store at start (logged), this process answers instead.
 */
export function createBotExecutor(options: Omit<PoolOptions, 'logger'>, services: Services, logger: Logger): Executor {
  const local = createLocalExecutor(services, logger);
  if (options.store.databaseUrl === undefined && options.store.databasePath === ':memory:') return local;
  const pool = createWorkerPool({ ...options, logger });
  let current: Executor = pool;
  let stopped = false;
  return {
    serves: (command) => current.serves(command),
    run: (job) => current.run(job),
    expectedWaitMs: () => current.expectedWaitMs(),
    async start() {
      stopped = false;
      try {
        await pool.start();
      } catch (err) {
        // Stopped while its workers started (a signal during start-up): nothing failed.
        if (stopped) return;
        logger.error({ err }, 'the executor did not start; answering in the bot');
        current = local;
      }
    },
    stop: () => {
      stopped = true;
      return pool.stop();
    },
  };
}
