/**
 * Answering a slash command or a page click through its response_url: parse the text, hand a
 * read-only command to the executor (a write runs here through dispatch), render the View as
 * Block Kit, post it, then upload its map (drawn by the executor). Whatever fails after the
 * acknowledgement still gets a short private answer.
 */
import type { webApi } from '@slack/bolt';
import type { Caller, CommandDef } from '../../commands/command-types.ts';
import { resolveSubcommand, userErrorView } from '../../commands/dispatch.ts';
import { parseTextArgs } from '../../commands/text-args.ts';
import { type ShareRequest, shareRequestOf, takeVisibility, type Visibility } from '../../commands/visibility.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { View, ViewMap } from '../../core/view.ts';
import { commandPath, deliverCommand, drawnOncePerMap, type Executor, runCommand } from '../../executor/index.ts';
import type { AckFirst } from '../ack-first.ts';
import { postMessages, type Respond, renderAnswer, respondFallback, slackDelivery } from './deliver.ts';
import type { FormOpener } from './form-handlers.ts';
import { wantsForm } from './forms.ts';
import { type MapTarget, uploadMap } from './map-upload.ts';
import { fromSlackText } from './mrkdwn.ts';
import { decodePageValue } from './page-value.ts';
import { pageValueOf, saveQueries } from './saved-buttons.ts';

export {
  FALLBACK,
  type Respond,
  type ResponseMessage,
  renderOnce,
  respondFallback,
  respondTo,
  withVisibility,
} from './deliver.ts';

export interface AnswerLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What answering needs; the bot's HandlerContext is one. */
export interface AnswerContext {
  commands: readonly CommandDef[];
  services: Services;
  logger: AnswerLogger;
  /** Uploads maps; a client that never retries or waits, so a failed upload ends quickly. */
  uploads: webApi.WebClient;
  /** Runs read-only commands and draws maps off this event loop. */
  executor: Executor;
  /** Answers wait while requests are unacknowledged (HTTP receiver); absent, they go at once. */
  ackFirst?: AckFirst | undefined;
}

export { runCommand };

const drawers = new WeakMap<Executor, (map: ViewMap) => Promise<Uint8Array>>();

/** A map drawn by the executor (once per map a shared View carries), as the bytes Slack uploads. */
export async function drawMapOf(ctx: AnswerContext, map: ViewMap): Promise<Buffer> {
  let draw = drawers.get(ctx.executor);
  if (draw === undefined) {
    const { executor } = ctx;
    draw = drawnOncePerMap((m) => executor.run({ kind: 'map', map: m }));
    drawers.set(executor, draw);
  }
  const png = await draw(map);
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** What users may do: manage the channel (admin or allowlist), and their reporter user groups. */
export type Permissions = Pick<Caller, 'canManageChannel' | 'roles'>;

export type Answer = {
  view: View;
  private: boolean;
  /** Where the View's map goes, once the text is answered (public answers only). */
  mapTo?: MapTarget | undefined;
  /**
   * The question again, for a Share button: set on an answer to a question a person asks (a
   * command with `visibility`). A private answer that has it carries the button.
   */
  share?: ShareRequest | undefined;
  /** The visibility the asker gave, if any. */
  visibility?: Visibility | undefined;
};

/** Commands that manage or change the record: who may run them depends on the caller's permissions. */
export const changesRecord = (root: CommandDef, command: CommandDef) =>
  Boolean(command.managersOnly || command.form || root.form || root.subcommands?.some((s) => s.form));

/** Where a slash command's answer goes, for an executor worker to post it itself. */
export interface ResponseTarget {
  responseUrl: string;
  /** When the asker gave none. */
  visibility: Visibility;
  /** Whether a public answer's map is uploaded after it (the bot's to do). */
  uploadsMap: boolean;
}

/**
 * Parses the text, answers `help`, opens a form when the command has one and its fields were
 * not given inline, and otherwise runs the command through dispatch. Undefined: a form opened,
 * or, given `deliverTo`, the executor's worker posted the answer itself.
 */
export async function runText(
  ctx: AnswerContext,
  root: CommandDef,
  text: string,
  caller: Caller,
  now: Date,
  permissions?: (userId: string) => Promise<Permissions>,
  openForm?: FormOpener,
  deliverTo?: ResponseTarget,
): Promise<Answer | undefined> {
  let call: ReturnType<typeof parseTextArgs>;
  try {
    call = parseTextArgs(root, fromSlackText(text), { prefix: '/' });
  } catch (err) {
    if (isUserError(err)) return { view: userErrorView(err), private: true };
    throw err;
  }
  if (call.kind === 'help') {
    return {
      view: { kind: 'message', title: `/${call.path.join(' ')}`, summary: call.usage, sections: [] },
      private: true,
    };
  }
  const granted = changesRecord(root, call.command) && permissions ? await permissions(caller.userId) : undefined;
  const who: Caller = { ...caller, canManageChannel: granted?.canManageChannel ?? false, roles: granted?.roles };
  if (call.command.form && openForm && wantsForm(call.command.form, call.raw)) {
    return openForm(call.command, call.path, call.raw, who);
  }
  const { visibility, raw } = takeVisibility(call.raw);
  const question = shareRequestOf(call.command, commandPath(ctx.commands, call.command), raw);
  const result = deliverTo
    ? await deliverCommand(
        ctx,
        call.command,
        raw,
        who,
        now,
        slackDelivery({
          responseUrl: deliverTo.responseUrl,
          replace: false,
          visibility: visibility ?? deliverTo.visibility,
          share: question,
          uploadsMap: deliverTo.uploadsMap,
        }),
      )
    : await runCommand(ctx, call.command, raw, who, now);
  if ('delivered' in result) return undefined;
  const share = result.private ? undefined : question;
  return { view: result.view, private: result.private, share, visibility };
}

/** The command a page button asks for, or undefined when the button is out of date. */
export function pageCommandOf(commands: readonly CommandDef[], value: string) {
  const request = decodePageValue(value);
  const [name, sub] = request?.command.split(' ') ?? [];
  const root = commands.find((c) => c.name === name);
  const command = root && resolveSubcommand(root, sub);
  return request && root && command ? { request, root, command } : undefined;
}

/** Runs the query a page button carries; its answer replaces the message the button was on. */
export async function runPageClick(ctx: AnswerContext, value: string, caller: Caller, now: Date): Promise<Answer> {
  const page = pageCommandOf(ctx.commands, await pageValueOf(ctx.services.savedQueries, value));
  if (!page) return { view: userErrorView(new UserError('button-expired')), private: true };
  const raw: Record<string, unknown> = { ...page.request.args };
  if (page.command.options.some((o) => o.name === 'cursor')) raw.cursor = page.request.cursor;
  const result = await runCommand(ctx, page.command, raw, caller, now);
  const share = result.private ? undefined : shareRequestOf(page.command, page.request.command, raw);
  return { view: result.view, private: result.private, share };
}

/**
 * Answers through a response_url: public unless private; a page click (`replace`) replaces its
 * message.
 */
export async function answerSafely(
  ctx: AnswerContext,
  respond: Respond,
  work: () => Promise<Answer | undefined>,
  options: { replace?: boolean } = {},
): Promise<void> {
  const replace = options.replace ?? false;
  let answer: Answer | undefined;
  try {
    answer = await work();
    if (!answer) return;
    await ctx.ackFirst?.turn();
    const rendering = renderAnswer(answer, replace);
    const messages = await saveQueries(rendering.messages, ctx.services.savedQueries, ctx.logger);
    await postMessages(respond, answer.private, { ...rendering, messages });
  } catch (err) {
    ctx.logger.error({ err }, 'slack answer failed');
    await respondFallback(ctx.logger, respond);
    return;
  }
  if (answer.mapTo && !answer.private)
    await uploadMap(ctx.uploads, ctx.logger, answer.mapTo, answer.view, (map) => drawMapOf(ctx, map));
}
