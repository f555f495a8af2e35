/**
 * Starts the chat platforms whose tokens are set, and the scheduler that posts digests and
 * alerts through them. The platform packages are loaded only here, so the CLI starts fast.
 * Each part registers its stop step as soon as it exists, so a signal during start-up (a login
 * that hangs) stops it too. Stopping goes in the reverse order: the scheduler first (sends in
 * flight finish), then the adapters; the store (subscriptions included) is the app's, closed after.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { Poster } from './core/poster-port.ts';
import type { Logger } from './log.ts';
import type { Shutdown } from './shutdown.ts';

interface Startable extends Poster {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How long each stop step may take; the bot's shutdown deadline bounds them all. */
const STOP_TIMEOUT_MS = { scheduler: 1000, discord: 1000, slack: 2500 } as const;

/** Resolves once every platform is connected and the scheduler started; rejects if a platform cannot start. */
export async function startPlatforms(
  config: Config,
  app: App,
  log: Logger,
  shutdown: Pick<Shutdown, 'add' | 'stopping'>,
): Promise<void> {
  const { createScheduler } = await import('./scheduler/scheduler.ts');
  const { services } = app;
  const { subscriptions } = services;
  const adapters: Startable[] = [];
  if (config.discordEnabled) {
    const { createDiscordAdapter } = await import('./bots/discord/adapter.ts');
    adapters.push(createDiscordAdapter(config, { services, logger: log.child({ platform: 'discord' }) }));
  }
  if (config.slackEnabled) {
    const { createSlackAdapter } = await import('./bots/slack/adapter.ts');
    const logger = log.child({ platform: 'slack' });
    adapters.push(createSlackAdapter(config, { services, logger, databasePath: app.services.databasePath }));
  }
  for (const adapter of adapters)
    shutdown.add(adapter.platform, () => adapter.stop(), STOP_TIMEOUT_MS[adapter.platform]);
  const scheduler = createScheduler({
    services,
    subscriptions,
    posters: adapters,
    settings: { skipQuietDays: config.DIGEST_SKIP_QUIET_DAYS, catchUpHours: config.DIGEST_CATCHUP_HOURS },
    log: log.child({ module: 'scheduler' }),
  });
  shutdown.add('scheduler', () => scheduler.stop(), STOP_TIMEOUT_MS.scheduler);
  for (const adapter of adapters) {
    await adapter.start();
    log.info({ platform: adapter.platform }, 'platform started');
  }
  if (shutdown.stopping) return;
  // The first pass (catch-up) may wait out a Retry-After; the bot answers meanwhile.
  scheduler.start().catch((err: unknown) => log.error({ err }, 'scheduler failed to start'));
}
