/**
 * The saved-query contract every store passes: a query saved by the bot's connection is loaded,
 * as it was, by a new connection that only reads (a worker's, or the bot after a restart); the
 * id is the query's hash, so saving twice keeps one row and gives the same id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAVED_QUERY_ID, savedQueryId } from '../../src/core/saved-query-port.ts';
import { type OpenedStore, openStore, type StoreSettings } from '../../src/store/index.ts';
import { testPlaces } from '../support/place-tree.ts';

export interface SavedQueryFixture {
  /** Where the store is: a SQLite file or a Postgres URL, the rest filled in here. */
  settings: Pick<StoreSettings, 'path' | 'databaseUrl'>;
  close(): Promise<void>;
}

export function describeSavedQueryContract(name: string, fixture: () => Promise<SavedQueryFixture>): void {
  describe(`saved queries (${name})`, () => {
    let at: SavedQueryFixture;
    const opened: OpenedStore[] = [];
    const open = async (readOnly = false) => {
      const store = await openStore({ ...testPlaces, gazetteerVersion: 'test-1', ...at.settings }, { readOnly });
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      at = await fixture();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await at.close();
    });

    const long = JSON.stringify({
      v: 1,
      c: 'ask',
      a: { question: `what happened near Pont-Sondé ${'and what did the MSS say about it '.repeat(8)}?` },
      p: 2,
    });

    it('keeps a query under its hash, for a connection that only reads and for the next start', async () => {
      const writer = await open();
      const id = await writer.savedQueries.save(long);
      expect(id).toBe(savedQueryId(long));
      expect(id).toMatch(SAVED_QUERY_ID);
      const reader = await open(true);
      expect(await reader.savedQueries.load(id)).toBe(long);
      await writer.close();
      const restarted = await open();
      expect(await restarted.savedQueries.load(id)).toBe(long);
    });

    it('saves the same query twice as one, and tells queries apart', async () => {
      const writer = await open();
      const other = long.replace('"p":2', '"p":3');
      const [a, b, c] = await Promise.all([
        writer.savedQueries.save(long),
        writer.savedQueries.save(long),
        writer.savedQueries.save(other),
      ]);
      expect(a).toBe(b);
      expect(c).not.toBe(a);
      expect(await writer.savedQueries.load(a as string)).toBe(long);
      expect(await writer.savedQueries.load(c as string)).toBe(other);
    });

    it('answers undefined for an id never saved', async () => {
      const writer = await open();
      expect(await writer.savedQueries.load(savedQueryId('never saved'))).toBeUndefined();
    });

    it('refuses to save on a connection that only reads', async () => {
      await open();
      const reader = await open(true);
      await expect(reader.savedQueries.save(long)).rejects.toThrow();
    });
  });
}
