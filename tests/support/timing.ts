/**
 * Time in tests, which must hold on a busy 2-core machine where a loopback answer that takes
 * 20 ms alone can take seconds. Tests wait for the event that proves a thing, never for a fixed
 * time; deadlines are generous and only turn a hang into a clear failure.
 */

/** How long a test waits for something that must happen (an answer, a log line, a file). */
export const EVENTUALLY_MS = 30_000;

/**
 * How long a loopback server of the tests keeps an idle connection: longer than any client
 * (fetch drops its idle connections after about 4 s). Node's default, 5 s, races that on a busy
 * machine: a request goes out on a connection the server has just closed, and fails.
 */
export const IDLE_CONNECTIONS_KEPT_MS = 10 * 60_000;

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
