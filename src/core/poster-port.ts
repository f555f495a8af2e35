/**
 * The outbound port: how the scheduler posts digests and alerts without knowing the platform.
 * The Discord and Slack adapters implement it; the scheduler retries, pauses and records sends
 * by the kind of PostError it gets back.
 */
import type { View } from './view.ts';

export interface ChannelRef {
  platform: 'discord' | 'slack';
  /** Guild id (Discord) or team id (Slack). */
  teamId: string;
  channelId: string;
}

export interface PostOptions {
  /**
   * A short unique text the message carries (e.g. in a footer or metadata) so that after a crash
   * between sending and recording, the sender can find out whether the message went out.
   */
  marker?: string;
}

export interface PostedMessage {
  messageId: string;
}

export type PostFailure =
  /** 429: wait `retryAfterMs`, then try again. */
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** 5xx, network: try again with back-off. */
  | { kind: 'transient' }
  /** Channel deleted, bot removed, missing permission: retrying will not help. */
  | { kind: 'permanent' };

export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    readonly failure: PostFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Poster {
  readonly platform: ChannelRef['platform'];
  post(channel: ChannelRef, view: View, options?: PostOptions): Promise<PostedMessage>;
  /**
   * The id of a message in the channel that carries `marker`, looked for among every message
   * posted since `since` (an ISO instant: when the send was first claimed, or earlier), however
   * many the channel has had since.
   */
  findRecentByMarker(channel: ChannelRef, marker: string, since: string): Promise<PostedMessage | undefined>;
  /**
   * Sends what a post found by its marker may still lack: on Slack the map, uploaded after the
   * text, so that a crash or a failure between the two does not lose it. It looks in the channel
   * before sending, so it never sends the map twice. Absent where a post is one message.
   */
  finish?(channel: ChannelRef, view: View, options: { marker: string; since: string }): Promise<void>;
  /**
   * Replaces a message this poster sent with `view` (a lead edited at its source). Failures are
   * PostErrors as for `post`. Absent where the platform's messages cannot be edited.
   */
  update?(channel: ChannelRef, messageId: string, view: View): Promise<void>;
}
