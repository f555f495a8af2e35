/**
 * What the fuzz properties share: services on the seed data plus a few hundred generated events
 * (so lists are full and messages long), every command as an adapter runs it, and the check that
 * an answer renders within Discord's and Slack's limits.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { generateEvents } from '../../bench/generate-events.ts';
import type { App } from '../../src/app.ts';
import { mentionProblems, messageProblems } from '../../src/bots/discord/limits.ts';
import { renderView as renderDiscord } from '../../src/bots/discord/render.ts';
import { SLACK_LIMITS } from '../../src/bots/slack/limits.ts';
import { renderView as renderSlack } from '../../src/bots/slack/render.ts';
import type { Caller, CommandDef, OptionDef } from '../../src/commands/command-types.ts';
import { commands } from '../../src/commands/commands.ts';
import type { View } from '../../src/core/view.ts';
import { createTestApp } from '../support/services.ts';
import { slackLimitViolations } from '../support/slack-limits.ts';
import { FUZZ_SEED, TEST_SCALE } from '../support/test-scale.ts';

/** Cases per property: enough to reach every branch of the option parsers, bounded in the suite. */
export const RUNS = 60 * TEST_SCALE;

/** fast-check's settings for a property tried `runs` times, from the fixed seed. */
export const fuzzed = (runs: number) => ({ numRuns: runs, seed: FUZZ_SEED });

export const FUZZ_NOW = new Date('2026-01-01T12:00:00Z');

export async function createFuzzApp(events = 300): Promise<App> {
  const app = await createTestApp();
  await app.services.store.transaction(async (tx) => {
    for (const revisions of generateEvents(events, app.seed.places, 11)) {
      for (const r of revisions) await tx.putEvent(r.event, { author: 'fuzz', reason: r.reason, at: r.at });
    }
  });
  return app;
}

/** Every command a user can call: top-level ones and each subcommand. */
export function callableCommands(): Array<{ path: string; command: CommandDef }> {
  return commands.flatMap((c) =>
    c.subcommands
      ? c.subcommands.map((s) => ({ path: `${c.name} ${s.name}`, command: s }))
      : [{ path: c.name, command: c }],
  );
}

/** Anything a user or a platform could send. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 600, unit: 'grapheme' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, '', ' ', '0', '-1', '1e309', 'NaN', '<!channel>', '@everyone', '"', '2025-02-30', '2025-13'),
);

const isoDay = fc
  .date({ min: new Date('2014-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partialDay = fc.tuple(isoDay, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));

/** A value for the option: of its type (`typedOnly`), or sometimes anything at all. */
export function valueFor(
  option: OptionDef,
  placeNames: string[],
  cursors: string[],
  typedOnly = false,
): fc.Arbitrary<unknown> {
  const typed: fc.Arbitrary<unknown>[] = [];
  if (option.choices) typed.push(fc.constantFrom(...option.choices.map((c) => c.value)));
  if (option.autocomplete === 'place') {
    const name = fc.constantFrom(...placeNames);
    typed.push(
      name,
      name.map((n) => n.toUpperCase()),
      fc.tuple(name, fc.nat()).map(([n, i]) => n.slice(0, (i % n.length) + 1)),
    );
  }
  if (option.name === 'question') {
    const phrasing = fc.constantFrom(
      'what happened near %?',
      'attaques à % en 2024',
      'kisa k pase nan %',
      '%',
      '% since March',
    );
    typed.push(fc.tuple(phrasing, fc.constantFrom(...placeNames)).map(([p, n]) => p.replace('%', n)));
  }
  if (option.name === 'cursor' && cursors.length > 0) typed.push(fc.constantFrom(...cursors));
  if (option.name === 'actor') typed.push(fc.constantFrom('mss', 'hnp', 'gangs', 'Kenyan police', 'PNH', 'nobody'));
  if (option.name === 'time') typed.push(fc.constantFrom('07:00', '23:59', '24:00', '7', '7:5'));
  if (option.name === 'timezone') typed.push(fc.constantFrom('Europe/Paris', 'America/Port-au-Prince', 'Mars/Olympus'));
  if (option.type === 'date') typed.push(partialDay);
  if (option.type === 'integer' || option.type === 'number') {
    typed.push(fc.integer({ min: -5, max: 300 }), fc.double({ min: -1, max: 500 }), fc.integer().map(String));
  }
  if (option.type === 'boolean') typed.push(fc.boolean(), fc.constantFrom('yes', 'no', 'maybe'));
  if (option.type === 'string' && typed.length === 0) typed.push(fc.string({ maxLength: option.maxLength ?? 100 }));
  return typedOnly ? fc.oneof(...typed) : fc.oneof(...typed, junk);
}

/**
 * A raw option record: any subset of the command's options, either with values of their type
 * (so real answers are reached) or with anything at all and sometimes an unknown option.
 */
export function rawArgsFor(command: CommandDef, placeNames: string[], cursors: string[]) {
  const model = (typedOnly: boolean) =>
    Object.fromEntries(command.options.map((o) => [o.name, valueFor(o, placeNames, cursors, typedOnly)]));
  const typed = fc.record(model(true), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
  const wild = fc
    .tuple(
      fc.record(model(false), { requiredKeys: [] }),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), junk), { freq: 4 }),
    )
    .map(([raw, extra]) => (extra ? { ...raw, [extra[0]]: extra[1] } : raw) as Record<string, unknown>);
  return fc.oneof(typed, wild);
}

export const callerArb: fc.Arbitrary<Caller> = fc.record({
  platform: fc.constantFrom('discord', 'slack', 'console'),
  userId: fc.constant('U1'),
  teamId: fc.option(fc.constant('T1'), { nil: undefined }),
  channelId: fc.option(fc.constant('C1'), { nil: undefined }),
  canManageChannel: fc.boolean(),
  locale: fc.constantFrom('en-US', 'fr', undefined),
});

/** The answer renders on both platforms within their limits, and no text can ping anyone. */
export function expectWithinLimits(view: View, isPrivate: boolean): void {
  const discord = renderDiscord(view, { private: isPrivate });
  expect([...messageProblems(discord), ...mentionProblems(discord)]).toEqual([]);
  // A response_url takes five answers; the renderer is told so, as the adapter tells it.
  const slack = renderSlack(view, { maxMessages: SLACK_LIMITS.responsesPerUrl });
  expect(slack.length).toBeGreaterThan(0);
  expect(slack.length).toBeLessThanOrEqual(SLACK_LIMITS.responsesPerUrl);
  for (const message of slack) expect(slackLimitViolations(message)).toEqual([]);
}

/** A logger that remembers what dispatch logged as a failure on our side. */
export function createFailureLog() {
  const failures: Array<{ obj: object; msg: string }> = [];
  return { failures, log: { error: (obj: object, msg: string) => failures.push({ obj, msg }) } };
}
