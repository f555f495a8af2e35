/**
 * Forms through the same safety net as dispatch: opening a form (the values to show, or a
 * private refusal) and submitting it (the stored answer, per-field errors for the platform to
 * show beside each field, or a private refusal). Nothing a form does crashes the process.
 */
import { isUserError } from '../core/errors.ts';
import type { Args, CommandContext, CommandDef } from './command-types.ts';
import { type DispatchLogger, type DispatchResult, fallbackView, userErrorView } from './dispatch.ts';
import { parseArgs } from './options.ts';

export type FormOpenResult = { ok: true; initial: Record<string, string> } | ({ ok: false } & DispatchResult);

export type FormSubmitResult =
  | ({ ok: true } & DispatchResult)
  | { ok: false; errors: Record<string, string>; values: Record<string, string> }
  | ({ ok: false; errors?: undefined } & DispatchResult);

function refusal(err: unknown, command: CommandDef, ctx: CommandContext, log: DispatchLogger) {
  const language = ctx.language;
  if (isUserError(err)) return { ok: false as const, view: userErrorView(err, language), private: true, failed: false };
  log.error({ err, command: command.name, platform: ctx.caller.platform }, 'form failed');
  return { ok: false as const, view: fallbackView(language), private: true, failed: true };
}

/** Before showing the form: may the caller use it, and with which values filled in. */
export async function openForm(
  command: CommandDef,
  rawArgs: Record<string, unknown>,
  ctx: CommandContext,
  log: DispatchLogger,
): Promise<FormOpenResult> {
  try {
    if (!command.form) throw new Error(`/${command.name} has no form`);
    return { ok: true, initial: await command.form.open(ctx, parseArgs(command, rawArgs)) };
  } catch (err) {
    return refusal(err, command, ctx, log);
  }
}

/**
 * A submitted form: `rawArgs` are the command's options carried from the opening (an event id,
 * the choices), `values` what the user typed in the form, by field name.
 */
export async function submitForm(
  command: CommandDef,
  rawArgs: Record<string, unknown>,
  values: Record<string, string>,
  ctx: CommandContext,
  log: DispatchLogger,
): Promise<FormSubmitResult> {
  try {
    if (!command.form) throw new Error(`/${command.name} has no form`);
    const args: Args = parseArgs(command, rawArgs);
    const result = await command.form.submit(ctx, args, values);
    if (!result.ok) return result;
    return { ok: true, view: result.view, private: false, failed: false };
  } catch (err) {
    return refusal(err, command, ctx, log);
  }
}
