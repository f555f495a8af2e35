import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { type CommandJson, toCommandJson } from '../../../src/bots/discord/command-json.ts';
import { checkedCommandJson } from '../../../src/bots/discord/register.ts';
import { commandChars, commandProblems } from '../../../src/bots/discord/validate-commands.ts';
import type { CommandDef } from '../../../src/commands/command-types.ts';
import { commands } from '../../../src/commands/commands.ts';

const base: CommandDef = {
  name: 'probe',
  description: 'A probe',
  options: [],
  examples: [],
  run: async () => ({ kind: 'message', title: 't', sections: [] }),
};

describe('command JSON from the registry', () => {
  const json = toCommandJson(commands);

  it('passes every documented Discord rule', async () => {
    expect(commandProblems(json)).toEqual([]);
    for (const command of json) expect(commandChars(command)).toBeLessThanOrEqual(8000);
  });

  it('has every command, French localisations, autocomplete and choices where declared', async () => {
    expect(json.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const status = json.find((c) => c.name === 'status');
    expect(status?.name_localizations).toEqual({ fr: 'etat' });
    expect(status?.description_localizations?.fr).toMatch(/^État de la mission/);
    const timeline = json.find((c) => c.name === 'timeline');
    const option = (name: string) =>
      timeline?.options?.find((o) => o.name === name) as Record<string, unknown> | undefined;
    expect(option('location')).toMatchObject({
      type: ApplicationCommandOptionType.String,
      autocomplete: true,
      max_length: 100,
    });
    expect(option('category')?.choices).toHaveLength(11);
    expect(option('limit')).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 25 });
    expect(option('from')).toMatchObject({
      type: ApplicationCommandOptionType.String,
      max_length: 10,
      name_localizations: { fr: 'depuis' },
    });
    const location = json.find((c) => c.name === 'location');
    expect(location?.options?.[0]).toMatchObject({ name: 'name', required: true });
  });

  it('/report asks for its category (a modal cannot), and every read command takes a language in three', async () => {
    const report = json.find((c) => c.name === 'report');
    expect(report?.options?.[0]).toMatchObject({ name: 'category', required: true });
    expect(report?.options?.slice(1).every((o) => !('required' in o) || o.required === false)).toBe(true);
    for (const name of ['status', 'timeline', 'location', 'ask']) {
      const language = json.find((c) => c.name === name)?.options?.find((o) => o.name === 'language') as
        | { choices?: Array<{ value: string }>; name_localizations?: Record<string, string> }
        | undefined;
      expect(language?.choices?.map((c) => c.value)).toEqual(['en', 'fr', 'ht']);
      expect(language?.name_localizations?.fr).toBe('langue');
    }
  });

  it('turns subcommands into SUB_COMMAND options with their own options', async () => {
    const digest = json.find((c) => c.name === 'digest');
    const preview = digest?.options?.find((o) => o.name === 'preview') as
      | { type: number; options?: Array<{ name: string }> }
      | undefined;
    expect(preview?.type).toBe(ApplicationCommandOptionType.Subcommand);
    expect(preview?.options?.map((o) => o.name)).toEqual(['since', 'until', 'language', 'visibility']);
  });

  it('puts required options first and marks manager-only commands', async () => {
    const [probe] = toCommandJson([
      {
        ...base,
        managersOnly: true,
        options: [
          { name: 'optional', description: 'o', type: 'string' },
          { name: 'needed', description: 'n', type: 'string', required: true },
        ],
      },
    ]);
    expect(probe?.options?.map((o) => o.name)).toEqual(['needed', 'optional']);
    expect(probe?.default_member_permissions).toBe('16');
  });
});

describe('the validator', () => {
  const valid: CommandJson = { name: 'probe', description: 'A probe', options: [] };
  const problems = (command: Partial<CommandJson>) => commandProblems([{ ...valid, ...command } as CommandJson]);
  const text = (n: number) => 'x'.repeat(n);
  const stringOption = (extra: object) => ({
    type: ApplicationCommandOptionType.String,
    name: 'opt',
    description: 'd',
    ...extra,
  });

  it('rejects names and descriptions Discord refuses', async () => {
    expect(problems({ name: 'Probe' })).toEqual([expect.stringContaining('lowercase')]);
    expect(problems({ name: 'two words' })[0]).toContain('1-32');
    expect(problems({ name: text(33) })[0]).toContain('1-32');
    expect(problems({ description: text(101) })[0]).toContain('101 characters');
    expect(problems({ description: '' })[0]).toContain('0 characters');
    expect(problems({ name_localizations: { fr: 'État' } })[0]).toContain('lowercase');
    expect(problems({ name_localizations: { xx: 'probe' } as never })[0]).toContain('unknown locale');
    expect(problems({ name: 'état-des-lieux' })).toEqual([]);
  });

  it('rejects option lists Discord refuses', async () => {
    const many = Array.from({ length: 26 }, (_, i) => stringOption({ name: `o${i}` }));
    expect(problems({ options: many as never })[0]).toContain('26 options');
    const optionalFirst = [stringOption({ name: 'a' }), stringOption({ name: 'b', required: true })];
    expect(problems({ options: optionalFirst as never })[0]).toContain('required option after an optional one');
    const twice = [stringOption({ name: 'a' }), stringOption({ name: 'a' })];
    expect(problems({ options: twice as never })[0]).toContain('used twice');
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(problems({ options: [stringOption({ choices })] as never })[0]).toContain('26 choices');
    expect(
      problems({ options: [stringOption({ choices: [{ name: 'a', value: 'a' }], autocomplete: true })] as never }),
    ).toContain('/probe opt: autocomplete with choices');
    expect(problems({ options: [stringOption({ max_length: 6001 })] as never })[0]).toContain('max_length');
    expect(problems({ options: [stringOption({ min_value: 1 })] as never })[0]).toContain('non-number');
    const mixed = [{ type: ApplicationCommandOptionType.Subcommand, name: 'sub', description: 'd' }, stringOption({})];
    expect(problems({ options: mixed as never })[0]).toContain('mixed');
  });

  it('counts the 8000-character budget with the longest localisation of each field', async () => {
    const options = Array.from({ length: 25 }, (_, i) =>
      stringOption({
        name: `o${i}`,
        description: text(100),
        description_localizations: { fr: text(100) },
        choices: Array.from({ length: 25 }, (_, k) => ({ name: `n${k}${text(90)}`, value: `v${k}` })),
      }),
    );
    const found = problems({ options: options as never });
    expect(found.some((p) => p.includes('(max 8000)'))).toBe(true);
  });

  it('keeps the register script from sending a broken command', async () => {
    expect(() => checkedCommandJson([{ ...base, name: 'Bad Name' }])).toThrow(/breaks Discord's rules/);
    expect(checkedCommandJson(commands)).toHaveLength(commands.length);
  });
});
