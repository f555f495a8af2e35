import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { describeIntakeContract } from './intake-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-intake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describeIntakeContract('SQLite in memory', (clock) => openSqliteIntakeStore(':memory:', { now: clock }));
describeIntakeContract('SQLite file', (clock) => {
  files += 1;
  return openSqliteIntakeStore(join(dir, `intake-${files}.db`), { now: clock });
});
