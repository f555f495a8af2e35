/**
 * Starts the chat platforms whose tokens are set, and the scheduler that posts digests and
 * alerts through them. The platform packages are loaded only here, so the CLI starts fast.
 * Stopping goes in the reverse order: the scheduler first (sends in flight finish), then the
 * adapters; the store (subscriptions included) is the app's, closed after.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { Poster } from './core/poster-port.ts';
import type { Logger } from './log.ts';

export interface RunningPlatforms {
  stop(): Promise<void>;
}

interface Startable extends Poster {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatforms(config: Config, app: App, log: Logger): Promise<RunningPlatforms> {
  const { createScheduler } = await import('./scheduler/scheduler.ts');
  const { services } = app;
  const { subscriptions } = services;
  const adapters: Startable[] = [];
  const started: Startable[] = [];
  if (config.discordEnabled) {
    const { createDiscordAdapter } = await import('./bots/discord/adapter.ts');
    adapters.push(createDiscordAdapter(config, { services, logger: log.child({ platform: 'discord' }) }));
  }
  if (config.slackEnabled) {
    const { createSlackAdapter } = await import('./bots/slack/adapter.ts');
    const logger = log.child({ platform: 'slack' });
    adapters.push(createSlackAdapter(config, { services, logger, databasePath: app.services.databasePath }));
  }
  const scheduler = createScheduler({
    services,
    subscriptions,
    posters: adapters,
    settings: { skipQuietDays: config.DIGEST_SKIP_QUIET_DAYS, catchUpHours: config.DIGEST_CATCHUP_HOURS },
    log: log.child({ module: 'scheduler' }),
  });
  try {
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
      log.info({ platform: adapter.platform }, 'platform started');
    }
  } catch (err) {
    for (const adapter of started) await adapter.stop().catch(() => {});
    throw err;
  }
  // The first pass (catch-up) may wait out a Retry-After; the bot answers meanwhile.
  scheduler.start().catch((err: unknown) => log.error({ err }, 'scheduler failed to start'));
  return {
    async stop() {
      await scheduler.stop();
      for (const adapter of started.reverse()) {
        await adapter.stop().catch((err: unknown) => log.error({ err, platform: adapter.platform }, 'stop failed'));
      }
    },
  };
}
