/**
 * The bot's executor stopped while its workers start (a signal during start-up): start() settles
 * without reporting a failure, nothing falls back to answering in the bot, and a job handed over
 * afterwards is told that Sitrep is restarting. Stop is called in the same turn as start, before
 * any worker can have said it is ready, so the order holds however slow the machine is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBotExecutor, STOPPING } from '../../src/executor/index.ts';
import { createTestApp, createTestServices, TEST_NOW } from '../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-bot-executor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bot executor', () => {
  it('stopped while its workers start, says nothing failed and answers that it is stopping', async () => {
    const file = join(dir, 'sitrep.db');
    const writer = await createTestApp(file);
    const services = await createTestServices();
    const logged: Array<{ msg?: string; level?: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const executor = createBotExecutor(
      { store: { databasePath: file }, settings: services.settings, workers: 2, nice: 0 },
      services,
      logger,
    );
    try {
      const started = executor.start();
      await executor.stop();
      await expect(started).resolves.toBeUndefined();
      expect(logged.filter((l) => (l.level ?? 0) >= 50).map((l) => l.msg)).toEqual([]);
      expect(logged.map((l) => l.msg)).not.toContain('the executor did not start; answering in the bot');
      // Not the bot's own services (which would answer /status): the stopped pool.
      const answer = await executor.run({
        kind: 'command',
        command: 'status',
        args: {},
        caller: { platform: 'discord', userId: 'u1' },
        now: TEST_NOW.toISOString(),
      });
      expect(answer).toMatchObject({ private: true, failed: true });
      expect(answer.view.summary).toBe(STOPPING);
    } finally {
      await executor.stop();
      await writer.close();
    }
  });
});
