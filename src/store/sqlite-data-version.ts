/**
 * What the data of one SQLite connection is at, so that what was read from it can be kept until
 * it changes: SQLite's data_version moves with every other connection's commit, and a counter
 * with this connection's own writes (data_version does not count them). Writes in a transaction
 * still open may yet be rolled back: nothing is kept until a read sees no transaction open.
 */
import type { Database } from 'better-sqlite3';

/** Answers kept per version at most; more empties them. */
const KEPT = 1_000;

export interface DataVersion {
  /** Called by every write of this connection, before it writes. */
  wrote(): void;
  /** The version now; undefined while this connection's writes may still roll back. Read it inside the read's transaction. */
  current(): string | undefined;
  /**
   * The version of the rows derived from events (event_index, the totals), which moves only when
   * events change; likewise undefined while writes may roll back. Read inside a read's transaction,
   * it is the version of that read's snapshot.
   */
  derived(): string | undefined;
  /** `fn` as a read in one transaction, so its several statements see one snapshot of the file. */
  read<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** What `compute` reads, kept under `key` while the data stays at one version. */
  kept<T>(key: string, compute: () => T): T;
}

export function createDataVersion(db: Database): DataVersion {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let writes = 0;
  let openWrites = false;
  /** Writes of a transaction that has ended (committed or rolled back) are settled. */
  const settle = () => {
    if (openWrites && !db.inTransaction) openWrites = false;
  };
  // Both versions are asked once per read, when first needed (the pragma costs several
  // microseconds). The derived rows' number is of the read's own snapshot; data_version moves
  // when a read transaction begins, so what it labels is never older than the label.
  let readAt: number | undefined;
  const generation = db.prepare('SELECT n FROM derived_generation WHERE id = 1').pluck();
  let derivedAt: number | undefined;
  let reading = 0;
  const current = () => {
    if (openWrites) return undefined;
    if (reading === 0) return `${dataVersion.get() as number}:${writes}`;
    readAt ??= dataVersion.get() as number;
    return `${readAt}:${writes}`;
  };
  const answers = new Map<string, unknown>();
  let answersAt: string | undefined;
  return {
    wrote() {
      writes++;
      openWrites = true;
    },
    current,
    derived() {
      if (openWrites) return undefined;
      if (reading === 0) return String(generation.get());
      derivedAt ??= generation.get() as number;
      return String(derivedAt);
    },
    read(fn) {
      const inOne = db.transaction((...args: Parameters<typeof fn>) => {
        const [outer, outerDerived] = [readAt, derivedAt];
        [readAt, derivedAt] = [undefined, undefined];
        reading++;
        try {
          return fn(...args);
        } finally {
          reading--;
          [readAt, derivedAt] = [outer, outerDerived];
        }
      });
      return (...args) => {
        settle();
        return inOne(...args);
      };
    },
    kept(key, compute) {
      settle();
      // Read before what it versions: what is read after a commit lands is kept under the
      // older version, which the next call no longer matches.
      const version = current();
      if (version === undefined) return compute();
      if (version !== answersAt) {
        answers.clear();
        answersAt = version;
      }
      if (answers.has(key)) return answers.get(key) as ReturnType<typeof compute>;
      const value = compute();
      if (answers.size >= KEPT) answers.clear();
      answers.set(key, value);
      return value;
    },
  };
}
