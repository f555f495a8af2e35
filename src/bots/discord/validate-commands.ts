/**
 * Discord's documented rules for application commands, checked before anything is sent: the
 * register script refuses to send a command that breaks one, and tests run it on the registry.
 */
import {
  type APIApplicationCommandOption,
  Locale,
  type LocalizationMap,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import type { CommandJson } from './command-json.ts';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = new Set<string>(Object.values(Locale));
const MAX_GLOBAL_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_COMMAND_CHARS = 8000;

/** Every broken rule, one line each ("/timeline option from: ..."); empty when all is well. */
export function commandProblems(commands: readonly CommandJson[]): string[] {
  const problems: string[] = [];
  if (commands.length > MAX_GLOBAL_COMMANDS) problems.push(`${commands.length} commands (max ${MAX_GLOBAL_COMMANDS})`);
  uniqueNames(commands, 'commands', problems);
  for (const command of commands) {
    const where = `/${command.name}`;
    checkText(
      where,
      command.name,
      command.name_localizations,
      command.description,
      command.description_localizations,
      problems,
    );
    const options = command.options ?? [];
    checkOptions(where, options, 0, problems);
    const chars = commandChars(command);
    if (chars > MAX_COMMAND_CHARS)
      problems.push(`${where}: ${chars} characters in names, descriptions and values (max ${MAX_COMMAND_CHARS})`);
  }
  return problems;
}

function checkText(
  where: string,
  name: string,
  names: LocalizationMap | null | undefined,
  description: string,
  descriptions: LocalizationMap | null | undefined,
  problems: string[],
): void {
  checkName(where, name, problems);
  checkDescription(where, description, problems);
  for (const [locale, value] of Object.entries(names ?? {})) {
    if (!LOCALES.has(locale)) problems.push(`${where}: unknown locale "${locale}"`);
    if (value !== null && value !== undefined) checkName(`${where} (${locale})`, value, problems);
  }
  for (const [locale, value] of Object.entries(descriptions ?? {})) {
    if (!LOCALES.has(locale)) problems.push(`${where}: unknown locale "${locale}"`);
    if (value !== null && value !== undefined) checkDescription(`${where} (${locale})`, value, problems);
  }
}

function checkName(where: string, name: string, problems: string[]): void {
  if (!NAME.test(name)) problems.push(`${where}: name "${name}" must be 1-32 letters, digits, "-", "_" or "'"`);
  if (name !== name.toLowerCase()) problems.push(`${where}: name "${name}" must be lowercase`);
}

function checkDescription(where: string, description: string, problems: string[]): void {
  const length = [...description].length;
  if (length < 1 || length > 100) problems.push(`${where}: description is ${length} characters (1-100)`);
}

function checkOptions(where: string, options: APIApplicationCommandOption[], depth: number, problems: string[]): void {
  if (options.length > MAX_OPTIONS) problems.push(`${where}: ${options.length} options (max ${MAX_OPTIONS})`);
  uniqueNames(options, `${where} options`, problems);
  const subs = options.filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
  if (subs.length > 0 && subs.length < options.length) problems.push(`${where}: subcommands mixed with other options`);
  let seenOptional = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    checkText(
      at,
      option.name,
      option.name_localizations,
      option.description,
      option.description_localizations,
      problems,
    );
    if (option.type === T.Subcommand || option.type === T.SubcommandGroup) {
      const allowed = option.type === T.Subcommand ? depth <= 1 : depth === 0;
      if (!allowed) problems.push(`${at}: subcommand nested too deep`);
      const inner: APIApplicationCommandOption[] = option.options ?? [];
      if (option.type === T.SubcommandGroup && inner.some((o) => o.type !== T.Subcommand)) {
        problems.push(`${at}: a subcommand group may hold only subcommands`);
      }
      if (option.type === T.Subcommand && inner.some((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup)) {
        problems.push(`${at}: a subcommand may not hold subcommands`);
      }
      checkOptions(at, inner, depth + 1, problems);
      continue;
    }
    if (option.required && seenOptional) problems.push(`${at}: required option after an optional one`);
    if (!option.required) seenOptional = true;
    checkValueRules(at, option, problems);
  }
}

function checkValueRules(at: string, option: APIApplicationCommandOption, problems: string[]): void {
  const o = option as unknown as Record<string, unknown>;
  const choices = Array.isArray(o.choices) ? (o.choices as Array<{ name: string; value: unknown }>) : [];
  if (choices.length > MAX_CHOICES) problems.push(`${at}: ${choices.length} choices (max ${MAX_CHOICES})`);
  if (choices.length > 0 && o.autocomplete === true) problems.push(`${at}: autocomplete with choices`);
  const numeric = option.type === T.Integer || option.type === T.Number;
  if (o.autocomplete === true && !(numeric || option.type === T.String))
    problems.push(`${at}: autocomplete on a non-text option`);
  for (const choice of choices) {
    const length = [...choice.name].length;
    if (length < 1 || length > 100)
      problems.push(`${at}: choice name "${choice.name}" is ${length} characters (1-100)`);
    if (option.type === T.String && (typeof choice.value !== 'string' || choice.value.length > 100)) {
      problems.push(`${at}: choice value must be a string of at most 100 characters`);
    }
    if (numeric && typeof choice.value !== 'number') problems.push(`${at}: choice value must be a number`);
  }
  if ((o.min_value !== undefined || o.max_value !== undefined) && !numeric)
    problems.push(`${at}: min/max value on a non-number`);
  if (typeof o.min_value === 'number' && typeof o.max_value === 'number' && o.min_value > o.max_value) {
    problems.push(`${at}: min_value above max_value`);
  }
  if (option.type === T.Integer) {
    for (const key of ['min_value', 'max_value'] as const) {
      if (o[key] !== undefined && !Number.isInteger(o[key])) problems.push(`${at}: ${key} must be an integer`);
    }
  }
  if (o.min_length !== undefined || o.max_length !== undefined) {
    if (option.type !== T.String) problems.push(`${at}: min/max length on a non-string`);
    const min = o.min_length as number | undefined;
    const max = o.max_length as number | undefined;
    if (min !== undefined && (!Number.isInteger(min) || min < 0 || min > 6000))
      problems.push(`${at}: min_length must be 0-6000`);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 6000))
      problems.push(`${at}: max_length must be 1-6000`);
    if (min !== undefined && max !== undefined && min > max) problems.push(`${at}: min_length above max_length`);
  }
}

/** Names, and each locale's names, must be unique among siblings. */
function uniqueNames(
  items: ReadonlyArray<{ name: string; name_localizations?: LocalizationMap | null }>,
  what: string,
  problems: string[],
): void {
  const seen = new Map<string, Set<string>>();
  for (const item of items) {
    const all: Array<[string, string | null | undefined]> = [
      ['default', item.name],
      ...Object.entries(item.name_localizations ?? {}),
    ];
    for (const [locale, name] of all) {
      if (!name) continue;
      const set = seen.get(locale) ?? new Set<string>();
      if (set.has(name))
        problems.push(`${what}: name "${name}" used twice${locale === 'default' ? '' : ` (${locale})`}`);
      set.add(name);
      seen.set(locale, set);
    }
  }
}

/**
 * Discord's size rule: names, descriptions and choice values of the command, its options and
 * choices, at most 8000 characters; for a localised field only its longest text counts.
 */
export function commandChars(command: CommandJson): number {
  const longest = (base: string, map: LocalizationMap | null | undefined) =>
    Math.max(base.length, ...Object.values(map ?? {}).map((v) => (v ?? '').length));
  const optionChars = (option: APIApplicationCommandOption): number => {
    const o = option as unknown as Record<string, unknown>;
    let n =
      longest(option.name, option.name_localizations) + longest(option.description, option.description_localizations);
    for (const c of (o.choices as Array<{ name: string; name_localizations?: LocalizationMap; value: unknown }>) ??
      []) {
      n += longest(c.name, c.name_localizations) + String(c.value).length;
    }
    for (const inner of (o.options as APIApplicationCommandOption[]) ?? []) n += optionChars(inner);
    return n;
  };
  let n =
    longest(command.name, command.name_localizations) + longest(command.description, command.description_localizations);
  for (const option of command.options ?? []) n += optionChars(option);
  return n;
}
