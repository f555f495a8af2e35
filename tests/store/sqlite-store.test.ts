import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { describeStoreContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeStoreContract('SQLite in memory', (places) =>
  openSqliteStore({ path: ':memory:', ...places, gazetteerVersion: 'test-1' }),
);
describeStoreContract('SQLite file', (places) => {
  files += 1;
  return openSqliteStore({ path: join(dir, `contract-${files}.db`), ...places, gazetteerVersion: 'test-1' });
});
