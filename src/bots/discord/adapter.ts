/**
 * The Discord adapter: discord.js's Client with the fewest intents that serve the features
 * (Guilds for slash commands; message intents only when questions in messages are enabled),
 * inbound interactions and messages to the registry's commands, outbound posts for the scheduler.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type RateLimitData } from 'discord.js';
import type { CommandDef } from '../../commands/command-types.ts';
import { commands as registry } from '../../commands/commands.ts';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../config.ts';
import type { Poster } from '../../core/poster-port.ts';
import type { Services } from '../../core/services.ts';
import { createLocalExecutor, drawnOncePerMap, type Executor } from '../../executor/index.ts';
import type { Logger } from '../../log.ts';
import { createAckFirst } from '../ack-first.ts';
import type { InteractionContext } from './answer.ts';
import type { CommandJson } from './command-json.ts';
import { guarded, guardGatewayPackets } from './guards.ts';
import { createInteractionRest } from './interaction-rest.ts';
import { handleInteraction } from './interactions.ts';
import type { MapRenderer } from './map-file.ts';
import { handleMessage } from './messages.ts';
import { createDiscordPoster } from './poster.ts';
import { registerCommands } from './register.ts';

export interface DiscordDeps {
  services: Services;
  logger: Logger;
  now?: () => Date;
  /** The registry by default. */
  commands?: readonly CommandDef[];
  /** Defer a command still running after this long; Discord drops answers after 3 s. */
  deferAfterMs?: number;
  /** Draws maps for answers that have one; the executor by default. */
  renderMap?: MapRenderer;
  /**
   * Runs read-only commands, place suggestions and maps off the event loop (the bot's one
   * executor, shared with Slack). Without one they run here, on `services`.
   */
  executor?: Executor | undefined;
}

export interface DiscordAdapter extends Poster {
  readonly client: Client;
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Registers the commands in DISCORD_GUILD_ID, or globally with `global` (or without a guild id). */
  registerCommands(options?: { global?: boolean }): Promise<CommandJson[]>;
}

const DEFAULT_DEFER_AFTER_MS = 250;

/** Maps drawn by the executor, as the Buffer discord.js attaches. */
function executorMaps(executor: Executor): MapRenderer {
  const draw = drawnOncePerMap((map) => executor.run({ kind: 'map', map }));
  return async (map) => {
    const png = await draw(map);
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  };
}

export function discordIntents(messageContent: boolean): GatewayIntentBits[] {
  return messageContent
    ? [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.MessageContent,
      ]
    : [GatewayIntentBits.Guilds];
}

/** Channel posts reject on a rate limit so the scheduler decides when to retry; replies wait it out. */
function rejectOnRateLimit(data: RateLimitData): boolean {
  return data.route.startsWith('/channels/');
}

export function createDiscordAdapter(config: Config, deps: DiscordDeps, injected?: Client): DiscordAdapter {
  const token = config.DISCORD_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (!token || !applicationId) {
    throw new ConfigError('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required for the Discord adapter.');
  }
  const messageContent = config.DISCORD_MESSAGE_CONTENT;
  const client =
    injected ??
    new Client({
      intents: discordIntents(messageContent),
      // DM channels are not cached; without this partial discord.js drops DM messages.
      partials: messageContent ? [Partials.Channel] : [],
      allowedMentions: { parse: [], repliedUser: false },
      rest: { ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), rejectOnRateLimit },
    });
  const commands = deps.commands ?? registry;
  const log = deps.logger.child({ platform: 'discord' });
  const executor = deps.executor ?? createLocalExecutor(deps.services, log, commands);
  const ctx: InteractionContext = {
    services: deps.services,
    logger: log,
    now: deps.now ?? (() => new Date()),
    commands,
    deferAfterMs: deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    renderMap: deps.renderMap ?? executorMaps(executor),
    executor,
    responses: createInteractionRest({ api: client.rest.options.api, version: client.rest.options.version }),
    ackFirst: createAckFirst(),
  };
  const poster = createDiscordPoster(client.rest, () => client.user?.id, { renderMap: ctx.renderMap, logger: log });
  let wired = false;

  function wire(): void {
    if (wired) return;
    wired = true;
    guardGatewayPackets(client, log);
    client.on(
      Events.InteractionCreate,
      guarded(log, 'interaction handler', (interaction) => handleInteraction(ctx, interaction)),
    );
    if (messageContent)
      client.on(
        Events.MessageCreate,
        guarded(log, 'message handler', (message) => handleMessage(ctx, message)),
      );
    client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
    client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'discord gateway connection error'));
    client.on(Events.ShardDisconnect, (event, shard) =>
      log.warn({ shard, code: event.code }, 'discord gateway closed'),
    );
    client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord gateway reconnecting'));
    client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord gateway resumed'));
  }

  return {
    client,
    platform: 'discord',
    post: poster.post,
    findRecentByMarker: poster.findRecentByMarker,
    update: poster.update,
    async start() {
      wire();
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
      log.info({ user: client.user?.tag, intents: discordIntents(messageContent) }, 'discord adapter ready');
    },
    async stop() {
      await client.destroy();
    },
    async registerCommands(options = {}) {
      const guildId = options.global ? undefined : config.DISCORD_GUILD_ID;
      client.rest.setToken(token);
      return registerCommands(client.rest, { applicationId, guildId }, commands);
    },
  };
}
