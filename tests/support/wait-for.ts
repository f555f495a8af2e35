/**
 * Waiting in tests for the event that proves a thing, never for a fixed time. Deadlines are
 * generous: the suite must hold on a busy 2-core machine, where a loopback answer that takes
 * 20 ms alone can take seconds. A deadline only turns a hang into a clear failure.
 */

/** How long a test waits for something that must happen (an answer, a log line, a file). */
export const EVENTUALLY_MS = 30_000;

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined,
  timeoutMs = EVENTUALLY_MS,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
