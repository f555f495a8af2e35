/**
 * Acknowledgements before answers, on Slack and Discord. Slack waits 3 s for a request's
 * acknowledgement and 30 minutes for its answer at the response_url, Discord 3 s for an
 * interaction's first callback and 15 minutes for the answer edited in, and both are written on
 * the bot's one event loop.
 * In a burst, each answer posted (rendering, a JSON body, a socket write) delays every
 * acknowledgement behind it; so answers wait their turn while a received request is still
 * unacknowledged, and then go one per turn of the loop, each after the requests that arrived
 * meanwhile. None waits longer than MAX_WAIT_MS, so a steady stream of requests cannot starve
 * the answers.
 */
import { performance } from 'node:perf_hooks';

export const MAX_WAIT_MS = 1000;

export interface AckFirst {
  /** A request arrived: answers wait until it is acknowledged. */
  received(): void;
  /** Its acknowledgement went out (or it ended without one). */
  acknowledged(): void;
  /** Resolves when an answer may be written. */
  turn(): Promise<void>;
}

export function createAckFirst(maxWaitMs = MAX_WAIT_MS): AckFirst {
  let unacknowledged = 0;
  const waiting: Array<{ go: () => void; since: number }> = [];
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(release);
  };
  // One answer per turn of the loop: requests that arrive while it is written are read first.
  function release() {
    scheduled = false;
    const first = waiting[0];
    if (!first) return;
    const waited = performance.now() - first.since;
    if (unacknowledged === 0 || waited >= maxWaitMs) {
      waiting.shift();
      first.go();
      schedule();
      return;
    }
    if (timer === undefined)
      timer = setTimeout(
        () => {
          timer = undefined;
          schedule();
        },
        Math.max(1, maxWaitMs - waited),
      );
  }
  return {
    received() {
      unacknowledged++;
    },
    acknowledged() {
      unacknowledged = Math.max(0, unacknowledged - 1);
      if (unacknowledged === 0) schedule();
    },
    turn() {
      if (unacknowledged === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((go) => {
        waiting.push({ go, since: performance.now() });
        schedule();
      });
    },
  };
}
