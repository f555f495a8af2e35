/**
 * `/digest subscribe|unsubscribe|list` and `/alerts ...` through the dispatcher every adapter
 * uses: what a user sees, and that bad input stores nothing.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/commands/command-types.ts';
import { findCommand } from '../../src/commands/commands.ts';
import { dispatch, resolveSubcommand } from '../../src/commands/dispatch.ts';
import { FakeClock, FakePoster, SchedulerWorld } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;
let bot: Awaited<ReturnType<SchedulerWorld['openProcess']>>;
const clock = new FakeClock('2026-06-10T12:00:00Z');
const manager: Caller = { platform: 'discord', userId: 'u1', teamId: 'g1', channelId: 'c1', canManageChannel: true };

beforeAll(async () => {
  world = new SchedulerWorld();
  bot = await world.openProcess(clock, new FakePoster('discord'));
});
afterAll(async () => await world.cleanup());
beforeEach(async () => {
  const db = new Database(world.path);
  db.exec('DELETE FROM send_ledger; DELETE FROM subscriptions;');
  db.close();
});

async function run(command: string, sub: string, args: Record<string, unknown>, caller: Caller = manager) {
  const parent = findCommand(command);
  const def = parent && resolveSubcommand(parent, sub);
  if (!def) throw new Error(`no command ${command} ${sub}`);
  const errors: object[] = [];
  const result = await dispatch(
    def,
    args,
    { services: bot.services, now: clock.now(), caller },
    { error: (o) => errors.push(o) },
  );
  expect(errors).toEqual([]);
  return result;
}

const stored = () => bot.subscriptions.listSubscriptions('discord', 'g1', 'digest');

describe('/digest subscribe', () => {
  it('stores the channel’s time, zone, place and category, and says when the first digest comes', async () => {
    const result = await run('digest', 'subscribe', {
      time: '18:30',
      timezone: 'europe/paris',
      location: 'artibonite',
      category: 'attack',
      language: 'fr',
    });
    expect(result.private).toBe(false);
    expect(result.view.summary).toBe(
      'Ce salon reçoit le résumé chaque jour à 18:30 (Europe/Paris) ; le premier le 10 juin 2026, 18:30.',
    );
    expect(await stored()).toMatchObject([
      {
        channelId: 'c1',
        localTime: '18:30',
        timeZone: 'Europe/Paris',
        placeId: 'artibonite',
        category: 'attack',
        language: 'fr',
        paused: false,
      },
    ]);
  });

  it('defaults to 07:00 in America/Port-au-Prince, in the caller’s language', async () => {
    await run('digest', 'subscribe', {}, { ...manager, locale: 'fr' });
    expect(await stored()).toMatchObject([{ localTime: '07:00', timeZone: 'America/Port-au-Prince', language: 'fr' }]);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an invalid time',
      { time: '25:00' },
      /^"25:00" is not a time of day\. Give a 24-hour time like 07:00 or 18:30\.$/,
    ],
    ['a time in words', { time: '7am' }, /is not a time of day/],
    [
      'an unknown time zone',
      { timezone: 'Europe/Pari' },
      /^Unknown time zone "Europe\/Pari"\. Did you mean: .*Europe\/Paris/,
    ],
    ['an unknown place', { location: 'Atlantis' }, /^Unknown place "Atlantis"/],
    ['an unknown category', { category: 'riot' }, /category must be one of/],
    ['an unknown language', { language: 'de' }, /language must be one of: en, fr/],
  ];
  for (const [what, args, message] of bad) {
    it(`answers ${what} privately and stores nothing`, async () => {
      const result = await run('digest', 'subscribe', { time: '08:00', ...args });
      expect(result.private).toBe(true);
      expect(result.failed).toBe(false);
      expect(result.view.summary).toMatch(message);
      expect(await stored()).toEqual([]);
    });
  }

  it('leaves an existing subscription as it was when a change is refused', async () => {
    await run('digest', 'subscribe', { time: '08:00' });
    await run('digest', 'subscribe', { time: '08:00', timezone: 'Mars/Olympus' });
    expect(await stored()).toMatchObject([{ localTime: '08:00', timeZone: 'America/Port-au-Prince' }]);
  });

  it('is refused to someone who may not manage the channel, and outside a server channel', async () => {
    const refused = await run('digest', 'subscribe', { time: '08:00' }, { ...manager, canManageChannel: false });
    expect(refused.view.summary).toBe('Only people who may manage this channel can do that.');
    const console = await run('digest', 'subscribe', {}, { platform: 'console', userId: 'me', canManageChannel: true });
    expect(console.view.summary).toMatch(/^Subscriptions are for channels in a Discord server or a Slack workspace/);
    expect(await stored()).toEqual([]);
  });

  it('resumes a paused subscription when the channel subscribes again', async () => {
    await run('digest', 'subscribe', { time: '08:00' });
    const [subscription] = await stored();
    await bot.subscriptions.pauseSubscription(
      subscription?.id ?? 0,
      'The bot cannot post in this channel (Missing Access)',
      clock.now().toISOString(),
    );
    expect((await stored())[0]?.paused).toBe(true);
    await run('digest', 'subscribe', { time: '09:00' });
    expect(await stored()).toMatchObject([{ id: subscription?.id, paused: false, localTime: '09:00' }]);
  });
});

describe('/digest unsubscribe and list', () => {
  it('lists the server’s digests, then stops this channel’s', async () => {
    await run('digest', 'subscribe', { time: '08:00' });
    await run('digest', 'subscribe', { time: '19:00', location: 'kenscoff' }, { ...manager, channelId: 'c2' });
    const list = await run('digest', 'list', {});
    expect(list.view.title).toBe('Daily digests in this server');
    // The channel is a reference the renderers write as a link (<#c1>), not words.
    expect(list.view.sections[0]?.fields?.map((f) => [f.channel, f.label, f.value])).toEqual([
      [
        'c1',
        '(this channel)',
        '08:00 America/Port-au-Prince · all of Haiti, every category · English · next 11 Jun 2026, 08:00',
      ],
      ['c2', '', '19:00 America/Port-au-Prince · in Kenscoff · English · next 10 Jun 2026, 19:00'],
    ]);

    const stop = await run('digest', 'unsubscribe', {});
    expect(stop.view.summary).toBe('This channel no longer gets the daily digest.');
    expect((await stored()).map((s) => s.channelId)).toEqual(['c2']);
    const again = await run('digest', 'unsubscribe', {});
    expect(again.private).toBe(true);
    expect(again.view.summary).toBe('This channel does not get the daily digest; nothing to stop.');
  });

  it('says how to subscribe when nothing is', async () => {
    const list = await run('digest', 'list', {}, { ...manager, platform: 'slack', teamId: 'T1' });
    expect(list.view.title).toBe('Daily digests in this workspace');
    expect(list.view.sections[0]?.fields).toEqual([]);
    expect(list.view.sections[0]?.empty).toBe('No channel here is subscribed. Run /digest subscribe in a channel.');
  });
});

describe('in French and Creole', () => {
  it('lists and confirms in the caller’s language, no English left', async () => {
    await run('digest', 'subscribe', { time: '08:00', language: 'ht' });
    const fr = await run('digest', 'list', {}, { ...manager, locale: 'fr' });
    expect(fr.view.title).toBe('Résumés quotidiens dans ce serveur');
    expect(fr.view.sections[0]?.fields?.[0]?.value).toBe(
      '08:00 America/Port-au-Prince · tout Haïti, toutes catégories · Kreyòl ayisyen · prochain le 11 juin 2026, 08:00',
    );
    const ht = await run('alerts', 'subscribe', { location: 'kenscoff', category: 'kidnapping', language: 'ht' });
    expect(ht.view.title).toBe('Alèt yo aktive');
    expect(ht.view.summary).toMatch(/^Chanèl sa a ap resevwa .*\(nan Kenscoff, kategori kidnaping\)/);
  });
});

describe('/alerts', () => {
  it('subscribes with a place and a category, lists and unsubscribes', async () => {
    const result = await run('alerts', 'subscribe', { location: 'pont sonde', category: 'attack' });
    expect(result.view.summary).toBe(
      'This channel gets each new or updated event (in Pont-Sondé, category attack) within a minute of it being recorded.',
    );
    const list = await run('alerts', 'list', {});
    expect(list.view.sections[0]?.fields?.map((f) => f.value)).toEqual(['in Pont-Sondé, category attack · English']);
    await run('alerts', 'unsubscribe', {});
    expect(await bot.subscriptions.listSubscriptions('discord', 'g1', 'alert')).toEqual([]);
  });

  it('stores nothing for an unknown place', async () => {
    const result = await run('alerts', 'subscribe', { location: 'Gotham' });
    expect(result.private).toBe(true);
    expect(await bot.subscriptions.listSubscriptions('discord', 'g1', 'alert')).toEqual([]);
  });
});
