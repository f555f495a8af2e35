/** openStore: the one place the settings choose a store. */
import { describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/index.ts';
import { testPlaces } from '../support/place-tree.ts';

const settings = { path: ':memory:', ...testPlaces, gazetteerVersion: 'test-1' };

describe('openStore', () => {
  it('opens the events and subscription stores on SQLite by default', async () => {
    const opened = await openStore(settings);
    await opened.subscriptions.upsertSubscription(
      {
        kind: 'alert',
        platform: 'slack',
        teamId: 'T1',
        channelId: 'C1',
        timeZone: 'UTC',
        language: 'en',
        createdBy: 'U1',
      },
      '2026-01-01T00:00:00.000Z',
    );
    expect(await opened.subscriptions.activeSubscriptions('alert')).toHaveLength(1);
    expect(await opened.events.countEvents({})).toBe(0);
    await opened.close();
  });

  it('says in one line that a URL other than postgres:// names no store', async () => {
    const given = openStore({ ...settings, databaseUrl: 'mysql://x' });
    await expect(given).rejects.toThrow(StoreOpenError);
    await expect(given).rejects.toThrow(/^SITREP_DATABASE_URL must start with postgres:\/\/[^\n]+$/);
  });
});
