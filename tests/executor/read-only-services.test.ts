/**
 * What a worker of the executor opens: the store on a connection that only reads, beside the
 * bot's writer. It sees what the writer recorded, refuses to write, and never creates a file.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/commands.ts';
import { status } from '../../src/core/status.ts';
import { openReadOnlyServices } from '../../src/executor/read-only-services.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { makeEvent } from '../support/events.ts';
import { createTestApp } from '../support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-read-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('read-only services', () => {
  it('read what the writer recorded and refuse to write', async () => {
    const file = join(dir, 'sitrep.db');
    const writer = await createTestApp(file);
    const reader = await openReadOnlyServices({ databasePath: file }, writer.services.settings);
    try {
      await writer.services.store.putEvent(makeEvent({ id: 'written-after-open', summary: 'Seen by the reader.' }), {
        author: 'test',
        reason: 'test',
        at: '2025-03-30T00:00:00Z',
      });
      expect((await reader.services.store.getEvent('written-after-open'))?.event.summary).toBe('Seen by the reader.');
      await expect(
        reader.services.store.putEvent(makeEvent({ id: 'refused' }), {
          author: 't',
          reason: 't',
          at: '2025-03-30T00:00:00Z',
        }),
      ).rejects.toThrow(/readonly|read-only/i);
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('read the intake sources, so answers say how fresh they are, and never write them', async () => {
    const file = join(dir, 'intake.db');
    const writer = await createTestApp(file);
    const intake = openSqliteIntakeStore(file);
    const reader = await openReadOnlyServices({ databasePath: file }, writer.services.settings);
    try {
      const at = '2026-12-01T12:00:00.000Z';
      const { source } = await intake.addSource(
        { url: 'https://www.wire.example.org/haiti.xml', kind: 'rss', intervalSeconds: 900, addedBy: 'test' },
        at,
      );
      await intake.claimSource(source.id, 'test', 60_000, at, true);
      await intake.finishPoll(source.id, 'test', { nextPollAt: at, failures: 0, lastDeliveredAt: at }, at);
      const view = await status(reader.services, new Date('2026-12-02T12:00:00Z'), 'fr');
      expect(view.summary).toContain('Sources : wire.example.org : dernière livraison 1er déc. 2026, 07:00');
      await expect(reader.services.intake?.pauseSource(source.id, 'test', at)).rejects.toThrow(/readonly|read-only/i);
    } finally {
      await reader.close();
      await intake.close();
      await writer.close();
    }
  });

  it('never create a missing file', async () => {
    const file = join(dir, 'missing.db');
    await expect(
      openReadOnlyServices({ databasePath: file }, (await createTestApp()).services.settings),
    ).rejects.toThrow(/does not exist/);
    expect(existsSync(file)).toBe(false);
  });

  it('cover every command declared read-only and only those that read', () => {
    const readOnly = commands.flatMap((c) => [c, ...(c.subcommands ?? [])]).filter((c) => c.readOnly);
    expect(readOnly.map((c) => c.name).sort()).toEqual(
      ['ask', 'digest', 'history', 'list', 'list', 'location', 'preview', 'status', 'timeline'].sort(),
    );
    expect(readOnly.some((c) => c.form)).toBe(false);
  });
});
