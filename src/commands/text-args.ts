/**
 * Parses the one text string a text-only platform gives us (a Slack slash command, a console
 * line) into a command call: `key:value` options (values may be quoted), a bare word for the
 * option marked `positional`, the remaining words for a `rest` option, a subcommand as the first
 * word, and `help`. It checks the shape only; values are checked by options.ts in dispatch.
 */
import { UserError } from '../core/errors.ts';
import type { CommandDef, OptionDef } from './command-types.ts';

export type TextCall =
  | { kind: 'help'; command: CommandDef; path: string[]; usage: string }
  | { kind: 'run'; command: CommandDef; path: string[]; raw: Record<string, string> };

export interface TextArgsOptions {
  /** How the command is typed on this platform: "/" on Slack, "sitrep " in a terminal. */
  prefix?: string;
}

/** Opening quote → closing quote. Phones and Macs turn " into “ ” or « ». */
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“', '«': '»' };
const HELP_WORDS = new Set(['help', '--help', '-h', '?', 'aide']);

interface Token {
  text: string;
  /** Part of the token was quoted: `"help"` is a value, not the help word; `"a:b"` is no key. */
  quoted: boolean;
  /** Where the quoting started: `location:"pont sonde"` has its key outside the quotes. */
  keyEnd: number;
}

export function parseTextArgs(root: CommandDef, text: string, options: TextArgsOptions = {}): TextCall {
  const prefix = options.prefix ?? '/';
  const tokens = tokenize(text.normalize('NFC'));
  const path = [root.name];
  let command = root;
  if (root.subcommands) {
    const first = tokens[0];
    const sub = first && !first.quoted ? root.subcommands.find((s) => matchesName(s, first.text)) : undefined;
    if (sub) {
      tokens.shift();
      command = sub;
    } else if (first && !first.quoted && HELP_WORDS.has(first.text.toLowerCase())) {
      return { kind: 'help', command: root, path, usage: formatUsage(root, prefix) };
    } else {
      const fallback = root.subcommands.find((s) => s.name === root.defaultSubcommand);
      if (!fallback) {
        const names = root.subcommands.map((s) => s.name).join(', ');
        throw new UserError(
          'needs-subcommand',
          { command: `${prefix}${root.name}`, names },
          [],
          formatUsage(root, prefix),
        );
      }
      command = fallback;
    }
    path.push(command.name);
  }
  const usage = () => formatUsage(command, prefix, path);
  const [first] = tokens;
  if (tokens.length === 1 && first && !first.quoted && HELP_WORDS.has(first.text.toLowerCase())) {
    return { kind: 'help', command, path, usage: usage() };
  }

  const raw: Record<string, string> = {};
  const bare: string[] = [];
  /** Words that came right after an unquoted `key:value`: most likely the rest of its value. */
  const trailing = new Map<string, string[]>();
  let lastKeyed: { name: string; value: string; quoted: boolean } | undefined;
  const rest = command.options.find((o) => o.rest);
  const set = (option: OptionDef, value: string, written: string) => {
    if (value.trim() === '') {
      throw new UserError('option-no-value', { written, example: `${option.name}:${example(option)}` }, [], usage());
    }
    if (raw[option.name] !== undefined) {
      throw new UserError('option-twice', { option: option.name }, [], usage());
    }
    raw[option.name] = value.trim();
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const dashed = !token.quoted || token.keyEnd > 2 ? /^--([^=\s]+)(?:=(.*))?$/s.exec(token.text) : null;
    if (dashed) {
      const key = dashed[1] as string;
      const option = findOption(command, key);
      if (!option) throw unknownKey(command, key, usage());
      let value = dashed[2];
      if (value === undefined) {
        const next = tokens[i + 1];
        if (option.type === 'boolean' && (!next || next.text.startsWith('--'))) value = 'true';
        else if (next && (next.quoted || !next.text.startsWith('--'))) {
          value = next.text;
          i++;
        } else value = '';
      }
      set(option, value, `--${key}`);
      lastKeyed = undefined;
      continue;
    }
    const colon = token.text.indexOf(':');
    // A web address ("https://…", `/sources add`) is a word, not an option named "https".
    const isUrl = /^https?:\/\//i.test(token.text);
    const keyed = colon > 0 && colon < token.keyEnd && !isUrl ? token.text.slice(0, colon) : undefined;
    if (keyed !== undefined && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(keyed)) {
      const option = findOption(command, keyed);
      if (option) {
        set(option, token.text.slice(colon + 1), `${keyed}:`);
        lastKeyed = { name: option.name, value: token.text.slice(colon + 1), quoted: token.quoted };
        continue;
      }
      // In a free-text option ("re:Kenscoff", "note: ...") a colon is just part of the words.
      if (!rest) throw unknownKey(command, keyed, usage());
    }
    bare.push(token.text);
    if (lastKeyed && !lastKeyed.quoted) {
      const words = trailing.get(lastKeyed.name) ?? [lastKeyed.value];
      trailing.set(lastKeyed.name, [...words, token.text]);
    }
  }
  const quoteHint = () => {
    const [name, words] = [...trailing.entries()][0] ?? [];
    return name && words ? `${name}:"${words.join(' ')}"` : undefined;
  };

  if (bare.length > 0) {
    const positional = command.options.find((o) => o.positional && raw[o.name] === undefined);
    if (!positional) {
      const hint = quoteHint();
      const params = { words: bare.join(' '), command: `${prefix}${path.join(' ')}` };
      throw hint
        ? new UserError('unexpected-words-quote', { ...params, example: hint }, [], usage())
        : new UserError('unexpected-words', params, [], usage());
    }
    if (positional.rest) set(positional, bare.join(' '), positional.name);
    else if (bare.length === 1) set(positional, bare[0] as string, positional.name);
    else {
      throw new UserError(
        'quote-value',
        { words: bare.slice(1).join(' '), example: `${positional.name}:"${bare.join(' ')}"` },
        [],
        usage(),
      );
    }
  }
  for (const option of command.options) {
    if (option.required && raw[option.name] === undefined) {
      throw new UserError(
        'missing-option-text',
        { command: `${prefix}${path.join(' ')}`, option: option.name },
        [],
        usage(),
      );
    }
  }
  return { kind: 'run', command, path, raw };
}

/** Usage text, plain (no markup): the synopsis, each option, and the examples. */
export function formatUsage(command: CommandDef, prefix = '/', path: string[] = [command.name]): string {
  const head = `${prefix}${path.join(' ')}`;
  if (command.subcommands) {
    const lines = command.subcommands.map((s) => `  ${head} ${s.name}: ${s.description}`);
    const fallback = command.defaultSubcommand ? ` (default: ${command.defaultSubcommand})` : '';
    return [
      `Usage: ${head} <${command.subcommands.map((s) => s.name).join('|')}>${fallback}`,
      ...lines,
      ...examples(command, prefix),
    ].join('\n');
  }
  const synopsis = command.options
    .filter((o) => o.name !== 'cursor')
    .map((o) => {
      const form = o.positional ? `${o.name}${o.rest ? '…' : ''}` : `${o.name}:${placeholder(o)}`;
      return o.required ? `<${form}>` : `[${form}]`;
    });
  const lines = [`Usage: ${[head, ...synopsis].join(' ')}`, command.description];
  for (const o of command.options) {
    if (o.name === 'cursor') continue;
    const choices = o.choices ? ` One of: ${o.choices.map((c) => c.value).join(', ')}.` : '';
    lines.push(`  ${o.name}:${placeholder(o)}  ${o.description}${o.required ? ' (required)' : ''}.${choices}`);
  }
  return [...lines, ...examples(command, prefix)].join('\n');
}

function examples(command: CommandDef, prefix: string): string[] {
  return command.examples.length ? ['Examples:', ...command.examples.map((e) => `  ${prefix}${e}`)] : [];
}

function placeholder(o: OptionDef): string {
  if (o.choices) return 'CHOICE';
  switch (o.type) {
    case 'date':
      return 'YYYY-MM-DD';
    case 'integer':
    case 'number':
      return 'N';
    case 'boolean':
      return 'true|false';
    default:
      return o.rest ? 'TEXT' : o.autocomplete === 'place' ? 'PLACE' : 'TEXT';
  }
}

function example(o: OptionDef): string {
  if (o.choices?.[0]) return o.choices[0].value;
  switch (o.type) {
    case 'date':
      return '2025-03-01';
    case 'integer':
    case 'number':
      return String(o.min ?? 1);
    case 'boolean':
      return 'true';
    default:
      return '"pont sonde"';
  }
}

function unknownKey(command: CommandDef, key: string, usage: string): UserError {
  const accepted = command.options.map((o) => o.name).join(', ') || 'none';
  return new UserError('unknown-option-text', { option: key, accepted }, [accepted], usage);
}

/** Option names match without case or accents, in English or French (`catégorie:` is `category:`). */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('-', '_');
}

/** Each command's options by their folded names, English and French: folded once, not per call. */
const optionsByName = new WeakMap<CommandDef, Map<string, OptionDef>>();

function findOption(command: CommandDef, key: string): OptionDef | undefined {
  let byName = optionsByName.get(command);
  if (byName === undefined) {
    byName = new Map();
    // A name two options fold to names the first of them, as a search in order would find.
    for (const o of command.options) {
      const names = [fold(o.name), ...(o.i18n?.fr ? [fold(o.i18n.fr.name)] : [])];
      for (const name of names) if (!byName.has(name)) byName.set(name, o);
    }
    optionsByName.set(command, byName);
  }
  return byName.get(fold(key));
}

function matchesName(command: CommandDef, word: string): boolean {
  const w = fold(word);
  return fold(command.name) === w || (command.i18n?.fr !== undefined && fold(command.i18n.fr.name) === w);
}

/** Splits on white space; quoted stretches keep their spaces and lose their quotes. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/u.test(text[i] as string)) i++;
    if (i >= text.length) break;
    let value = '';
    let quoted = false;
    let keyEnd = Number.POSITIVE_INFINITY;
    while (i < text.length && !/\s/u.test(text[i] as string)) {
      const ch = text[i] as string;
      const close = QUOTES[ch];
      if (close !== undefined) {
        const end = text.indexOf(close, i + 1);
        if (end < 0) {
          throw new UserError('quote-not-closed', { text: `${ch}${text.slice(i + 1, i + 40)}` });
        }
        if (!quoted) keyEnd = value.length;
        quoted = true;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else {
        value += ch;
        i++;
      }
    }
    tokens.push({ text: value, quoted, keyEnd: quoted ? keyEnd : value.length });
  }
  return tokens;
}
