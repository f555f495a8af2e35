/**
 * Rows read from the store kept in memory while it stays at one version, most recently used
 * last and the oldest dropped when the rows kept exceed a bound. An entry the loader finds too
 * large is left to the file until the next version. A commit to the store empties it.
 */

export interface VersionedMemory<T> {
  /**
   * What `load` reads for a key, kept, at the version of the read in progress; undefined when
   * the entry is too large. Undefined itself while this connection's writes may still roll back.
   */
  at(): ((key: string) => T | undefined) | undefined;
}

export function createVersionedMemory<T>(options: {
  /** Read inside the caller's read transaction, so what is loaded there is of that version. */
  version: () => string | undefined;
  /** Undefined when the entry is too large to keep. */
  load: (key: string) => T | undefined;
  rows: (entry: T) => number;
  maxRows: number;
}): VersionedMemory<T> {
  const { version, load, rows, maxRows } = options;
  const entries = new Map<string, T>();
  const tooLarge = new Set<string>();
  let kept = 0;
  let keptAt: string | undefined;

  function get(key: string): T | undefined {
    const known = entries.get(key);
    if (known !== undefined) {
      entries.delete(key);
      entries.set(key, known);
      return known;
    }
    if (tooLarge.has(key)) return undefined;
    const entry = load(key);
    if (entry === undefined) {
      tooLarge.add(key);
      return undefined;
    }
    const size = rows(entry);
    for (const [oldest, old] of entries) {
      if (kept + size <= maxRows) break;
      entries.delete(oldest);
      kept -= rows(old);
    }
    entries.set(key, entry);
    kept += size;
    return entry;
  }

  return {
    at() {
      const current = version();
      if (current === undefined) return undefined;
      if (current !== keptAt) {
        entries.clear();
        tooLarge.clear();
        kept = 0;
        keptAt = current;
      }
      return get;
    },
  };
}
