/**
 * One better-sqlite3 connection behind the core's asynchronous ports. Statements run
 * synchronously, so a call simply runs and its result is wrapped in a promise; the exception is
 * an open transaction (Store.transaction), which spans awaits: while it runs, every other call
 * on this connection waits for it to end, or it would join the transaction and see its
 * uncommitted rows.
 */
import type { Database } from 'better-sqlite3';

/** A port implemented synchronously: the same methods, returning their values directly. */
export type Synchronous<Port> = {
  [K in keyof Port]: Port[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** The port over a synchronous implementation: each call goes through `run`. */
export type Asynchronous<Sync> = {
  [K in keyof Sync]: Sync[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export type Runner = <R>(op: () => R) => Promise<R>;

/** Runs `op` now; what it returns or throws becomes the promise's value or rejection. */
export const runNow: Runner = (op) => {
  try {
    return Promise.resolve(op());
  } catch (err) {
    return Promise.reject(err);
  }
};

export function asynchronous<Sync extends object>(sync: Sync, run: Runner): Asynchronous<Sync> {
  const port: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(sync)) {
    if (typeof method !== 'function') continue;
    port[name] = (...args: unknown[]) => run(() => method(...args));
  }
  return port as Asynchronous<Sync>;
}

export interface SqliteConnection {
  readonly db: Database;
  /** Runs `op` once no transaction is open on the connection. */
  run: Runner;
  /**
   * Runs `fn` in an IMMEDIATE transaction: committed when it resolves, rolled back when it
   * throws. `inside` runs calls made within it; it refuses them once the transaction has ended.
   */
  transaction<T>(fn: (inside: Runner) => Promise<T>): Promise<T>;
  close(): void;
}

export function createSqliteConnection(db: Database): SqliteConnection {
  /** Settles when the open transaction ends; never rejects. */
  let gate: Promise<void> | undefined;

  async function afterGate<R>(op: () => R): Promise<R> {
    while (gate !== undefined) await gate;
    return op();
  }

  return {
    db,
    run: (op) => (gate === undefined ? runNow(op) : afterGate(op)),
    async transaction(fn) {
      while (gate !== undefined) await gate;
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let open = true;
      const inside: Runner = (op) =>
        open ? runNow(op) : Promise.reject(new Error('store: the transaction has already ended'));
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inside);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      } finally {
        open = false;
        gate = undefined;
        release();
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
}
