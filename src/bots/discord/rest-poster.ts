/**
 * Posting to Discord without a gateway connection: the scheduler's poster in a process that does
 * not hold one (`--role scheduler`, or the shard manager). Start checks the token and learns the
 * bot's own user id, which the marker look-up matches authors against.
 */
import { REST, Routes } from 'discord.js';
import type { APIUser } from 'discord-api-types/v10';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../config.ts';
import type { Poster } from '../../core/poster-port.ts';
import type { Logger } from '../../log.ts';
import { defaultMapRenderer } from './map-file.ts';
import { createDiscordPoster } from './poster.ts';

export interface DiscordRestPoster extends Poster {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDiscordRestPoster(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
  logger: Logger,
): DiscordRestPoster {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new ConfigError('DISCORD_TOKEN is required to post to Discord.');
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    // Channel posts reject on a rate limit so the scheduler decides when to retry.
    rejectOnRateLimit: (data) => data.route.startsWith('/channels/'),
  }).setToken(token);
  let botUserId: string | undefined;
  const poster = createDiscordPoster(rest, () => botUserId, { renderMap: defaultMapRenderer, logger });
  return {
    ...poster,
    async start() {
      const me = (await rest.get(Routes.user())) as APIUser;
      botUserId = me.id;
      logger.info({ user: me.username }, 'discord poster ready');
    },
    async stop() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

/** The shard count Discord recommends for the bot (GET /gateway/bot), and how many may identify at once. */
export async function recommendedShards(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(
    config.DISCORD_TOKEN ?? '',
  );
  try {
    const body = (await rest.get(Routes.gatewayBot())) as {
      shards: number;
      session_start_limit?: { max_concurrency?: number };
    };
    return { shards: body.shards, maxConcurrency: body.session_start_limit?.max_concurrency ?? 1 };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
