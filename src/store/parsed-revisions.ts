/**
 * Parsed revisions, kept by their row id. A revision row is never changed once written, so a
 * parsed copy can never go stale: no invalidation, in this process or across processes. The
 * busiest answers (/status, the first timeline pages) read the same few dozen events on every
 * call; reusing their parsed form saves reading and parsing their JSON, and the garbage whose
 * collection pauses were most of those answers' slowest calls.
 */
import type { Event } from '../core/schemas.ts';

/** Frozen all the way down: callers share one copy, so none may change it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface ParsedRevisions {
  /** The revision's event, parsed once; `readJson` is called only when it is not kept. */
  get(revisionRow: number, readJson: () => string): Event;
  readonly size: number;
}

/** Keeps up to `capacity` revisions, dropping the least recently used. */
export function createParsedRevisions(capacity: number): ParsedRevisions {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`capacity must be a positive integer, got ${capacity}`);
  const kept = new Map<number, Event>();
  return {
    get(revisionRow, readJson) {
      const hit = kept.get(revisionRow);
      if (hit) {
        // Map order is insertion order: moving a hit to the end keeps the oldest first in line.
        kept.delete(revisionRow);
        kept.set(revisionRow, hit);
        return hit;
      }
      const event = deepFreeze(JSON.parse(readJson()) as Event);
      kept.set(revisionRow, event);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as number);
      return event;
    },
    get size() {
      return kept.size;
    },
  };
}
