/** What the scheduler is given besides its ports: timers and a logger, injected so tests run instantly. */

/** The scheduler's view of time: a clock and timers, injected so tests run instantly. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
