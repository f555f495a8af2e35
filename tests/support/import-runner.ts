/**
 * A separate process that imports a file and stops in the middle of the transaction, so a test
 * can kill it there: `node --import tsx import-runner.ts <db> <file> <pause-after-rows>`.
 * It prints "paused" once at least that many rows are written, then waits to be killed.
 */
import { writeSync } from 'node:fs';
import { readImportFile } from '../../src/import/read-text.ts';
import { importText } from '../../src/import/run-import.ts';
import { createTestApp, TEST_NOW } from './services.ts';

const [dbPath, file, pauseAfter] = process.argv.slice(2);
if (!dbPath || !file || !pauseAfter) throw new Error('usage: import-runner.ts <db> <file> <pause-after-rows>');
const app = await createTestApp(dbPath);
const text = readImportFile(file);
let paused = false;
await importText(app.services, text, file, {
  author: 'import:runner',
  now: TEST_NOW,
  onProgress(written) {
    if (paused || written < Number(pauseAfter)) return;
    paused = true;
    writeSync(1, 'paused\n');
    // Blocks this thread inside the open transaction until the test kills the process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
writeSync(1, 'finished\n');
await app.close();
