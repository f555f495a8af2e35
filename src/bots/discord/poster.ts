/**
 * Outbound posts (digests, alerts, leads) to a channel, edits of a posted lead, and the look-up that tells whether a post
 * already went out. REST failures become PostError kinds the scheduler acts on: 429 →
 * rate-limited with Discord's retry_after, 5xx and network → transient, 4xx (missing access,
 * unknown channel) → permanent.
 */
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes, SnowflakeUtil } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import {
  type ChannelRef,
  PostError,
  type PostedMessage,
  type Poster,
  type PostOptions,
} from '../../core/poster-port.ts';
import type { View } from '../../core/view.ts';
import { drawMap, MAP_FILE_NAME, type MapLogger, type MapRenderer, withMapImage } from './map-file.ts';
import { markerText, renderView } from './render.ts';

/** Messages per request when looking for a marker (Discord's maximum). */
const PAGE = 100;
/** Discord's nonce is at most 25 characters; a longer marker is still carried in the footer. */
const NONCE_MAX = 25;

export interface PosterMaps {
  renderMap: MapRenderer;
  logger: MapLogger;
}

export function createDiscordPoster(
  rest: REST,
  botUserId: () => string | undefined,
  maps: PosterMaps,
): Poster & Required<Pick<Poster, 'update'>> {
  return {
    platform: 'discord',
    async post(channel: ChannelRef, view: View, options: PostOptions = {}): Promise<PostedMessage> {
      const { marker } = options;
      const png = view.map ? await drawMap(view.map, maps.renderMap, maps.logger) : undefined;
      const rendered = renderView(view, marker ? { marker } : {});
      const body = {
        ...(png ? withMapImage(rendered) : rendered),
        ...(png ? { attachments: [{ id: 0, filename: MAP_FILE_NAME }] } : {}),
        // Discord drops a second message with the same nonce sent within a few minutes.
        ...(marker && marker.length <= NONCE_MAX ? { nonce: marker, enforce_nonce: true } : {}),
      };
      const files = png ? [{ name: MAP_FILE_NAME, data: png, contentType: 'image/png' }] : undefined;
      try {
        const route = Routes.channelMessages(channel.channelId);
        const message = (await rest.post(route, { body, ...(files ? { files } : {}) })) as APIMessage;
        return { messageId: message.id };
      } catch (err) {
        throw toPostError(err, channel);
      }
    },
    async update(channel: ChannelRef, messageId: string, view: View): Promise<void> {
      const { embeds, components, allowed_mentions } = renderView(view);
      try {
        await rest.patch(Routes.channelMessage(channel.channelId, messageId), {
          body: { embeds, components, allowed_mentions },
        });
      } catch (err) {
        throw toPostError(err, channel);
      }
    },
    async findRecentByMarker(channel: ChannelRef, marker: string, since: string): Promise<PostedMessage | undefined> {
      // Forward from `since` (a message id is its time), a page at a time: the post is most likely
      // among the first messages after it, however many the channel has had since.
      const wanted = markerText(marker);
      const self = botUserId();
      let after = snowflakeAt(since);
      for (;;) {
        let page: APIMessage[];
        try {
          const query = new URLSearchParams({ limit: String(PAGE), after: String(after) });
          page = (await rest.get(Routes.channelMessages(channel.channelId), { query })) as APIMessage[];
        } catch (err) {
          throw toPostError(err, channel);
        }
        const found = page.find(
          (m) => (!self || m.author.id === self) && m.embeds.some((e) => e.footer?.text?.includes(wanted)),
        );
        if (found) return { messageId: found.id };
        // Newest first, whatever the query: the next page starts after the newest of this one.
        const newest = page.reduce((max, m) => (BigInt(m.id) > max ? BigInt(m.id) : max), after);
        if (page.length < PAGE || newest <= after) return undefined;
        after = newest;
      }
    },
  };
}

/** The smallest message id at `instant`: every message posted since has a greater one. */
function snowflakeAt(instant: string): bigint {
  const ms = BigInt(Math.max(0, new Date(instant).getTime())) - BigInt(SnowflakeUtil.epoch);
  return ms > 0n ? ms << 22n : 0n;
}

export function toPostError(err: unknown, channel: ChannelRef): PostError {
  const where = `Discord channel ${channel.channelId}`;
  if (err instanceof PostError) return err;
  if (err instanceof RateLimitError) {
    const retryAfterMs = Math.max(err.retryAfter, err.timeToReset, 0);
    return new PostError({ kind: 'rate-limited', retryAfterMs }, `${where}: rate limited for ${retryAfterMs} ms`);
  }
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) {
      const raw = err.rawError as { retry_after?: number };
      const retryAfterMs = Math.ceil((raw.retry_after ?? 1) * 1000);
      return new PostError({ kind: 'rate-limited', retryAfterMs }, `${where}: rate limited for ${retryAfterMs} ms`);
    }
    if (err.status >= 500) return new PostError({ kind: 'transient' }, `${where}: Discord error ${err.status}`);
    // 403 Missing Access / Missing Permissions, 404 Unknown Channel, 400 a body Discord refuses.
    return new PostError({ kind: 'permanent' }, `${where}: ${err.status} ${err.message} (code ${err.code})`);
  }
  if (err instanceof HTTPError) return new PostError({ kind: 'transient' }, `${where}: Discord error ${err.status}`);
  const message = err instanceof Error ? err.message : String(err);
  return new PostError({ kind: 'transient' }, `${where}: ${message}`);
}
