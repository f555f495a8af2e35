/**
 * The one entry point every adapter calls: checks the arguments, runs the command, and turns
 * every failure into an answer. A UserError becomes a private message naming the problem; any
 * other error is logged once and answered with a short apology, so no interaction goes
 * unanswered and nothing crashes the process.
 */
import { isUserError } from '../core/errors.ts';
import type { View } from '../core/view.ts';
import type { CommandContext, CommandDef } from './command-types.ts';
import { parseArgs } from './options.ts';

export interface DispatchResult {
  view: View;
  /** The caller made a mistake or may not do this: answer privately. */
  private: boolean;
  /** The command failed on our side; already logged. */
  failed: boolean;
}

export interface DispatchLogger {
  error(obj: object, msg: string): void;
}

/** Resolves `digest subscribe` to its subcommand; returns the command itself when it has none. */
export function resolveSubcommand(command: CommandDef, sub: string | undefined): CommandDef | undefined {
  if (!command.subcommands) return command;
  const name = sub ?? command.defaultSubcommand;
  return command.subcommands.find((s) => s.name === name);
}

export async function dispatch(
  command: CommandDef,
  rawArgs: Record<string, unknown>,
  ctx: CommandContext,
  log: DispatchLogger,
): Promise<DispatchResult> {
  try {
    if (command.managersOnly && !ctx.caller.canManageChannel) {
      return {
        view: errorView('Only people who may manage this channel can do that.'),
        private: true,
        failed: false,
      };
    }
    const args = parseArgs(command, rawArgs);
    const view = await command.run(ctx, args);
    return { view, private: false, failed: false };
  } catch (err) {
    if (isUserError(err)) return { view: errorView(err.message), private: true, failed: false };
    log.error({ err, command: command.name, platform: ctx.caller.platform }, 'command failed');
    return {
      view: errorView('Sorry, something went wrong while answering. It has been logged; please try again.'),
      private: true,
      failed: true,
    };
  }
}

export function errorView(message: string): View {
  return { kind: 'error', title: 'Cannot answer that', summary: message, sections: [] };
}
