/**
 * The triage loop on Slack through the real Bolt app and the Web API stand-in: a lead is posted
 * with its buttons; Record opens a modal filled in from the lead and the submission replaces the
 * lead's message; Add to event with a conflicting place disputes the event; Dismiss replaces the
 * message and takes the lead off /leads. Only reporters may act. A channel set while leads wait
 * gets the newest ten, then a line on the rest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IntakeStore, Lead } from '../../../src/core/intake-port.ts';
import { silentLogger } from '../../../src/log.ts';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler.ts';
import { openSqliteIntakeStore } from '../../../src/store/sqlite-intake.ts';
import { makeDraft } from '../../support/lead-drafts.ts';
import { HARNESS_CHANNEL, type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

const CHANNEL = 'C000000001';
const REPORTER = 'U000000001';
let h: SlackHarness;
let intake: IntakeStore;
let scheduler: Scheduler;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-slack-triage-'));
const leads: Lead[] = [];

beforeAll(async () => {
  h = await startSlackHarness({ reporters: { discordRoleIds: [], slackIds: [REPORTER] }, managers: [REPORTER] });
  intake = openSqliteIntakeStore(join(dir, 'sitrep.db'));
  h.services.intake = intake;
  const subscriptions = h.services.subscriptions;
  if (!subscriptions) throw new Error('no subscription store');
  const now = new Date('2025-04-01T12:00:00Z');
  await subscriptions.upsertSubscription(
    {
      kind: 'triage',
      platform: 'slack',
      teamId: 'T000000001',
      channelId: CHANNEL,
      timeZone: 'America/Port-au-Prince',
      language: 'en',
      createdBy: REPORTER,
    },
    now.toISOString(),
  );
  const { source } = await intake.addSource(
    { url: 'https://wire.example.org/rss', kind: 'rss', intervalSeconds: 900, addedBy: 'console' },
    now.toISOString(),
  );
  const later = new Date(now.getTime() + 1000).toISOString();
  const recorded = await intake.recordItems(
    [
      'Attack on a police post in Kenscoff',
      'Ambush on the road to Pont-Sondé',
      'Market fire in Croix-des-Bouquets',
    ].map((title, i) => makeDraft({ sourceId: source.id, title, link: `https://wire.example.org/slack-${i}` })),
    later,
  );
  leads.push(...recorded.created);
  scheduler = createScheduler({
    services: h.services,
    subscriptions,
    posters: [h.adapter],
    settings: { skipQuietDays: false, catchUpHours: 12 },
    log: silentLogger(),
    now: () => new Date(now.getTime() + 2000),
    cron: () => ({ stop() {} }),
  });
  await scheduler.tick();
});

afterAll(async () => {
  await scheduler?.stop();
  await intake?.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const postOf = (lead: Lead): Json => h.standIn.posted.find((p) => String(p.text).includes(lead.title));
const blocksOf = (message: Json): Json[] =>
  typeof message.blocks === 'string' ? JSON.parse(message.blocks) : message.blocks;
const buttonOf = (message: Json, label: string): Json =>
  blocksOf(message)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements)
    .find((e: Json) => e.text.text === label);

/** Clicks the button; resolves to what reaches the click's response_url, once something does. */
async function click(message: Json, label: string, user = REPORTER): Promise<Json> {
  const r = h.standIn.responseUrl();
  const button = buttonOf(message, label);
  const payload = { type: 'button', action_id: button.action_id, block_id: 'sitrep_commands', value: button.value };
  const res = await h.sender.blockActionAs(payload, r.url, user, message.ts);
  expect(res.status).toBe(200);
  return waitFor(() => h.standIn.responses.get(r.id)?.[0], EVENTUALLY_MS, `an answer to ${label}`);
}

it('posts each lead once to the triage channel with Record, Add to event and Dismiss', async () => {
  await scheduler.tick();
  expect(h.standIn.posted.filter((p) => p.channel === CHANNEL)).toHaveLength(3);
  const post = postOf(leads[0] as Lead);
  expect(['Record', 'Add to event', 'Dismiss'].map((label) => buttonOf(post, label)?.style ?? 'default')).toEqual([
    'primary',
    'default',
    'danger',
  ]);
});

it('Dismiss: only a reporter may; the message then says who dismissed it, and /leads no longer lists it', async () => {
  const post = postOf(leads[2] as Lead);
  const refused = await click(post, 'Dismiss', 'U0STRANGER');
  expect(refused).toMatchObject({ response_type: 'ephemeral' });
  expect(JSON.stringify(refused)).toContain('Only reporters');
  expect((await intake.getLead((leads[2] as Lead).id))?.state).toBe('posted');
  const replaced = await click(post, 'Dismiss');
  expect(replaced).toMatchObject({ replace_original: true });
  expect(JSON.stringify(replaced)).toContain('Dismissed by analyst');
  const listed = await h.answered('/leads', '', REPORTER);
  expect(JSON.stringify(listed)).not.toContain('Market fire');
});

it('Record opens the form filled in from the lead; the submission records the event and replaces the message', async () => {
  const lead = leads[0] as Lead;
  const post = postOf(lead);
  void click(post, 'Record').catch(() => undefined);
  const view: Json = await waitFor(
    () => [...h.standIn.views.values()].find((v) => String(v.private_metadata).includes('leads record')),
    EVENTUALLY_MS,
    'the form',
  );
  const initial = Object.fromEntries(
    view.blocks.filter((b: Json) => b.type === 'input').map((b: Json) => [b.block_id, b.element.initial_value ?? '']),
  );
  expect(initial).toMatchObject({ when: '2025-03-26', category: 'attack' });
  const res = await h.sender.viewSubmission(view, { ...initial, place: 'Kenscoff' }, REPORTER);
  expect(res.status).toBe(200);
  await waitFor(
    () => (String(postOf(lead).text).includes('Recorded as event') ? true : undefined),
    EVENTUALLY_MS,
    'the update',
  );
  const decided = await intake.getLead(lead.id);
  const event = await h.services.store.getEvent(decided?.eventId ?? '');
  expect(event?.event.sources[0]).toMatchObject({ url: lead.link, title: lead.title });
  expect(await h.services.store.history(decided?.eventId ?? '')).toHaveLength(1);
});

it('Add to event with a conflicting place marks the event disputed', async () => {
  const lead = leads[1] as Lead;
  void click(postOf(lead), 'Add to event').catch(() => undefined);
  const view: Json = await waitFor(
    () => [...h.standIn.views.values()].find((v) => String(v.private_metadata).includes('leads attach')),
    EVENTUALLY_MS,
    'the form',
  );
  const eventId = '2025-03-25-pont-sonde-ambush';
  const res = await h.sender.viewSubmission(view, { event: eventId, field: 'place', value: 'Kenscoff' }, REPORTER);
  expect(res.status).toBe(200);
  await waitFor(
    () => (String(postOf(lead).text).includes('conflicting claim') ? true : undefined),
    EVENTUALLY_MS,
    'the update',
  );
  const event = await h.services.store.getEvent(eventId);
  expect(event?.event.confidence).toBe('disputed');
});

it('/sources triage-channel while 12 leads wait: it says so; the newest ten are posted oldest first, then one line', async () => {
  const sourceId = (await intake.listSources())[0]?.id ?? 0;
  // First seen an hour before the channel is set (the harness answers at 12:00).
  const { created } = await intake.recordItems(
    Array.from({ length: 12 }, (_, i) => makeDraft({ sourceId, title: `Checkpoint ${i + 1} on Route de Frères` })),
    '2025-04-01T11:00:00.000Z',
  );
  const answer = await h.answered('/sources', 'triage-channel', REPORTER);
  expect(JSON.stringify(answer)).toContain(
    'Of the leads waiting now, the 10 newest are posted here too; /leads lists the 2 others.',
  );
  await scheduler.tick();
  const posts = () => h.standIn.posted.filter((p) => p.channel === HARNESS_CHANNEL);
  const texts = posts().map((p) => String(p.text));
  expect(texts).toHaveLength(11);
  created.slice(2).forEach((lead, i) => {
    expect(texts[i]).toContain(`Lead #${lead.id}: ${lead.title}`);
  });
  expect(texts[10]).toBe(
    'Leads waiting for triage: 2 older leads also wait for triage and are not posted here: /leads lists them.',
  );
  expect(blocksOf(posts()[10]).filter((b) => b.type === 'actions')).toEqual([]);
  await scheduler.tick();
  expect(posts()).toHaveLength(11);
});
