/**
 * What users type: the text of a Slack slash command or a console line, parsed and run as the
 * adapters run it, and free questions for /ask. Each ends in an answer, a help text or a clear
 * user error, within platform limits.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fromSlackText } from '../../src/bots/slack/mrkdwn.ts';
import { commands } from '../../src/commands/commands.ts';
import { dispatch } from '../../src/commands/dispatch.ts';
import { parseTextArgs } from '../../src/commands/text-args.ts';
import { ask } from '../../src/core/ask.ts';
import { isUserError } from '../../src/core/errors.ts';
import type { View } from '../../src/core/view.ts';
import {
  createFailureLog,
  createFuzzApp,
  expectWithinLimits,
  FUZZ_NOW,
  fuzzed,
  RUNS,
  valueFor,
} from './fuzz-support.ts';

const app = await createFuzzApp(150);
afterAll(async () => await app.close());
const { services } = app;
const placeNames = app.seed.places.flatMap((p) => [p.name, ...p.aliases]);

const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'help',
    '"',
    '“',
    '«',
    '»',
    ':',
    'key:',
    ':value',
    '""',
    'subscribe',
    'preview',
    'list',
    '&lt;',
    '<@U1>',
  ),
  fc.constantFrom(...placeNames),
);

/** Command text: `key:value` pairs (sometimes quoted), bare words and stray quotes. */
function textFor(root: (typeof commands)[number]) {
  const options = [...root.options, ...(root.subcommands ?? []).flatMap((s) => s.options)];
  const pair = options.length
    ? fc
        .constantFrom(...options)
        .chain((o) => fc.tuple(fc.constant(o.name), valueFor(o, placeNames, [], false), fc.boolean()))
        .map(([name, value, quoted]) => (quoted ? `${name}:"${String(value)}"` : `${name}:${String(value)}`))
    : word;
  return fc.array(fc.oneof(pair, word), { maxLength: 6 }).map((parts) => parts.join(' '));
}

async function runText(root: (typeof commands)[number], text: string): Promise<{ view: View; isPrivate: boolean }> {
  let call: ReturnType<typeof parseTextArgs>;
  try {
    call = parseTextArgs(root, fromSlackText(text), { prefix: '/' });
  } catch (err) {
    if (isUserError(err))
      return { view: { kind: 'error', title: 'x', summary: err.message, sections: [] }, isPrivate: true };
    throw err;
  }
  if (call.kind === 'help')
    return { view: { kind: 'message', title: 'help', summary: call.usage, sections: [] }, isPrivate: true };
  const { failures, log } = createFailureLog();
  const caller = { platform: 'slack' as const, userId: 'U1', teamId: 'T1', channelId: 'C1', canManageChannel: false };
  const result = await dispatch(call.command, call.raw, { services, now: FUZZ_NOW, caller }, log);
  expect(failures.map((f) => String((f.obj as { err?: unknown }).err))).toEqual([]);
  expect(result.failed).toBe(false);
  return { view: result.view, isPrivate: result.private };
}

describe('fuzz: typed command text', () => {
  for (const root of commands) {
    it(`/${root.name} <text> answers, helps or explains`, async () => {
      await fc.assert(
        fc.asyncProperty(textFor(root), async (text) => {
          const { view, isPrivate } = await runText(root, text);
          expectWithinLimits(view, isPrivate);
        }),
        fuzzed(RUNS),
      );
    });
  }
});

describe('fuzz: /ask questions', () => {
  const question = fc.oneof(
    fc.string({ maxLength: 700, unit: 'grapheme' }),
    fc
      .tuple(fc.array(word, { maxLength: 8 }), fc.constantFrom(...placeNames), fc.nat(8))
      .map(([words, place, at]) => [...words.slice(0, at), place, ...words.slice(at)].join(' ')),
    fc
      .tuple(
        fc.constantFrom(...placeNames),
        fc.constantFrom('since 2024', 'last week', 'in March', 'between 2020 and 2019', 'on 2025-02-30'),
      )
      .map(([place, when]) => `what happened in ${place} ${when}?`),
  );
  it('every question gets a report or a clear "no place" answer', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(question, async (text) => {
        let view: View;
        try {
          view = await ask(services, text, FUZZ_NOW);
          answered += 1;
        } catch (err) {
          if (!isUserError(err)) throw err;
          expect(err.message.length).toBeGreaterThan(10);
          return;
        }
        expectWithinLimits(view, false);
      }),
      fuzzed(RUNS * 3),
    );
    expect(answered).toBeGreaterThan(0);
  });
});
