/**
 * The bot process: the store, the platforms and the scheduler, with one way out. SIGINT and
 * SIGTERM (in any state: connected, starting, or with the platform unreachable) stop every part
 * within SHUTDOWN_DEADLINE_MS and exit; so does the supervisor going away. A fault no guard caught
 * is handled by the process guards (see process-guards.ts).
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { installProcessGuards } from './process-guards.ts';
import { createShutdown, SHUTDOWN_DEADLINE_MS } from './shutdown.ts';

/** Runs the bot on `app` (already open) until a signal, or a fault that restarts it, ends the process. */
export async function runBot(config: Config, log: Logger, app: App): Promise<void> {
  const shutdown = createShutdown({ log, deadlineMs: SHUTDOWN_DEADLINE_MS });
  installProcessGuards(log, shutdown);
  const onSignal = (signal: NodeJS.Signals) => {
    if (!shutdown.stopping) {
      void shutdown.run(signal);
      return;
    }
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Started by the supervisor: if it disappears (killed), nobody would stop this process.
  if (process.connected) process.once('disconnect', () => void shutdown.run('supervisor gone'));

  shutdown.add('store', () => app.close(), 500);
  try {
    const { startPlatforms } = await import('./platforms.ts');
    await startPlatforms(config, app, log, shutdown);
  } catch (err) {
    if (shutdown.stopping) return;
    log.fatal({ err }, 'could not start');
    await shutdown.run('start failed', 1);
  }
}
