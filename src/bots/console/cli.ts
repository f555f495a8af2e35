/**
 * `sitrep <command> [--option value] [--json]`: one query, printed as text or as the View's
 * JSON. Options come from the command registry (`radius_km` is written `--radius-km`). A user
 * error prints one line and exits 2; nothing is written.
 */
import { parseArgs as parseArgv } from 'node:util';
import type { Caller, CommandDef } from '../../commands/command-types.ts';
import { commands, findCommand } from '../../commands/commands.ts';
import { type DispatchLogger, dispatch, resolveSubcommand } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { View } from '../../core/view.ts';
import { BACKUP_USAGE } from './backup-cli.ts';
import { DATA_USAGE } from './data-cli.ts';
import { renderText } from './render-text.ts';
import { openFailureLine, storeFailureLine } from './store-failures.ts';
import { STORE_USAGE } from './store-usage.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCall {
  command: CommandDef;
  raw: Record<string, unknown>;
  json: boolean;
  /** The whole answer, not its first screen. */
  full: boolean;
  /** Extra flags a command's output step uses (e.g. --map). */
  extras: Record<string, string>;
}

const CONSOLE_CALLER: Caller = { platform: 'console', userId: 'console', canManageChannel: true };
/** Flags every command accepts, besides its own options. */
const GLOBAL_FLAGS = ['json', 'help', 'full'];
/** Flags that shape the output of one command rather than its query. */
const OUTPUT_FLAGS: Record<string, string[]> = { location: ['map'], ask: ['map'], digest: ['map'] };

const flagName = (option: string) => option.replace(/_/g, '-');

export function usage(): string {
  const lines = commands.map((c) => {
    const target = c.subcommands ? resolveSubcommand(c, undefined) : c;
    const options = (target?.options ?? [])
      .map((o) =>
        o.positional ? `<${o.name}>` : `[--${flagName(o.name)} ${o.type === 'boolean' ? '' : o.type.toUpperCase()}]`,
      )
      .join(' ');
    return `  sitrep ${c.name} ${options}\n      ${c.description}`;
  });
  return [
    'Usage:',
    ...lines,
    DATA_USAGE,
    BACKUP_USAGE,
    STORE_USAGE,
    '  sitrep start [--role discord|slack|scheduler|intake|all]',
    '      Run the bot, or some of its parts (all by default; the local console when no platform token is set)',
    '',
    'Add --json to print the answer as JSON, --full for the whole answer (the first screen by default).',
  ].join('\n');
}

/** Parses argv (without "node sitrep") into a command call, or throws a UserError. */
export function parseCli(argv: string[]): CliCall {
  const [name, ...rest] = argv;
  const root = name ? findCommand(name) : undefined;
  if (!root) {
    const known = commands.map((c) => c.name).join(', ');
    throw name
      ? new UserError('cli-unknown-command', { name, known: `${known}, start` })
      : new UserError('cli-no-command', { known: `${known}, start` });
  }
  let words = rest;
  let command: CommandDef | undefined = root;
  if (root.subcommands) {
    const sub = words[0] && !words[0].startsWith('-') ? root.subcommands.find((s) => s.name === words[0]) : undefined;
    if (sub) words = words.slice(1);
    command = sub ?? resolveSubcommand(root, undefined);
    if (!command)
      throw new UserError('needs-subcommand', {
        command: `sitrep ${root.name}`,
        names: root.subcommands.map((s) => s.name).join(', '),
      });
  }
  const extras = OUTPUT_FLAGS[root.name] ?? [];
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const o of command.options) options[flagName(o.name)] = { type: o.type === 'boolean' ? 'boolean' : 'string' };
  for (const f of GLOBAL_FLAGS) options[f] = { type: 'boolean' };
  for (const f of extras) options[f] = { type: 'string' };
  let parsed: ReturnType<typeof parseArgv>;
  try {
    parsed = parseArgv({ args: words, options, allowPositionals: true, strict: true });
  } catch (err) {
    const accepted = [
      ...command.options.map((o) => `--${flagName(o.name)}`),
      ...extras.map((f) => `--${f}`),
      '--json',
    ].join(', ');
    throw new UserError('cli-unknown-flag', {
      detail: (err as Error).message.split('\n')[0] ?? '',
      command: root.name,
      accepted,
    });
  }
  const raw: Record<string, unknown> = {};
  const extraValues: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (GLOBAL_FLAGS.includes(key)) continue;
    if (extras.includes(key)) extraValues[key] = String(value);
    else raw[key.replace(/-/g, '_')] = value;
  }
  if (parsed.positionals.length > 0) {
    const positional = command.options.find((o) => o.positional);
    if (!positional) throw new UserError('cli-bare-words', { command: root.name, words: parsed.positionals.join(' ') });
    if (raw[positional.name] !== undefined) throw new UserError('option-twice', { option: positional.name });
    raw[positional.name] = parsed.positionals.join(' ');
  }
  if (parsed.values.help) throw new UserError('cli-usage', { usage: usage() });
  return { command, raw, json: parsed.values.json === true, full: parsed.values.full === true, extras: extraValues };
}

export interface CliDeps {
  openServices(): Promise<{ services: Services; close(): Promise<void> }>;
  now(): Date;
  log: DispatchLogger;
  io: CliIo;
  /** Writes what the output flags ask for (e.g. a map PNG); returns lines to print. */
  writeExtras?: (view: View, extras: Record<string, string>) => Promise<string[]>;
}

/** Runs one CLI call and returns the exit code: 0 answered, 2 user error, 1 failure. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  let call: CliCall;
  try {
    call = parseCli(argv);
  } catch (err) {
    if (err instanceof UserError) {
      deps.io.err(err.message);
      return 2;
    }
    throw err;
  }
  let opened: { services: Services; close(): Promise<void> };
  try {
    opened = await deps.openServices();
  } catch (err) {
    deps.io.err(openFailureLine(err));
    return 2;
  }
  // A write the store refused (a read-only file, a full disk) is said in one line, not logged as a fault.
  let refused: string | undefined;
  const log: DispatchLogger = {
    error(obj, msg) {
      refused = storeFailureLine('Cannot do that', (obj as { err?: unknown }).err);
      if (refused === undefined) deps.log.error(obj, msg);
    },
  };
  try {
    const result = await dispatch(
      call.command,
      call.raw,
      { services: opened.services, now: deps.now(), caller: CONSOLE_CALLER },
      log,
    );
    if (result.view.kind === 'error') {
      deps.io.err(refused ?? result.view.summary ?? result.view.title);
      return result.failed && refused === undefined ? 1 : 2;
    }
    deps.io.out(call.json ? JSON.stringify(result.view, null, 2) : renderText(result.view, { full: call.full }));
    if (deps.writeExtras && Object.keys(call.extras).length > 0) {
      for (const line of await deps.writeExtras(result.view, call.extras)) deps.io.err(line);
    }
    return 0;
  } finally {
    await opened.close();
  }
}
