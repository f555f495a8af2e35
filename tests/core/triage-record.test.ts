/** Record on a lead, on the SQLite store (a file the app and the intake store share). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { createTestApp } from '../support/services.ts';
import { describeRecordingLeads } from './triage-record.ts';

describeRecordingLeads('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-record-'));
  const path = join(dir, 'sitrep.db');
  const app = await createTestApp(path);
  const intake = openSqliteIntakeStore(path);
  return {
    services: app.services,
    intake,
    async close() {
      await intake.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
