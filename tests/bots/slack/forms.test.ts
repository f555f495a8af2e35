/**
 * Forms on Slack through the signed HTTP path: /report opens a modal view, a submission stores
 * the event and confirms in the channel, a bad field is answered under that field, and someone
 * who may not report is refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_CHANNEL, type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { messageText, modalLimitViolations } from '../../support/slack-limits.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

const REPORTER = 'U000000001';
const STRANGER = 'U000000099';
/** A user group of reporters, and one of its members named nowhere else. */
const DESK = 'S0DESK';
const DESK_MEMBER = 'U000000077';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ reporters: { discordRoleIds: [], slackIds: [REPORTER, DESK, 'S0GONE'] } });
  h.standIn.userGroups.set(DESK, ['U000000005', DESK_MEMBER]);
});

afterAll(async () => {
  await h?.close();
});

const GOOD = {
  when: '2025-03-30 10:00',
  place: 'Kenscoff',
  category: 'attack',
  casualties: 'civilians injured 2',
  summary: 'Gunmen fired on the Kenscoff police post at dawn',
  source: 'Le Nouvelliste https://lenouvelliste.com/article/kenscoff-post',
  confidence: 'reported',
};

/** Runs the command and returns the modal it opened (the newest view). */
async function openModal(command: string, text: string, user = REPORTER): Promise<Json> {
  const before = h.standIn.views.size;
  const { ack } = await h.slash(command, text, user);
  expect(ack).toBe('');
  await waitFor(() => (h.standIn.views.size > before ? true : undefined), EVENTUALLY_MS, 'views.open');
  const view = [...h.standIn.views.values()].at(-1);
  expect(modalLimitViolations(view)).toEqual([]);
  return view;
}

const events = () => h.services.store.countEvents({});

describe('Slack forms', () => {
  it('/report opens a modal with an input per text field and a select per choice, within Slack limits', async () => {
    const view = await openModal('/report', '');
    const call = h.standIn.calls.find((c) => c.method === 'views.open');
    expect(call?.body.trigger_id).toMatch(/^trigger-r\d+$/);
    expect(view.type).toBe('modal');
    const byId = Object.fromEntries(view.blocks.map((b: Json) => [b.block_id, b]));
    expect(Object.keys(byId)).toEqual(['when', 'place', 'casualties', 'summary', 'source', 'category', 'confidence']);
    expect(byId.when.element.type).toBe('plain_text_input');
    expect(byId.when.optional).toBe(false);
    expect(byId.casualties.optional).toBe(true);
    expect(byId.summary.element.multiline).toBe(true);
    expect(byId.category.element.type).toBe('static_select');
    expect(byId.category.element.options.map((o: Json) => o.value)).toContain('attack');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ c: 'report', ch: HARNESS_CHANNEL });
  });

  it('fills the modal with values given inline', async () => {
    const view = await openModal('/report', 'place:Kenscoff category:clash');
    const byId = Object.fromEntries(view.blocks.map((b: Json) => [b.block_id, b]));
    expect(byId.place.element.initial_value).toBe('Kenscoff');
    expect(byId.category.element.initial_option.value).toBe('clash');
  });

  it('a good submission closes the modal, confirms in the channel with the id, and shows in /timeline', async () => {
    const view = await openModal('/report', '');
    const before = await events();
    const posted = h.standIn.posted.length;
    const res = await h.sender.viewSubmission(view, GOOD, REPORTER);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const [confirmation] = await waitFor(
      () => (h.standIn.posted.length > posted ? h.standIn.posted.slice(posted) : undefined),
      5000,
      'the confirmation',
    );
    expect(confirmation.channel).toBe(HARNESS_CHANNEL);
    const id = messageText(confirmation).match(/Recorded (report-[\w-]+)/)?.[1];
    expect(id).toBeDefined();
    expect(await events()).toBe(before + 1);
    expect((await h.services.store.getEvent(id as string))?.event.summary).toBe(GOOD.summary);
    const timeline = (await h.answered('/timeline', '')).map(messageText).join('\n');
    expect(timeline).toContain(GOOD.summary);
  });

  it('a bad field comes back under that field and nothing is stored', async () => {
    const view = await openModal('/report', '');
    const before = await events();
    const posted = h.standIn.posted.length;
    const res = await h.sender.viewSubmission(
      view,
      { ...GOOD, place: 'Atlantis', summary: 'Should not be kept' },
      REPORTER,
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['place']);
    expect(body.errors.place).toMatch(/Atlantis|place/i);
    expect(await events()).toBe(before);
    expect(h.standIn.posted.length).toBe(posted);
  });

  it('someone who may not report is refused privately, gets no form, and nothing is stored', async () => {
    const opened = h.standIn.views.size;
    const [refusal] = await h.answered('/report', '', STRANGER);
    expect(refusal.response_type).toBe('ephemeral');
    expect(messageText(refusal)).toContain('Only reporters');
    expect(h.standIn.views.size).toBe(opened);

    // A modal opened earlier and submitted by someone who may not report: refused, not stored.
    const view = [...h.standIn.views.values()].at(-1);
    const before = await events();
    const res = await h.sender.viewSubmission(view, GOOD, STRANGER);
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain('Only reporters');
    expect(modalLimitViolations(body.view)).toEqual([]);
    expect(await events()).toBe(before);
  });

  it('a form that cannot open in time (expired trigger) is answered privately, asking to run it again', async () => {
    h.standIn.script.push({ method: 'views.open', status: 200, body: { ok: false, error: 'expired_trigger_id' } });
    const [answer] = await h.answered('/report', '', REPORTER);
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('please run /report again');
  });

  it('a member of a reporter user group may report; a group that cannot be read counts for nothing', async () => {
    const view = await openModal('/report', '', DESK_MEMBER);
    const before = await events();
    const res = await h.sender.viewSubmission(view, { ...GOOD, summary: 'Reported by the desk' }, DESK_MEMBER);
    expect(res.body).toBe('');
    expect(await events()).toBe(before + 1);
    const lookups = h.standIn.calls.filter((c) => c.method === 'usergroups.users.list').map((c) => c.body.usergroup);
    expect(new Set(lookups)).toEqual(new Set([DESK, 'S0GONE']));
    expect(h.logged.some((l) => /usergroups\.users\.list failed/.test(l.msg))).toBe(true);
  });

  it('/event edit opens the form with the event as it stands, and the edit is kept in its history', async () => {
    const id = '2025-03-25-pont-sonde-ambush';
    const current = await h.services.store.getEvent(id);
    if (!current) throw new Error(`seed event ${id} is missing`);
    const view = await openModal('/event', `edit ${id} reason:"wording"`);
    const byId = Object.fromEntries(view.blocks.map((b: Json) => [b.block_id, b]));
    expect(byId.summary.element.initial_value).toBe(current.event.summary);
    expect(JSON.parse(view.private_metadata).a).toMatchObject({ id, reason: 'wording' });
    const values = Object.fromEntries(
      view.blocks.map((b: Json) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value ?? '']),
    );
    const res = await h.sender.viewSubmission(
      view,
      { ...values, summary: 'Ambush on an MSS patrol near Pont-Sondé' },
      REPORTER,
    );
    expect(res.body).toBe('');
    expect((await h.services.store.getEvent(id))?.event.summary).toBe('Ambush on an MSS patrol near Pont-Sondé');
    expect((await h.services.store.history(id)).length).toBeGreaterThan(1);
  });
});
