import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { makeEvent } from '../support/events.ts';
import { testPlaces } from '../support/place-tree.ts';
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

describe('SQLite transactions', () => {
  it('holds other calls on the store until the transaction ends, so they never see its rows', async () => {
    const store = openSqliteStore({ path: ':memory:', ...testPlaces, gazetteerVersion: 'test-1' });
    const meta = { author: 't', reason: 't', at: '2025-03-26T12:00:00Z' };
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const rolledBack = store.transaction(async (tx) => {
      await tx.putEvent(makeEvent({ id: 'uncommitted' }), meta);
      written();
      await held;
      throw new Error('rolled back');
    });
    await wrote;
    const counted = store.countEvents({});
    const put = store.putEvent(makeEvent({ id: 'after' }), meta);
    release();
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await counted).toBe(0);
    expect(await put).toEqual({ revision: 1, changed: true });
    expect(await store.getEvent('uncommitted')).toBeUndefined();
    await store.close();
  });

  it('refuses a call on a transaction that has ended', async () => {
    const store = openSqliteStore({ path: ':memory:', ...testPlaces, gazetteerVersion: 'test-1' });
    const leaked = await store.transaction(async (tx) => tx);
    await expect(leaked.countEvents({})).rejects.toThrow(/transaction has already ended/);
    await store.close();
  });
});
