/**
 * A separate process writing to a store file: `node --import tsx store-writer.ts <path> <prefix> <count>`.
 * Used to check that several processes can open, migrate and write one file at once.
 */
import { openSqliteStore } from '../../src/store/index.ts';
import { makeEvent } from './events.ts';
import { testPlaces } from './place-tree.ts';

const [path, prefix, count] = process.argv.slice(2);
if (!path || !prefix || !count) throw new Error('usage: store-writer.ts <path> <prefix> <count>');
const store = openSqliteStore({ path, ...testPlaces, gazetteerVersion: 'test-1' });
for (let i = 0; i < Number(count); i++) {
  await store.putEvent(makeEvent({ id: `${prefix}-${i}` }), {
    author: prefix,
    reason: 'test',
    at: '2025-03-26T12:00:00Z',
  });
}
await store.close();
