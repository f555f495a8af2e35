/**
 * The Slack user directory: users.info asked once per user for the TTL, at most `max` users kept,
 * a lookup waited for no longer than its budget, failures logged once.
 */
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createUserDirectory } from '../../../src/bots/slack/user-info.ts';

function fakeClient(answer: (user: string) => Promise<unknown>) {
  const asked: Array<{ user: string; include_locale?: boolean }> = [];
  const client = {
    users: {
      info: (args: { user: string; include_locale?: boolean }) => {
        asked.push(args);
        return answer(args.user);
      },
    },
  } as unknown as webApi.WebClient;
  return { client, asked };
}

const found = (user: string) =>
  Promise.resolve({ ok: true, user: { id: user, locale: 'fr-FR', real_name: `Name ${user}`, profile: {} } });

describe('the Slack user directory', () => {
  it('asks with include_locale once per user until the TTL passes', async () => {
    let now = 0;
    const warnings: string[] = [];
    const users = createUserDirectory({ warn: (_o, msg) => warnings.push(msg) }, { ttlMs: 1000, clock: () => now });
    const { client, asked } = fakeClient(found);
    expect(await users.lookup(client, 'U1')).toEqual({ locale: 'fr-FR', name: 'Name U1' });
    now = 999;
    await users.lookup(client, 'U1');
    expect(asked).toEqual([{ user: 'U1', include_locale: true }]);
    now = 1001;
    await users.lookup(client, 'U1');
    expect(asked).toHaveLength(2);
    expect(warnings).toEqual([]);
  });

  it('keeps at most `max` users, the least recently used going first', async () => {
    const users = createUserDirectory({ warn: () => undefined }, { max: 2 });
    const { client, asked } = fakeClient(found);
    await users.lookup(client, 'U1');
    await users.lookup(client, 'U2');
    await users.lookup(client, 'U1');
    await users.lookup(client, 'U3');
    await users.lookup(client, 'U1');
    expect(asked.map((a) => a.user)).toEqual(['U1', 'U2', 'U3']);
    await users.lookup(client, 'U2');
    expect(asked.map((a) => a.user)).toEqual(['U1', 'U2', 'U3', 'U2']);
  });

  it('answers without the user when Slack is slower than the budget, and keeps the late answer', async () => {
    let release: () => void = () => undefined;
    const users = createUserDirectory({ warn: () => undefined }, { budgetMs: 20 });
    const { client, asked } = fakeClient((user) => new Promise((resolve) => (release = () => resolve(found(user)))));
    expect(await users.lookup(client, 'U1')).toEqual({});
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await users.lookup(client, 'U1')).toEqual({ locale: 'fr-FR', name: 'Name U1' });
    expect(asked).toHaveLength(1);
  });

  it('a failing users.info answers without the user, logged once, and is not asked again at once', async () => {
    const warnings: string[] = [];
    const users = createUserDirectory({ warn: (_o, msg) => warnings.push(msg) });
    const { client, asked } = fakeClient(() => Promise.reject(new Error('ratelimited')));
    expect(await users.lookup(client, 'U1')).toEqual({});
    expect(await users.lookup(client, 'U2')).toEqual({});
    expect(await users.lookup(client, 'U1')).toEqual({});
    expect(asked.map((a) => a.user)).toEqual(['U1', 'U2']);
    expect(warnings).toHaveLength(1);
  });
});
