/**
 * Rows of the store's keys kept in memory, most recently used last and the oldest dropped when
 * the rows kept exceed a bound. Each entry is kept with its key's version; when the store's
 * version moves, an entry is checked against its key's version before it is used again, and
 * read again only when that moved (an event written in one town keeps what is known of another).
 * An entry the loader finds too large is left to the file until the store's version moves.
 */

export interface VersionedMemory<T> {
  /**
   * What `load` reads for a key, kept, at the version of the read in progress; undefined when
   * the entry is too large. Undefined itself while this connection's writes may still roll back.
   */
  at(): ((key: string) => T | undefined) | undefined;
}

interface Entry<T> {
  value: T;
  /** The key's version it was read at. */
  keyAt: number;
  /** The store's version it was last known current at. */
  checkedAt: string;
}

export function createVersionedMemory<T>(options: {
  /** The store's version, read inside the caller's read transaction; undefined keeps nothing. */
  version: () => string | undefined;
  /** A key's version, read in that transaction too. */
  keyVersion: (key: string) => number;
  /** Undefined when the entry is too large to keep. */
  load: (key: string) => T | undefined;
  rows: (entry: T) => number;
  maxRows: number;
}): VersionedMemory<T> {
  const { version, keyVersion, load, rows, maxRows } = options;
  const entries = new Map<string, Entry<T>>();
  const tooLarge = new Set<string>();
  let kept = 0;
  let keptAt: string | undefined;

  function get(key: string, at: string): T | undefined {
    const known = entries.get(key);
    if (known !== undefined) {
      entries.delete(key);
      if (known.checkedAt === at || known.keyAt === keyVersion(key)) {
        known.checkedAt = at;
        entries.set(key, known);
        return known.value;
      }
      kept -= rows(known.value);
    }
    if (tooLarge.has(key)) return undefined;
    // Its version first: what is read after is of that version or newer, never older.
    const keyAt = keyVersion(key);
    const value = load(key);
    if (value === undefined) {
      tooLarge.add(key);
      return undefined;
    }
    const size = rows(value);
    for (const [oldest, old] of entries) {
      if (kept + size <= maxRows) break;
      entries.delete(oldest);
      kept -= rows(old.value);
    }
    entries.set(key, { value, keyAt, checkedAt: at });
    kept += size;
    return value;
  }

  return {
    at() {
      const current = version();
      if (current === undefined) return undefined;
      if (current !== keptAt) {
        tooLarge.clear();
        keptAt = current;
      }
      return (key) => get(key, current);
    },
  };
}
