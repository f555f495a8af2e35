/**
 * `/sources` and `/leads` through the dispatcher every adapter uses: what a manager and a
 * reporter see, in three languages, and that a refused or bad request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/commands/command-types.ts';
import { findCommand } from '../../src/commands/commands.ts';
import { dispatch, resolveSubcommand } from '../../src/commands/dispatch.ts';
import type { IntakeStore, Lead } from '../../src/core/intake-port.ts';
import { waitingLine } from '../../src/core/triage.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { makeDraft } from '../support/lead-drafts.ts';
import { FakeClock, FakePoster, SchedulerWorld } from '../support/scheduler-harness.ts';

let world: SchedulerWorld;
let bot: Awaited<ReturnType<SchedulerWorld['openProcess']>>;
let intake: IntakeStore;
let sourceId: number;
const clock = new FakeClock('2025-03-26T15:00:00Z');
const manager: Caller = {
  platform: 'discord',
  userId: 'u1',
  userName: 'Desk',
  teamId: 'g1',
  channelId: 'c1',
  canManageChannel: true,
};
const reader: Caller = { platform: 'discord', userId: 'u2', userName: 'Reader', teamId: 'g1', channelId: 'c1' };

beforeAll(async () => {
  world = new SchedulerWorld();
  bot = await world.openProcess(clock, new FakePoster('discord'));
  intake = openSqliteIntakeStore(world.path, { now: clock.now });
  bot.services.intake = intake;
  const added = await intake.addSource(
    { url: 'https://wire.example.org/feed.xml', kind: 'rss', intervalSeconds: 900, addedBy: 'console' },
    clock.now().toISOString(),
  );
  sourceId = added.source.id;
});
afterAll(async () => {
  await intake.close();
  await world.cleanup();
});

async function run(path: string, args: Record<string, unknown>, caller: Caller = manager) {
  const [name, sub] = path.split(' ');
  const parent = findCommand(name ?? '');
  const def = parent && resolveSubcommand(parent, sub);
  if (!def) throw new Error(`no command ${path}`);
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

const text = (r: {
  view: { title: string; summary?: string | undefined; sections: unknown[]; footer?: string | undefined };
}) => JSON.stringify([r.view.title, r.view.summary, r.view.sections, r.view.footer]);

async function newLead(title: string, overrides: Parameters<typeof makeDraft>[0] | object = {}): Promise<Lead> {
  const recorded = await intake.recordItems([makeDraft({ sourceId, title, ...overrides })], clock.now().toISOString());
  const lead = recorded.created[0];
  if (!lead) throw new Error('no lead');
  return lead;
}

describe('/sources', () => {
  it('is for managers only, and lists each source with its state, last delivery and pause reason', async () => {
    const refused = await run('sources list', {}, reader);
    expect(refused.private).toBe(true);
    expect(refused.view.summary).toMatch(/manage this channel/);

    const added = await run('sources add', { url: 'https://reliefweb.int/updates/rss.xml', every: '30' });
    expect(added.private).toBe(false);
    expect(added.view.summary).toMatch(/^Source added: #\d+/);
    const id = Number(/#(\d+)/.exec(added.view.summary ?? '')?.[1]);
    expect((await intake.getSource(id))?.kind).toBe('reliefweb');

    const paused = await run('sources pause', { id });
    expect(paused.view.summary).toBe(`Source #${id} paused.`);
    const listed = text(await run('sources list', {}));
    expect(listed).toContain('Paused: paused by Desk');
    expect(listed).toContain('nothing delivered yet');
    expect(listed).toContain('No triage channel yet');

    const fr = await run('sources resume', { id }, { ...manager, locale: 'fr' });
    expect(fr.view.summary).toBe(`Source #${id} reprise.`);
    await run('sources remove', { id });
    expect((await intake.listSources()).map((s) => s.id)).not.toContain(id);
  });

  it('refuses a URL that is not http(s) and a source that does not exist, changing nothing', async () => {
    const before = await intake.listSources();
    const bad = await run('sources add', { url: 'ftp://example.org/feed' });
    expect(bad.private).toBe(true);
    expect(bad.view.summary).toMatch(/Only http and https/);
    const missing = await run('sources pause', { id: 999 });
    expect(missing.view.summary).toMatch(/No source #999/);
    expect(await intake.listSources()).toEqual(before);
  });

  it('sets the triage channel: one per installation, in the language asked for', async () => {
    await run('sources triage-channel', { language: 'fr' });
    await run('sources triage-channel', { language: 'ht' }, { ...manager, channelId: 'c2' });
    const triage = await bot.subscriptions.activeSubscriptions('triage');
    expect(triage.map((s) => [s.channelId, s.language])).toEqual([['c2', 'ht']]);
    const again = await run('sources triage-channel', {}, { ...manager, channelId: 'c2' });
    expect(again.view.summary).toBe(
      'New leads will be posted in this channel, in English, with Record, Add to event and Dismiss buttons. No lead waits for triage now.',
    );
    // The list names the channel as a reference the renderers link, and the platform in words.
    const listed = await run('sources list', {});
    expect(listed.view.sections[0]?.fields).toEqual([
      { channel: 'c2', label: 'Triage channel', value: triage[0]?.platform === 'slack' ? 'Slack' : 'Discord' },
    ]);
    const console = await run(
      'sources triage-channel',
      {},
      { platform: 'console', userId: 'console', canManageChannel: true },
    );
    expect(console.view.summary).toMatch(/Discord or Slack channel/);
  });
});

describe('/leads', () => {
  it('lists what waits; Dismiss takes a lead off the list and says who did it', async () => {
    const lead = await newLead('Gunfire reported in Pont-Sondé overnight');
    expect(text(await run('leads', {}, reader))).toContain(`#${lead.id} Gunfire reported in Pont-Sondé`);
    const refused = await run('leads dismiss', { id: lead.id }, reader);
    expect(refused.private).toBe(true);
    expect(refused.view.summary).toMatch(/Only reporters/);

    const dismissed = await run('leads dismiss', { id: lead.id });
    expect(dismissed.view.summary).toMatch(/^Dismissed by Desk, 26 Mar 2025/);
    expect(dismissed.view.buttons ?? []).toEqual([]);
    expect(text(await run('leads', {}))).not.toContain('Gunfire reported in Pont-Sondé');
    const again = await run('leads dismiss', { id: lead.id });
    expect(again.private).toBe(true);
    expect(again.view.summary).toBe(`Lead #${lead.id} was already handled: dismissed by Desk.`);
  });

  it('Record creates the event with the lead’s link as its source and names it on the lead', async () => {
    const lead = await newLead('Attack on a police station in Kenscoff', {
      link: 'https://wire.example.org/kenscoff-attack',
      reading: { placeIds: ['kenscoff'], occurredOn: '2025-03-26', category: 'attack', casualties: [], matches: [] },
    });
    const form = findCommand('leads')?.subcommands?.find((c) => c.name === 'record')?.form;
    const initial = await form?.open({ services: bot.services, now: clock.now(), caller: manager }, { id: lead.id });
    expect(initial).toMatchObject({ when: '2025-03-26', place: 'Kenscoff', category: 'attack' });
    const recorded = await run('leads record', { id: lead.id, ...initial });
    expect(recorded.private).toBe(false);
    const decided = await intake.getLead(lead.id);
    expect(decided?.state).toBe('recorded');
    const stored = await bot.services.store.getEvent(decided?.eventId ?? '');
    expect(stored?.event.sources).toEqual([
      expect.objectContaining({ publisher: 'Haiti Wire', url: 'https://wire.example.org/kenscoff-attack' }),
    ]);
    expect(recorded.view.summary).toContain(`Recorded as event ${decided?.eventId} by Desk`);
  });

  it('Add to event with a conflicting place marks the event disputed; without one it adds a source', async () => {
    const eventId = '2025-03-25-pont-sonde-ambush';
    const agrees = await newLead('Ambush near Pont-Sondé confirmed', { link: 'https://wire.example.org/agrees' });
    const added = await run('leads attach', { id: agrees.id, event: eventId });
    expect(added.view.summary).toContain(`Added to event ${eventId} as a further source by Desk`);
    const withSource = await bot.services.store.getEvent(eventId);
    expect(withSource?.event.sources.map((s) => s.url)).toContain('https://wire.example.org/agrees');

    const conflicting = await newLead('Ambush was in Kenscoff, says police', {
      link: 'https://wire.example.org/conflict',
    });
    const fr = await run(
      'leads attach',
      { id: conflicting.id, event: eventId, field: 'place', value: 'Kenscoff' },
      { ...manager, locale: 'fr' },
    );
    expect(fr.view.summary).toContain(`Ajoutée à l’événement ${eventId} comme version contraire par Desk`);
    const disputed = await bot.services.store.getEvent(eventId);
    expect(disputed?.event.confidence).toBe('disputed');
    expect(disputed?.event.claims.at(-1)).toMatchObject({ field: 'place', value: 'Kenscoff', standing: 'contested' });

    const bad = await newLead('Another one', { link: 'https://wire.example.org/bad' });
    const refused = await run('leads attach', { id: bad.id, event: eventId, field: 'weather', value: 'rain' });
    expect(refused.view.summary).toMatch(/"weather" is not something a source can say differently/);
    expect((await intake.getLead(bad.id))?.state).toBe('new');
  });

  it('setting the triage channel says which of the leads waiting it gets, in three languages', async () => {
    const set = async (locale: 'en' | 'fr' | 'ht') => {
      clock.advance(1000);
      return (await run('sources triage-channel', {}, { ...manager, channelId: 'c3', locale })).view.summary ?? '';
    };
    for (let i = 0; i < 12; i++)
      await newLead(`Roadblock ${i} on Route Nationale 2`, { link: `https://w.example.org/r${i}` });
    const others = (await intake.countLeads({})) - 10;
    expect(others).toBeGreaterThan(1);
    expect(await set('en')).toContain(
      `Of the leads waiting now, the 10 newest are posted here too; /leads lists the ${others} others.`,
    );
    expect(await set('fr')).toContain(
      `Des pistes en attente, les 10 plus récentes sont publiées ici aussi ; /leads liste les ${others} autres.`,
    );
    expect(await set('ht')).toContain(
      `Nan pis k ap tann yo, 10 ki pi resan yo ap parèt isit la tou; /leads montre ${others} lòt yo.`,
    );
    for (const lead of await intake.listLeads({ limit: 50 }))
      await intake.decideLead(lead.id, { state: 'dismissed', by: 'Desk' }, clock.now().toISOString());
    await newLead('Shooting near the airport in Tabarre', { link: 'https://w.example.org/tabarre' });
    expect(await set('fr')).toContain('La piste en attente est publiée ici aussi.');
    expect(await set('ht')).toContain('Pis k ap tann nan ap parèt isit la tou.');
    // Set again where the newest are posted already.
    expect(waitingLine(14, 10, 'fr')).toBe(
      'Les 10 pistes en attente les plus récentes sont déjà dans ce salon ; /leads les liste toutes.',
    );
    expect(waitingLine(3, 3, 'ht')).toBe('3 pis k ap tann yo deja nan chanèl sa a.');
    expect(waitingLine(1, 1, 'en')).toBe('The lead waiting now is already in this channel.');
  });

  it('pages: Next and Previous walk every lead that waits, a lead decided meanwhile drops out', async () => {
    for (let i = 1; i <= 7; i++) await newLead(`Paged story ${i}`, { link: `https://wire.example.org/paged/${i}` });
    const waiting = (await intake.listLeads({ limit: 500 })).map((l) => l.id);
    const idsOf = (r: Awaited<ReturnType<typeof run>>) =>
      (r.view.sections[0]?.items ?? []).map((i) => Number(/^#(\d+)/.exec(i.title)?.[1]));
    const pages: Awaited<ReturnType<typeof run>>[] = [await run('leads', { limit: 3 }, reader)];
    for (;;) {
      const next = pages.at(-1)?.view.actions?.find((a) => a.label === 'Next');
      if (!next) break;
      expect(next).toMatchObject({ kind: 'page', command: 'leads list', args: { limit: 3 } });
      pages.push(await run(next.command, { ...next.args, cursor: next.cursor }, reader));
    }
    expect(pages.flatMap(idsOf)).toEqual(waiting);
    expect(pages.length).toBe(Math.ceil(waiting.length / 3));
    expect(pages[0]?.view.summary).toBe(`${waiting.length} leads wait for triage.`);
    expect(pages[0]?.view.sections[0]?.heading).toBe('Newest first');
    expect(pages[1]?.view.sections[0]?.heading).toBe('Page 2');
    expect(pages[0]?.view.actions?.map((a) => a.label)).toEqual(['Next']);

    // Page 2's first lead is dismissed: Previous from page 3 still ends at page 1's leads.
    const [, second, third] = pages;
    const dismissed = idsOf(second as (typeof pages)[0])[0] as number;
    await intake.decideLead(dismissed, { state: 'dismissed', by: 'u1' }, clock.now().toISOString());
    const back = third?.view.actions?.find((a) => a.label === 'Previous');
    if (!back) throw new Error('no Previous on page 3');
    const page2 = await run(back.command, { ...back.args, cursor: back.cursor }, reader);
    const left = waiting.filter((id) => id !== dismissed);
    const thirdFirst = left.indexOf(idsOf(third as (typeof pages)[0])[0] as number);
    expect(idsOf(page2)).toEqual(left.slice(thirdFirst - 3, thirdFirst));
    const page1 = page2.view.actions?.find((a) => a.label === 'Previous');
    if (!page1) throw new Error('no Previous on page 2');
    const first = await run(page1.command, { ...page1.args, cursor: page1.cursor }, reader);
    expect(first.view.sections[0]?.heading).toBe('Newest first');
    expect(first.view.actions?.map((a) => a.label)).toEqual(['Next']);

    const fr = await run('leads list', { limit: 3, cursor: back.cursor }, { ...reader, locale: 'fr' });
    expect(fr.view.summary).toBe(`${waiting.length - 1} pistes attendent le tri.`);
    expect(fr.view.actions?.map((a) => a.label)).toEqual(['Précédent', 'Suivant']);
    const bad = await run('leads list', { cursor: 'x9' }, reader);
    expect(bad.private).toBe(true);
    expect(bad.view.summary).toMatch(/page position is not valid/);
  });

  it('answers in Creole', async () => {
    const lead = await newLead('Manifestasyon nan Kenscoff', { link: 'https://wire.example.org/ht' });
    const ht = await run('leads', { language: 'ht' });
    expect(text(ht)).toContain('Pis k ap tann triyaj');
    expect(text(ht)).toContain('Manifestasyon nan Kenscoff');
    const view = await run('leads dismiss', { id: lead.id }, { ...manager, locale: 'ht' });
    expect(view.view.summary).toMatch(/^Mete sou kote pa Desk, 26 mas 2025/);
  });
});
