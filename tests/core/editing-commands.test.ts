/** /report and /event through dispatch, as every adapter runs them, with the permission checks. */
import { describe, expect, it } from 'vitest';
import type { Caller, CommandDef } from '../../src/commands/command-types.ts';
import { findCommand } from '../../src/commands/commands.ts';
import { dispatch, resolveSubcommand } from '../../src/commands/dispatch.ts';
import { mayReport, REPORT_FORM_FIELDS, submitReport } from '../../src/commands/report-form.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestApp, TEST_NOW } from '../support/services.ts';

const log = { error: () => {} };
const reporters = { discordRoleIds: ['role-reporter'], slackIds: ['U-REPORTER', 'S-DESK'] };
const discordReporter: Caller = { platform: 'discord', userId: '1', roles: ['role-reporter'] };
const discordStranger: Caller = { platform: 'discord', userId: '2', roles: ['role-other'] };
const fields = {
  when: '2025-03-31',
  place: 'Kenscoff',
  category: 'attack',
  summary: 'Gang attack on Kenscoff road.',
  source: 'AlterPresse https://www.alterpresse.org/1',
};

async function services(): Promise<Services> {
  const app = await createTestApp();
  return { ...app.services, settings: { ...app.services.settings, reporters } };
}

function command(path: string): CommandDef {
  const [name, sub] = path.split(' ');
  const root = findCommand(name as string);
  const found = root && resolveSubcommand(root, sub);
  if (!found) throw new Error(`no command ${path}`);
  return found;
}

const run = (s: Services, path: string, raw: Record<string, unknown>, caller: Caller) =>
  dispatch(command(path), raw, { services: s, now: TEST_NOW, caller }, log);

describe('who may report', () => {
  it('reporters by Discord role, Slack user or user group, and channel managers', async () => {
    expect(mayReport(discordReporter, reporters)).toBe(true);
    expect(mayReport(discordStranger, reporters)).toBe(false);
    expect(mayReport({ ...discordStranger, canManageChannel: true, teamId: 'guild' }, reporters)).toBe(true);
    // In a direct message everyone "manages" the channel; that gives no right to report.
    expect(mayReport({ ...discordStranger, canManageChannel: true }, reporters)).toBe(false);
    expect(mayReport({ platform: 'slack', userId: 'U-REPORTER' }, reporters)).toBe(true);
    expect(mayReport({ platform: 'slack', userId: 'U-X', roles: ['S-DESK'] }, reporters)).toBe(true);
    expect(mayReport({ platform: 'slack', userId: 'U-X', roles: ['role-reporter'] }, reporters)).toBe(false);
    expect(mayReport({ platform: 'console', userId: 'console' }, reporters)).toBe(true);
  });
});

describe('/report and /event through dispatch', () => {
  it('declares a form a Discord modal can hold: at most five text inputs, labels within 45 characters', async () => {
    const form = command('report').form;
    const text = form?.fields.filter((f) => f.style !== 'select') ?? [];
    expect(text.length).toBeLessThanOrEqual(5);
    for (const f of REPORT_FORM_FIELDS) expect(f.label.length).toBeLessThanOrEqual(45);
    expect(command('event edit').form?.fields.map((f) => f.name)).toEqual(form?.fields.map((f) => f.name));
  });

  it('an unauthorised user gets a private refusal and nothing is stored', async () => {
    const s = await services();
    const before = await s.store.countEvents({});
    const result = await run(s, 'report', fields, discordStranger);
    expect(result.private).toBe(true);
    expect(result.view.summary).toMatch(/Only reporters may add or change events/);
    await expect(
      command('report').form?.open({ services: s, now: TEST_NOW, caller: discordStranger }, {}),
    ).rejects.toThrow(/Only reporters/);
    const retract = await run(s, 'event retract', { id: '2025-03-25-pont-sonde-ambush', reason: 'x' }, discordStranger);
    expect(retract.private).toBe(true);
    expect(await s.store.countEvents({})).toBe(before);
  });

  it('a reporter reports; the answer is public with the id; the event leads the next timeline', async () => {
    const s = await services();
    const result = await run(s, 'report', fields, discordReporter);
    expect(result.private).toBe(false);
    const id = result.view.title.replace(/^Recorded /, '');
    expect(id).toMatch(/^report-2025-03-31-[0-9a-f]{10}$/);
    const page = await run(s, 'timeline', { limit: 1 }, discordStranger);
    expect(page.view.sections[0]?.items?.[0]?.id).toBe(id);
    const history = await run(s, 'event history', { id }, discordStranger);
    expect(history.view.sections[0]?.items?.[0]?.title).toBe('Revision 1 by discord:1: reported from chat');
  });

  it('a form with bad fields names each one and keeps what was typed', async () => {
    const s = await services();
    const typed = { ...fields, place: 'Kenscof', category: 'riot' };
    const result = await submitReport({ services: s, now: TEST_NOW, caller: discordReporter }, typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual(typed);
    expect(result.errors.place).toMatch(/Did you mean: Kenscoff/);
    expect(result.errors.category).toMatch(/"riot" is not a category/);
    expect(Object.keys(result.errors).sort()).toEqual(['category', 'place']);
  });

  it('text platforms get every bad field in one private answer', async () => {
    const s = await services();
    const result = await run(s, 'report', { ...fields, when: '2025-13-01', source: '' }, discordReporter);
    expect(result.private).toBe(true);
    expect(result.view.summary).toMatch(
      /^Nothing was recorded\. Please fix:\nwhen: .*not a date.*\nsource: Say where/s,
    );
  });

  it('/event edit opens with the current values and records a revision; dispute and retract', async () => {
    const s = await services();
    const id = '2025-03-25-pont-sonde-ambush';
    const ctx = { services: s, now: TEST_NOW, caller: discordReporter };
    const initial = await command('event edit').form?.open(ctx, { id });
    expect(initial).toMatchObject({ place: 'route-carrefour-paye-savien', when: expect.stringMatching(/^2025-03-25/) });
    const edit = await run(
      s,
      'event edit',
      { id, reason: 'more casualties known', casualties: 'MSS missing 1; MSS injured 2' },
      discordReporter,
    );
    expect(edit.view.title).toBe(`Updated ${id}`);
    expect((await s.store.getEvent(id))?.event.casualties.map((c) => `${c.kind}:${c.count}`)).toEqual([
      'missing:1',
      'injured:2',
    ]);
    const dispute = await run(
      s,
      'event dispute',
      { id, field: 'casualties', value: 'two officers missing', source: 'Radio Kiskeya' },
      discordReporter,
    );
    expect(dispute.view.title).toBe(`Disputed ${id}`);
    const retract = await run(s, 'event retract', { id, reason: 'merged into another event' }, discordReporter);
    expect(retract.view.title).toBe(`Retracted ${id}`);
    const page = await run(s, 'timeline', { limit: 25 }, discordStranger);
    expect(page.view.sections[0]?.items?.map((i) => i.id)).not.toContain(id);
    const history = await run(s, 'event history', { id }, discordStranger);
    expect(history.view.sections[0]?.items?.slice(-3).map((i) => i.title)).toEqual([
      'Revision 2 by discord:1: more casualties known',
      'Revision 3 by discord:1: disputed: casualties "two officers missing" per Radio Kiskeya',
      'Revision 4 by discord:1: merged into another event',
    ]);
  });
});

describe('forms through openForm and submitForm', () => {
  it('open: values for an edit, a private refusal for a stranger; submit: field errors or the stored answer', async () => {
    const { openForm, submitForm } = await import('../../src/commands/form-dispatch.ts');
    const s = await services();
    const ctx = (caller: Caller) => ({ services: s, now: TEST_NOW, caller });
    const edit = command('event edit');
    const opened = await openForm(edit, { id: '2025-03-25-pont-sonde-ambush', reason: 'x' }, ctx(discordReporter), log);
    expect(opened.ok && opened.initial.category).toBe('attack');
    const refused = await openForm(command('report'), {}, ctx(discordStranger), log);
    expect(refused).toMatchObject({ ok: false, private: true, failed: false });
    const missing = await openForm(edit, { id: 'nope', reason: 'x' }, ctx(discordReporter), log);
    expect(!missing.ok && missing.view.summary).toMatch(/No event has the id "nope"/);

    const bad = await submitForm(
      command('report'),
      { category: 'attack' },
      { ...fields, when: 'later' },
      ctx(discordReporter),
      log,
    );
    expect(bad).toMatchObject({ ok: false, errors: { when: expect.stringMatching(/not a date/) } });
    const { category: _chosen, ...typed } = fields;
    const done = await submitForm(command('report'), { category: 'attack' }, typed, ctx(discordReporter), log);
    expect(done).toMatchObject({
      ok: true,
      private: false,
      view: { title: expect.stringMatching(/^Recorded report-/) },
    });
  });
});
