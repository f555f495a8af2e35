/** When a source is polled next, and since when it has been failing. */
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/intake-port.ts';
import { afterFailure, afterSuccess, DEFAULT_POLL_POLICY } from '../../src/intake/poll-policy.ts';

const source: Source = {
  id: 1,
  url: 'https://wire.example.org/feed.xml',
  kind: 'rss',
  intervalSeconds: 900,
  addedBy: 'console',
  addedAt: '2025-03-01T00:00:00.000Z',
  paused: false,
  nextPollAt: '2025-03-01T00:00:00.000Z',
  failures: 0,
};
const t = (hours: number) => new Date(Date.parse('2025-03-02T00:00:00Z') + hours * 3_600_000);
const failure = { reason: 'HTTP 503', permanent: false };

describe('poll policy', () => {
  it('keeps the start of a run of failures until a success ends it', () => {
    const first = afterFailure(source, t(0), failure, DEFAULT_POLL_POLICY);
    expect(first).toMatchObject({ failures: 1, failingSince: t(0).toISOString() });
    const second = afterFailure({ ...source, ...first }, t(2), failure, DEFAULT_POLL_POLICY);
    expect(second).toMatchObject({ failures: 2, failingSince: t(0).toISOString() });
    const well = afterSuccess({ ...source, ...second }, t(5), { delivered: false });
    expect(well.failures).toBe(0);
    expect(well.failingSince).toBeUndefined();
    // Answering with nothing new is not delivering; it is not failing either.
    expect(well.lastDeliveredAt).toBeUndefined();
    const again = afterFailure({ ...source, ...well }, t(7), failure, DEFAULT_POLL_POLICY);
    expect(again).toMatchObject({ failures: 1, failingSince: t(7).toISOString() });
  });

  it('doubles the wait after each failure, up to the ceiling, and pauses after too many', () => {
    const first = afterFailure(source, t(0), failure, DEFAULT_POLL_POLICY);
    const second = afterFailure({ ...source, ...first }, t(0), failure, DEFAULT_POLL_POLICY);
    const wait = (r: { nextPollAt: string }) => Date.parse(r.nextPollAt) - t(0).getTime();
    expect(wait(second)).toBe(2 * wait(first));
    const many = afterFailure({ ...source, failures: 40 }, t(0), failure, DEFAULT_POLL_POLICY);
    expect(wait(many)).toBe(DEFAULT_POLL_POLICY.maxBackoffMs);
    expect(many.pauseReason).toBe('failed 41 times in a row; last: HTTP 503');
  });
});
