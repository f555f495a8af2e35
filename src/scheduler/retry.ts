/**
 * Delivering one message: retries 429 (after its Retry-After) and 5xx or network errors (with
 * exponential back-off), a bounded number of times. After an error that may hide a success (a
 * timeout after the platform accepted the message), the channel is checked for the marker before
 * posting again, so a retry never doubles a message.
 */

import { type ChannelRef, PostError, type Poster } from '../core/poster-port.ts';
import type { View } from '../core/view.ts';

export interface RetryPolicy {
  /** Post attempts in all, the first included. */
  maxAttempts: number;
  /** Wait after the first transient failure; doubled after each next one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the send gives up. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
};

export type DeliveryOutcome =
  /** Posted now, or found already in the channel (`found`). */
  | { kind: 'sent'; messageId: string; found: boolean; attempts: number }
  /** The channel is gone or closed to the bot. */
  | { kind: 'permanent'; error: string; attempts: number }
  /** Still failing after every attempt. */
  | { kind: 'gave-up'; error: string; attempts: number }
  /** Another sender took the claim over while this one waited. */
  | { kind: 'lost-claim'; attempts: number }
  /** The scheduler is stopping; the claim's lease will let a restart finish the send. */
  | { kind: 'stopped'; attempts: number };

export interface DeliveryRequest {
  poster: Poster;
  channel: ChannelRef;
  view: View;
  marker: string;
  /** An instant no post with this marker can precede: where a look for the marker starts. */
  since: string;
  /** Look for the marker before the first post (a send a crashed process may have made). */
  checkFirst: boolean;
  policy: RetryPolicy;
  /** Resolves false when the wait was cut short by stopping. */
  sleep(ms: number): Promise<boolean>;
  /** Renews the claim before each attempt; false when it is no longer ours. */
  beforeAttempt(): Promise<boolean>;
}

export async function deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
  const { poster, channel, marker, policy } = req;
  let checkFirst = req.checkFirst;
  let lastError = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (!(await req.beforeAttempt())) return { kind: 'lost-claim', attempts: attempt - 1 };
    let delayMs: number;
    try {
      if (checkFirst) {
        const found = await poster.findRecentByMarker(channel, marker, req.since);
        if (found) {
          // The text went out before; what follows it (a Slack map) may not have.
          await poster.finish?.(channel, req.view, { marker, since: req.since });
          return { kind: 'sent', messageId: found.messageId, found: true, attempts: attempt };
        }
      }
      const posted = await poster.post(channel, req.view, { marker });
      return { kind: 'sent', messageId: posted.messageId, found: false, attempts: attempt };
    } catch (err) {
      lastError = describe(err);
      const failure = err instanceof PostError ? err.failure : { kind: 'transient' as const };
      if (failure.kind === 'permanent') return { kind: 'permanent', error: lastError, attempts: attempt };
      if (failure.kind === 'rate-limited') {
        if (failure.retryAfterMs > policy.maxRetryAfterMs) {
          return { kind: 'gave-up', error: `${lastError} (Retry-After ${failure.retryAfterMs} ms)`, attempts: attempt };
        }
        delayMs = Math.max(0, failure.retryAfterMs);
      } else {
        delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        checkFirst = true;
      }
    }
    if (attempt === policy.maxAttempts) break;
    if (!(await req.sleep(delayMs))) return { kind: 'stopped', attempts: attempt };
  }
  return { kind: 'gave-up', error: lastError, attempts: policy.maxAttempts };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
