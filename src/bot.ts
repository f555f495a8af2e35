/**
 * The bot process: the store and the parts its roles name (platforms, scheduler, intake), with
 * /healthz and one way out. SIGINT and SIGTERM (in any state: connected, starting, or with the
 * platform unreachable) stop every part within SHUTDOWN_DEADLINE_MS and exit; so does the
 * supervisor (or the shard manager) going away. A fault no guard caught is handled by the
 * process guards (see process-guards.ts).
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import { createHealth, serveHealth } from './health.ts';
import type { Logger } from './log.ts';
import type { RoleOptions } from './platforms.ts';
import { installProcessGuards } from './process-guards.ts';
import { ROLES, type Role } from './roles.ts';
import { createShutdown, SHUTDOWN_DEADLINE_MS } from './shutdown.ts';

export interface BotOptions {
  /** The roles this process runs (all by default). */
  roles?: ReadonlySet<Role>;
  /** `all` was asked for: intake runs only when there are sources to poll. */
  all?: boolean;
  /** How to start Discord shard processes; absent in a shard process itself. */
  shardProcess?: RoleOptions['shardProcess'];
  /** This is a shard process: the manager serves /healthz. */
  isShard?: boolean;
}

/** Runs the bot on `app` (already open) until a signal, or a fault that restarts it, ends the process. */
export async function runBot(config: Config, log: Logger, app: App, options: BotOptions = {}): Promise<void> {
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
    const roles = new Set(options.roles ?? ROLES);
    await openIntake(config, app, log, roles, options.all ?? !options.roles);
    if (app.services.intake) {
      const intake = app.services.intake;
      shutdown.add('intake store', () => intake.close(), 500);
    }
    const health = createHealth({
      roles: [...roles],
      probeStore: () => app.services.store.getMeta('seed_version'),
      stopping: () => shutdown.stopping,
    });
    // Not ready until each part has started and put its own check in place of this one.
    for (const role of roles) health.add(role, () => 'starting');
    if (config.SITREP_HEALTH_PORT !== undefined && !options.isShard) {
      const server = await serveHealth(health, Number(config.SITREP_HEALTH_PORT), config.SITREP_HEALTH_HOST).catch(
        (err: unknown) => {
          // A port taken or not ours to bind: restarting would not help (exit 2, see supervisor.ts).
          log.fatal({ err }, `cannot serve /healthz on SITREP_HEALTH_PORT ${config.SITREP_HEALTH_PORT}`);
          return shutdown.run('health port unavailable', 2).then(() => undefined);
        },
      );
      if (!server) return;
      // Added before the parts: it stops last, answering 503 while they stop.
      shutdown.add('health', () => server.close(), 500);
      log.info({ port: server.port, host: config.SITREP_HEALTH_HOST }, 'health: listening');
    }
    const { startPlatforms } = await import('./platforms.ts');
    await startPlatforms(config, app, log, shutdown, { roles, health, shardProcess: options.shardProcess });
  } catch (err) {
    if (shutdown.stopping) return;
    log.fatal({ err }, 'could not start');
    await shutdown.run('start failed', 1);
  }
}

/**
 * Opens the intake store beside the events store (its own connection), for the poller and for
 * chat commands in any role. With `all`, the poller is left out when no source is configured.
 */
async function openIntake(config: Config, app: App, log: Logger, roles: Set<Role>, all: boolean): Promise<void> {
  const { openIntakeStore } = await import('./store/index.ts');
  const intake = await openIntakeStore({ path: config.SITREP_DB_PATH, databaseUrl: config.SITREP_DATABASE_URL });
  app.services.intake = intake;
  if (roles.has('intake') && all && (await intake.listSources()).length === 0) {
    roles.delete('intake');
    log.info('intake: no sources; not polling (add one with sitrep sources add, then restart)');
  }
}
