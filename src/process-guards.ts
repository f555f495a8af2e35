/**
 * The last line of defence, for a fault that escaped every guard of ours and of the libraries.
 * A rejected promise nobody awaited is logged and the bot keeps serving: the work it belonged to
 * failed, the process is intact. An exception thrown from a callback may have left state half
 * changed, so it is logged and the process shuts down (bounded) with CRASH_EXIT_CODE, for the
 * supervisor to start a fresh one within seconds. Either way Node's default (a stack trace and an
 * exit nobody restarts) never runs.
 */
import type { Logger } from './log.ts';
import type { Shutdown } from './shutdown.ts';

/** EX_SOFTWARE: the supervisor restarts a bot that exits with it. */
export const CRASH_EXIT_CODE = 70;

export function installProcessGuards(log: Logger, shutdown: Pick<Shutdown, 'run'>): void {
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  process.on('uncaughtException', (err, origin) => {
    log.fatal({ err, origin }, 'uncaught exception; restarting');
    void shutdown.run('uncaught exception', CRASH_EXIT_CODE);
  });
}
