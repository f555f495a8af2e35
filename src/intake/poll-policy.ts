/**
 * When a source is polled next: its own interval after a success; after a failure, the interval
 * doubled for each failure in a row (up to a ceiling), and never sooner than the server asked
 * (Retry-After). A source that fails `maxFailures` times in a row, or in a way retrying cannot
 * mend, is paused with the reason.
 */
import type { PollResult, Source } from '../core/intake-port.ts';

export interface PollPolicy {
  maxFailures: number;
  /** The longest wait between two polls of a failing source. */
  maxBackoffMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { maxFailures: 8, maxBackoffMs: 24 * 3_600_000 };

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

export function afterSuccess(
  source: Source,
  now: Date,
  outcome: {
    delivered: boolean;
    etag?: string | undefined;
    lastModified?: string | undefined;
    cursor?: string | undefined;
  },
): PollResult {
  return {
    etag: outcome.etag,
    lastModified: outcome.lastModified,
    nextPollAt: later(now, source.intervalSeconds * 1000),
    failures: 0,
    lastPolledAt: now.toISOString(),
    lastDeliveredAt: outcome.delivered ? now.toISOString() : source.lastDeliveredAt,
    failingSince: undefined,
    cursor: outcome.cursor ?? source.cursor,
  };
}

export function afterFailure(
  source: Source,
  now: Date,
  failure: { reason: string; retryAfterMs?: number | undefined; permanent: boolean },
  policy: PollPolicy,
): PollResult {
  const failures = source.failures + 1;
  const backoff = Math.min(policy.maxBackoffMs, source.intervalSeconds * 1000 * 2 ** Math.min(failures, 30));
  const wait = Math.max(backoff, Math.min(failure.retryAfterMs ?? 0, 7 * 24 * 3_600_000));
  const pauseReason = failure.permanent
    ? failure.reason
    : failures >= policy.maxFailures
      ? `failed ${failures} times in a row; last: ${failure.reason}`
      : undefined;
  return {
    etag: source.etag,
    lastModified: source.lastModified,
    nextPollAt: later(now, wait),
    failures,
    lastError: failure.reason,
    lastPolledAt: now.toISOString(),
    lastDeliveredAt: source.lastDeliveredAt,
    failingSince: source.failures > 0 && source.failingSince ? source.failingSince : now.toISOString(),
    cursor: source.cursor,
    pauseReason,
  };
}
