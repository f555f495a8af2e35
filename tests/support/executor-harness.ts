/**
 * What the executor tests of every platform share: a store file holding reports that only it
 * holds, the bot's own services on a separate in-memory store, and the bot's executor with one
 * test worker (tests/support/executor-test-worker.ts: `slow:<ms>`, `crash:<path>`) reading the
 * file. An answer that shows ONLY_IN_FILE therefore came from the executor. The worker runs at
 * the bot's priority, so on a busy machine it is slow rather than starved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import type { Services } from '../../src/core/services.ts';
import { createBotExecutor, type Executor } from '../../src/executor/index.ts';
import type { Logger } from '../../src/log.ts';
import { makeEvent } from './events.ts';
import { createTestApp, createTestServices } from './services.ts';

export const ONLY_IN_FILE = 'Roadblock on Route Nationale 1 reported only in the store file';

export interface ExecutorHarness {
  /** A temporary folder for the test's own files; removed by close(). */
  dir: string;
  /** The store file the worker reads, and the app that writes it. */
  file: string;
  fileApp: App;
  /** The bot's own services: an in-memory store without the file's reports. */
  services: Services;
  executor: Executor;
  /** Stops the executor, closes the file and removes the folder (adapters are stopped first). */
  close(): Promise<void>;
}

/** Three reports dated 20-22 March 2025 in the file only, and the executor started on it. */
export async function startExecutorHarness(name: string, logger: Logger): Promise<ExecutorHarness> {
  const dir = mkdtempSync(join(tmpdir(), `sitrep-${name}-`));
  const file = join(dir, 'sitrep.db');
  const fileApp = await createTestApp(file);
  for (let i = 0; i < 3; i++) {
    await fileApp.services.store.putEvent(
      makeEvent({ id: `file-only-${i}`, occurredAt: `2025-03-2${i}`, summary: `${ONLY_IN_FILE} (${i}).` }),
      { author: 'test', reason: 'only in the file', at: '2025-03-30T00:00:00Z' },
    );
  }
  const services = await createTestServices();
  const executor = createBotExecutor(
    {
      store: { databasePath: file },
      settings: services.settings,
      // One worker, so what a stuck worker holds is known.
      workers: 1,
      nice: 0,
      workerUrl: new URL('./executor-test-worker.ts', import.meta.url),
    },
    services,
    logger,
  );
  await executor.start();
  return {
    dir,
    file,
    fileApp,
    services,
    executor,
    async close() {
      await executor.stop();
      await fileApp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
