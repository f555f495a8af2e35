import { describe, expect, it } from 'vitest';
import type { CommandDef } from '../../src/commands/command-types.ts';
import { formatUsage, parseTextArgs } from '../../src/commands/text-args.ts';
import { UserError } from '../../src/core/errors.ts';

const noop = async () => ({ kind: 'message' as const, title: '', sections: [] });

const timeline: CommandDef = {
  name: 'timeline',
  description: 'What happened when',
  options: [
    { name: 'from', description: 'Earliest date', type: 'date', i18n: { fr: { name: 'depuis', description: 'x' } } },
    { name: 'location', description: 'A place', type: 'string', positional: true, autocomplete: 'place' },
    {
      name: 'category',
      description: 'Kind of event',
      type: 'string',
      choices: [{ name: 'attack', value: 'attack' }],
      i18n: { fr: { name: 'categorie', description: 'x' } },
    },
    { name: 'limit', description: 'Events per page', type: 'integer' },
    { name: 'cursor', description: 'Page position', type: 'string' },
  ],
  examples: ['timeline location:"pont sonde" from:2025-03-01'],
  run: noop,
};

const location: CommandDef = {
  name: 'location',
  description: 'What happened at a place',
  options: [
    { name: 'name', description: 'A town', type: 'string', required: true, positional: true, rest: true },
    { name: 'radius_km', description: 'Radius', type: 'number' },
  ],
  examples: ['location Kenscoff'],
  run: noop,
};

const ask: CommandDef = {
  name: 'ask',
  description: 'Ask a question',
  options: [
    { name: 'question', description: 'Your question', type: 'string', required: true, positional: true, rest: true },
  ],
  examples: ['ask what happened near pont sonde?'],
  run: noop,
};

const preview: CommandDef = {
  name: 'preview',
  description: 'What was reported',
  options: [{ name: 'since', description: 'Start', type: 'date' }],
  examples: ['digest preview since:2025-03-25'],
  run: noop,
};
const subscribe: CommandDef = { name: 'subscribe', description: 'Subscribe', options: [], examples: [], run: noop };
const digest: CommandDef = {
  name: 'digest',
  description: 'Daily digests',
  options: [],
  examples: [],
  subcommands: [preview, subscribe],
  defaultSubcommand: 'preview',
  run: noop,
};

function run(command: CommandDef, text: string) {
  const call = parseTextArgs(command, text);
  if (call.kind !== 'run') throw new Error(`expected a run, got ${call.kind}`);
  return call;
}

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('parseTextArgs', () => {
  it('reads key:value pairs, with quoted values keeping their spaces', async () => {
    expect(run(timeline, 'location:"pont sonde" from:2025-03-01').raw).toEqual({
      location: 'pont sonde',
      from: '2025-03-01',
    });
  });

  it('accepts the quotes phones and Macs substitute', async () => {
    expect(run(timeline, 'location:“pont sonde”').raw).toEqual({ location: 'pont sonde' });
    expect(run(timeline, 'location:«Cité Soleil» limit:5').raw).toEqual({ location: 'Cité Soleil', limit: '5' });
  });

  it('keeps accents in values and matches keys without accents or case, in French too', async () => {
    expect(run(timeline, 'Catégorie:attack DEPUIS:2025-03-01 Pont-Sondé').raw).toEqual({
      category: 'attack',
      from: '2025-03-01',
      location: 'Pont-Sondé',
    });
    // A decomposed é (as some keyboards send it) arrives composed.
    expect(run(timeline, 'location:Pont-Sonde\u0301').raw.location).toBe('Pont-Sondé');
  });

  it('fills the positional option with a bare word, and a rest option with the remaining words', async () => {
    expect(run(timeline, 'Kenscoff limit:3').raw).toEqual({ location: 'Kenscoff', limit: '3' });
    expect(run(location, 'pont sonde radius_km:25').raw).toEqual({ name: 'pont sonde', radius_km: '25' });
    expect(run(ask, 'what happened near "pont sonde" at 10:30? re:Kenscoff').raw).toEqual({
      question: 'what happened near pont sonde at 10:30? re:Kenscoff',
    });
  });

  it('also reads --key value and --key=value', async () => {
    expect(run(timeline, '--from 2025-03-01 --location="pont sonde"').raw).toEqual({
      from: '2025-03-01',
      location: 'pont sonde',
    });
  });

  it('rejects an unknown key with the usage', async () => {
    const err = userError(() => parseTextArgs(timeline, 'place:Kenscoff'));
    expect(err.code).toBe('unknown-option-text');
    expect(err.message).toContain('Unknown option "place"');
    expect(err.message).toContain('Usage: /timeline');
  });

  it('rejects a key without a value, and a required option left out, with the usage', async () => {
    const empty = userError(() => parseTextArgs(timeline, 'from: location:Kenscoff'));
    expect(empty.code).toBe('option-no-value');
    expect(empty.message).toContain('from: has no value');
    expect(empty.message).toContain('Usage: /timeline');
    expect(userError(() => parseTextArgs(timeline, 'location:""')).code).toBe('option-no-value');
    const missing = userError(() => parseTextArgs(location, 'radius_km:5'));
    expect(missing.code).toBe('missing-option-text');
    expect(missing.message).toContain('/location needs a value for “name”');
    expect(missing.message).toContain('Usage: /location <name…>');
  });

  it('rejects stray words and repeated keys instead of guessing', async () => {
    expect(userError(() => parseTextArgs(timeline, 'pont sonde')).message).toContain('location:"pont sonde"');
    expect(userError(() => parseTextArgs(timeline, 'location:cité soleil haut limit:3')).message).toContain(
      'Unexpected "soleil haut": /timeline takes options written key:value. Put a value with spaces in quotes, like location:"cité soleil haut".',
    );
    expect(userError(() => parseTextArgs(timeline, 'from:2025 from:2024')).message).toContain('given twice');
    expect(userError(() => parseTextArgs(preview, 'Kenscoff')).message).toContain('Unexpected "Kenscoff"');
    expect(userError(() => parseTextArgs(timeline, 'location:"pont sonde')).message).toContain('not closed');
  });

  it('answers help with the usage, but not when "help" is a quoted value or part of a question', async () => {
    const help = parseTextArgs(timeline, ' help ');
    expect(help.kind).toBe('help');
    if (help.kind === 'help') expect(help.usage).toBe(formatUsage(timeline));
    expect(run(timeline, '"help"').raw).toEqual({ location: 'help' });
    expect(run(ask, 'help me find Kenscoff').raw).toEqual({ question: 'help me find Kenscoff' });
  });

  it('takes a subcommand as the first word, else the default one', async () => {
    const sub = run(digest, 'preview since:2025-03-25');
    expect(sub.command.name).toBe('preview');
    expect(sub.path).toEqual(['digest', 'preview']);
    expect(sub.raw).toEqual({ since: '2025-03-25' });
    expect(run(digest, 'since:2025-03-25').command.name).toBe('preview');
    expect(run(digest, 'subscribe').command.name).toBe('subscribe');
    const help = parseTextArgs(digest, 'help');
    expect(help.kind === 'help' && help.usage).toContain('/digest <preview|subscribe>');
    const subHelp = parseTextArgs(digest, 'preview help');
    expect(subHelp.kind === 'help' && subHelp.usage).toContain('Usage: /digest preview [since:YYYY-MM-DD]');
  });

  it('writes the usage with the platform prefix', async () => {
    const usage = formatUsage(timeline, 'sitrep ');
    expect(usage).toContain('Usage: sitrep timeline [from:YYYY-MM-DD] [location] [category:CHOICE] [limit:N]');
    expect(usage).not.toContain('cursor');
    expect(usage).toContain('sitrep timeline location:"pont sonde" from:2025-03-01');
  });

  it('returns nothing for an empty line of a command without required options', async () => {
    expect(run(timeline, '   ').raw).toEqual({});
  });
});
