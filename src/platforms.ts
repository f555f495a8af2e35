/**
 * Starts the parts of the bot this process's roles name (roles.ts): the chat platforms (Discord
 * in this process, or as shard processes under a ShardingManager; Slack), the scheduler that
 * posts digests and alerts, and the intake poller. A scheduler in a process without a platform's
 * connection posts to it through its REST API. The platform packages are loaded only here, so
 * the CLI starts fast. Each part registers its stop step as soon as it exists, so a signal during
 * start-up (a login that hangs) stops it too; stopping goes in the reverse order: the poller and
 * the scheduler first (sends in flight finish), then the adapters; the store is the app's,
 * closed after. Each part also says to /healthz whether it is up.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { Poster } from './core/poster-port.ts';
import type { Health } from './health.ts';
import type { Logger } from './log.ts';
import type { Role } from './roles.ts';
import type { Shutdown } from './shutdown.ts';

interface Startable extends Poster {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RoleOptions {
  roles: ReadonlySet<Role>;
  /** Where each part reports whether it is up; also served on the Slack HTTP port. */
  health?: Health | undefined;
  /** How to start a Discord shard process (DISCORD_SHARDS set); absent in a shard process itself. */
  shardProcess?: { script: string; args: string[]; execArgv: string[] } | undefined;
}

/** How long each stop step may take; the bot's shutdown deadline bounds them all. */
const STOP_TIMEOUT_MS = {
  intake: 1000,
  scheduler: 1000,
  discord: 1000,
  shards: 3000,
  slack: 2500,
  poster: 500,
  executor: 2000,
};

/**
 * Resolves once every part is connected and started; rejects if a platform cannot start.
 * Without options: the platforms and the scheduler in this process.
 */
export async function startPlatforms(
  config: Config,
  app: App,
  log: Logger,
  shutdown: Pick<Shutdown, 'add' | 'stopping'>,
  options: RoleOptions = { roles: new Set<Role>(['discord', 'slack', 'scheduler']) },
): Promise<void> {
  const { roles, health } = options;
  const { services } = app;
  const adapters: Startable[] = [];
  const shardProcess = config.DISCORD_SHARDS !== undefined ? options.shardProcess : undefined;
  let shards: import('./bots/discord/shards.ts').DiscordShards | undefined;
  // One executor for the platforms answered in this process: read-only answers off its event
  // loop. Its stop step comes before the adapters', so it stops after them.
  const answersHere =
    (roles.has('discord') && config.discordEnabled && !shardProcess) || (roles.has('slack') && config.slackEnabled);
  const executor = answersHere ? await startExecutor(config, app, log, shutdown) : undefined;

  if (roles.has('discord') && config.discordEnabled && shardProcess) {
    const { createDiscordShards } = await import('./bots/discord/shards.ts');
    const logger = log.child({ platform: 'discord' });
    const started = createDiscordShards(config, shardProcess, logger);
    shards = started;
    shutdown.add('discord', () => started.stop(), STOP_TIMEOUT_MS.shards);
    health?.add('discord', () => started.problem());
  } else if (roles.has('discord') && config.discordEnabled) {
    const { createDiscordAdapter } = await import('./bots/discord/adapter.ts');
    const { gatewayProblem } = await import('./bots/discord/gateway-health.ts');
    const adapter = createDiscordAdapter(config, { services, logger: log.child({ platform: 'discord' }), executor });
    adapters.push(adapter);
    health?.add('discord', () => gatewayProblem(adapter.client));
  }
  if (roles.has('slack') && config.slackEnabled) {
    const { createSlackAdapter } = await import('./bots/slack/adapter.ts');
    const logger = log.child({ platform: 'slack' });
    const customRoutes = health
      ? [{ path: '/healthz', method: ['GET', 'HEAD'], handler: health.handle.bind(health) }]
      : undefined;
    const adapter = createSlackAdapter(config, {
      services,
      logger,
      executor,
      customRoutes,
    });
    let listening = false;
    adapters.push({
      platform: adapter.platform,
      post: adapter.post,
      findRecentByMarker: adapter.findRecentByMarker,
      update: adapter.update,
      async start() {
        await adapter.start();
        listening = true;
      },
      async stop() {
        listening = false;
        await adapter.stop();
      },
    });
    health?.add('slack', () =>
      listening && (adapter.mode === 'socket' || adapter.port() !== undefined) ? undefined : 'receiver not listening',
    );
  }
  for (const adapter of adapters)
    shutdown.add(adapter.platform, () => adapter.stop(), STOP_TIMEOUT_MS[adapter.platform]);

  const posters: Startable[] = [];
  if (roles.has('scheduler')) posters.push(...(await restPosters(config, adapters, log)));
  for (const poster of posters) shutdown.add(`${poster.platform} poster`, () => poster.stop(), STOP_TIMEOUT_MS.poster);

  let scheduler: import('./scheduler/scheduler.ts').Scheduler | undefined;
  let scheduling = false;
  if (roles.has('scheduler')) {
    const { createScheduler } = await import('./scheduler/scheduler.ts');
    const created = createScheduler({
      services,
      subscriptions: services.subscriptions,
      posters: [...adapters, ...posters],
      settings: { skipQuietDays: config.DIGEST_SKIP_QUIET_DAYS, catchUpHours: config.DIGEST_CATCHUP_HOURS },
      log: log.child({ module: 'scheduler' }),
    });
    scheduler = created;
    shutdown.add(
      'scheduler',
      () => {
        scheduling = false;
        return created.stop();
      },
      STOP_TIMEOUT_MS.scheduler,
    );
    health?.add('scheduler', () => (scheduling ? undefined : 'not running'));
  }

  let polling = false;
  let poller: import('./intake/poller.ts').Poller | undefined;
  if (roles.has('intake')) {
    const intake = services.intake;
    if (!intake) throw new Error('the intake role needs the intake store');
    const { createConfiguredPoller } = await import('./intake-role.ts');
    const created = createConfiguredPoller(config, {
      intake,
      services,
      now: () => new Date(),
      log: log.child({ module: 'intake' }),
    });
    poller = created;
    shutdown.add(
      'intake',
      () => {
        polling = false;
        return created.stop();
      },
      STOP_TIMEOUT_MS.intake,
    );
    health?.add('intake', () => (polling ? undefined : 'poller not running'));
  }

  for (const adapter of adapters) {
    await adapter.start();
    log.info({ platform: adapter.platform }, 'platform started');
  }
  if (shards && !shutdown.stopping) {
    await shards.start();
    log.info({ guilds: await shards.guilds() }, 'discord shards ready');
  }
  for (const poster of posters) if (!shutdown.stopping) await poster.start();
  if (shutdown.stopping) return;
  if (scheduler) {
    scheduling = true;
    // The first pass (catch-up) may wait out a Retry-After; the bot answers meanwhile.
    scheduler.start().catch((err: unknown) => {
      scheduling = false;
      log.error({ err }, 'scheduler failed to start');
    });
  }
  if (poller) {
    poller.start();
    polling = true;
    log.info('intake poller started');
  }
  log.info({ roles: [...roles] }, 'roles started');
}

async function startExecutor(config: Config, app: App, log: Logger, shutdown: Pick<Shutdown, 'add'>) {
  const { createBotExecutor } = await import('./executor/index.ts');
  const { services } = app;
  const store = { databasePath: services.databasePath, databaseUrl: config.SITREP_DATABASE_URL };
  const executor = createBotExecutor(
    { store, settings: services.settings },
    services,
    log.child({ module: 'executor' }),
  );
  shutdown.add('executor', () => executor.stop(), STOP_TIMEOUT_MS.executor);
  await executor.start();
  return executor;
}

/** REST posters for the configured platforms that have no adapter in this process. */
async function restPosters(config: Config, adapters: readonly Startable[], log: Logger): Promise<Startable[]> {
  const here = new Set(adapters.map((a) => a.platform));
  const posters: Startable[] = [];
  if (config.discordEnabled && !here.has('discord')) {
    const { createDiscordRestPoster } = await import('./bots/discord/rest-poster.ts');
    posters.push(createDiscordRestPoster(config, log.child({ platform: 'discord' })));
  }
  if (config.slackEnabled && !here.has('slack')) {
    const { createSlackRestPoster } = await import('./bots/slack/rest-poster.ts');
    posters.push(createSlackRestPoster(config, log.child({ platform: 'slack' })));
  }
  return posters;
}
