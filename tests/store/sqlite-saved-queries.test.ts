/** Saved queries on a SQLite file pass the same contract as on Postgres. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSavedQueryContract } from './saved-query-contract.ts';

describeSavedQueryContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-saved-'));
  return {
    settings: { path: join(dir, 'sitrep.db') },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
