/**
 * The local console: the chat commands typed as on Slack (`/timeline location:"pont sonde"`),
 * and any line without a slash asked as a question. Used when no platform token is set.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Caller } from '../../commands/command-types.ts';
import { askCommand, commands, findCommand } from '../../commands/commands.ts';
import { type DispatchLogger, dispatch } from '../../commands/dispatch.ts';
import { parseTextArgs } from '../../commands/text-args.ts';
import { isUserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { renderText } from './render-text.ts';

const CALLER: Caller = { platform: 'console', userId: 'console', canManageChannel: true };

export interface ConsoleDeps {
  services: Services;
  now(): Date;
  log: DispatchLogger;
}

export function consoleHelp(): string {
  return [
    'Commands:',
    ...commands.map((c) => `  /${c.name}  ${c.description}`),
    '  /help   this list; /<command> help for its options',
    '  /quit   leave',
    'A line without a slash is a question, e.g.: what happened near Pont-Sondé?',
  ].join('\n');
}

/** Answers one console line; returns undefined for /quit. */
export async function answerLine(line: string, deps: ConsoleDeps): Promise<string | undefined> {
  const text = line.trim();
  if (text === '') return '';
  if (text === '/quit' || text === '/exit') return undefined;
  if (text === '/help') return consoleHelp();
  const ctx = { services: deps.services, now: deps.now(), caller: CALLER };
  if (!text.startsWith('/')) {
    const result = await dispatch(askCommand, { question: text }, ctx, deps.log);
    return renderText(result.view);
  }
  const [name = '', ...rest] = text.slice(1).split(/\s+/);
  const command = findCommand(name.toLowerCase());
  if (!command) return `Unknown command "/${name}". ${consoleHelp()}`;
  try {
    const call = parseTextArgs(command, rest.join(' '), { prefix: '/' });
    if (call.kind === 'help') return call.usage;
    const result = await dispatch(call.command, call.raw, ctx, deps.log);
    return renderText(result.view);
  } catch (err) {
    if (isUserError(err)) return err.message;
    throw err;
  }
}

export async function runConsole(deps: ConsoleDeps, input: Readable, output: Writable): Promise<void> {
  const rl = createInterface({
    input,
    output,
    prompt: 'sitrep> ',
    terminal: (output as { isTTY?: boolean }).isTTY === true,
  });
  output.write(`Sitrep console. ${consoleHelp()}\n\n`);
  rl.prompt();
  for await (const line of rl) {
    const answer = await answerLine(line, deps);
    if (answer === undefined) break;
    if (answer) output.write(`${answer}\n\n`);
    rl.prompt();
  }
  rl.close();
}
