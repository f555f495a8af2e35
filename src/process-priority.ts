/**
 * Background work at a lower OS priority, so that on a small machine answers keep the CPU: the
 * executor's workers, and a process that only polls sources (`--role intake`, `sitrep sources
 * poll|watch`). Linux keeps a priority per thread: a process lowers every thread it has (the
 * garbage collector's helpers included), a worker thread only its own.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of background work (0 is the default; 19 the lowest). */
export const BACKGROUND_NICE = 10;

/** Lowers this process's (or with `thread`, this worker thread's) priority to at most `nice`; false if not permitted. */
export function lowerPriority(nice: number = BACKGROUND_NICE, scope: 'process' | 'thread' = 'process'): boolean {
  if (nice === 0) return true;
  try {
    const tids =
      scope === 'thread' ? [readlinkSync('/proc/thread-self').split('/').pop()] : readdirSync('/proc/self/task');
    // Never raised: a process started at a lower priority still (nice 15) keeps it.
    for (const tid of tids) setPriority(Number(tid), Math.max(getPriority(Number(tid)), nice));
    return true;
  } catch {
    try {
      if (scope === 'process') setPriority(Math.max(getPriority(), nice));
      return scope === 'process';
    } catch {
      // Not permitted (or no /proc): the process keeps its priority.
      return false;
    }
  }
}
