/**
 * Outbound posts for the scheduler (digests, alerts) through chat.postMessage. The client does
 * not retry or wait by itself: every failure comes back as a PostError whose kind tells the
 * scheduler what to do, a rate limit with Slack's Retry-After.
 */
import { webApi } from '@slack/bolt';
import type { ChannelRef, PostedMessage, Poster, PostOptions } from '../../core/poster-port.ts';
import { PostError } from '../../core/poster-port.ts';
import type { View, ViewMap } from '../../core/view.ts';
import type { Logger } from '../../log.ts';
import { renderMapPng } from '../map/render-map.ts';
import { markedMapFilename, shareMap, uploadMap } from './map-upload.ts';
import { renderView } from './render.ts';

/** Messages carry the marker in their metadata under this event type. */
export const MARKER_EVENT_TYPE = 'sitrep_post';
/** A digest that needs more messages than this is cut (with a note) rather than flooding a channel. */
const MAX_MESSAGES_PER_POST = 10;
/** Messages per conversations.history page when looking for a marker (Slack suggests at most 200). */
const HISTORY_PAGE = 200;

/** Retrying will not help: the channel, the token or the app's permissions must change first. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'restricted_action',
  'msg_too_long',
  'invalid_blocks',
  'invalid_metadata_format',
]);

/**
 * `logger` hears of map uploads that failed; the post itself still counts as sent. `drawMap`
 * draws a post's map (the executor's in the bot).
 */
export function createSlackPoster(
  client: webApi.WebClient,
  logger?: Pick<Logger, 'warn'>,
  drawMap?: (map: ViewMap) => Promise<Buffer>,
): Poster & Required<Pick<Poster, 'update'>> {
  const log = logger ?? { warn: () => undefined };
  const draw = drawMap ?? renderMapPng;

  /**
   * A scheduled post's map, named after its marker. A failure Slack may get over is a transient
   * PostError: the scheduler tries again, finds the text by its marker and sends the map through
   * `finish`. A map that cannot be drawn, or that Slack refuses for good (a missing scope), is
   * logged and the post stands without it.
   */
  async function sendMarkedMap(channel: ChannelRef, view: View, marker: string): Promise<void> {
    if (!view.map) return;
    let png: Buffer;
    try {
      png = await draw(view.map);
    } catch (err) {
      log.warn({ err, channel: channel.channelId }, 'slack map drawing failed; the post stands without it');
      return;
    }
    try {
      await shareMap(client, { channel: channel.channelId }, view, view.map, png, markedMapFilename(marker));
    } catch (err) {
      const failure = toPostError(err);
      log.warn({ err, channel: channel.channelId }, 'slack map upload failed; the text is posted');
      if (failure.failure.kind !== 'permanent') {
        throw new PostError({ kind: 'transient' }, `${failure.message} (uploading the map)`);
      }
    }
  }

  /**
   * Every message of the channel since `since`, newest first, page by page: a busy channel may
   * have had hundreds since, and missing one would post twice.
   */
  async function* historySince(channel: ChannelRef, since: string, withMetadata: boolean) {
    const oldest = (new Date(since).getTime() / 1000).toFixed(6);
    let cursor: string | undefined;
    do {
      const res = await call(() =>
        client.conversations.history({
          channel: channel.channelId,
          oldest,
          inclusive: true,
          limit: HISTORY_PAGE,
          ...(withMetadata ? { include_all_metadata: true } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      );
      yield* res.messages ?? [];
      cursor = res.has_more ? res.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor);
  }

  /** Whether a file of this name was shared in the channel since `since`. */
  async function mapPosted(channel: ChannelRef, filename: string, since: string): Promise<boolean> {
    for await (const m of historySince(channel, since, false)) {
      if (m.files?.some((f) => f.name === filename)) return true;
    }
    return false;
  }

  return {
    platform: 'slack',
    /** Posts the View (one message, or several for a very long one); returns the last message, which carries the marker. */
    async post(channel: ChannelRef, view: View, options: PostOptions = {}): Promise<PostedMessage> {
      const messages = renderView(view, { maxMessages: MAX_MESSAGES_PER_POST });
      let messageId = '';
      for (const [i, message] of messages.entries()) {
        const marked = options.marker !== undefined && i === messages.length - 1;
        const res = await call(() =>
          client.chat.postMessage({
            channel: channel.channelId,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
            ...(marked
              ? { metadata: { event_type: MARKER_EVENT_TYPE, event_payload: { marker: options.marker ?? '' } } }
              : {}),
          }),
        );
        messageId = res.ts ?? '';
      }
      if (options.marker === undefined) {
        // After the text, never instead of it: a failed upload is logged and the post stands.
        await uploadMap(client, log, { channel: channel.channelId }, view, drawMap);
      } else {
        await sendMarkedMap(channel, view, options.marker);
      }
      return { messageId };
    },

    async finish(channel: ChannelRef, view: View, { marker, since }: { marker: string; since: string }) {
      if (!view.map) return;
      if (await mapPosted(channel, markedMapFilename(marker), since)) return;
      await sendMarkedMap(channel, view, marker);
    },

    /** Replaces a posted message (a lead edited at its source) with the View's first screen. */
    async update(channel: ChannelRef, messageId: string, view: View): Promise<void> {
      const [message] = renderView(view, { maxMessages: 1 });
      if (!message) return;
      await call(() =>
        client.chat.update({ channel: channel.channelId, ts: messageId, text: message.text, blocks: message.blocks }),
      );
    },

    async findRecentByMarker(channel: ChannelRef, marker: string, since: string): Promise<PostedMessage | undefined> {
      for await (const m of historySince(channel, since, true)) {
        const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
        if (m.metadata?.event_type === MARKER_EVENT_TYPE && payload?.marker === marker && m.ts)
          return { messageId: m.ts };
      }
      return undefined;
    },
  };
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toPostError(err);
  }
}

/** Maps a Web API client error to what the scheduler should do about it. */
export function toPostError(err: unknown): PostError {
  const e = err as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  const { ErrorCode } = webApi;
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new PostError(
        { kind: 'rate-limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 },
        'Slack: ratelimited',
      );
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new PostError({ kind: 'rate-limited', retryAfterMs: 1000 }, `Slack: ${code}`);
      // Anything else (internal_error, service_unavailable, a code new to us) may pass on a later try.
      const kind = PERMANENT.has(code) ? 'permanent' : 'transient';
      return new PostError({ kind }, `Slack: ${code}`);
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      const kind = status >= 500 || status === 408 ? 'transient' : 'permanent';
      return new PostError({ kind }, `Slack: HTTP ${status}`);
    }
    default:
      // Network failures, timeouts: the request may not have reached Slack.
      return new PostError({ kind: 'transient' }, `Slack: ${e.message ?? 'request failed'}`);
  }
}
