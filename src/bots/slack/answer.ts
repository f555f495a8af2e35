/**
 * Answering a slash command or a page click through its response_url: parse the text, hand a
 * read-only command to the executor (a write runs here through dispatch), render the View as
 * Block Kit, post it, then upload its map (drawn by the executor). Whatever fails after the
 * acknowledgement still gets a short private answer.
 */
import type { types, webApi } from '@slack/bolt';
import type { Caller, CommandDef } from '../../commands/command-types.ts';
import { resolveSubcommand, userErrorView } from '../../commands/dispatch.ts';
import { parseTextArgs } from '../../commands/text-args.ts';
import { type ShareRequest, shareRequestOf, takeVisibility, type Visibility } from '../../commands/visibility.ts';
import { fallbackText, isUserError, UserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { View, ViewMap } from '../../core/view.ts';
import { commandPath, drawnOncePerMap, type Executor, runCommand } from '../../executor/index.ts';
import type { AckFirst } from '../ack-first.ts';
import type { FormOpener } from './form-handlers.ts';
import { wantsForm } from './forms.ts';
import { SLACK_LIMITS } from './limits.ts';
import { type MapTarget, uploadMap } from './map-upload.ts';
import { fromSlackText } from './mrkdwn.ts';
import { decodePageValue } from './page-value.ts';
import { renderView, type SlackMessage } from './render.ts';
import { postJson } from './response-url.ts';
import { pageValueOf, saveQueries } from './saved-buttons.ts';
import { type ShareButton, shareButtonFor } from './share-value.ts';

export const FALLBACK = fallbackText();

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

/** A message to a response_url, as Slack takes it. */
export interface ResponseMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original: boolean;
  text: string;
  blocks?: types.KnownBlock[];
}

export type Respond = (message: ResponseMessage) => Promise<unknown>;

/** Posts to a response_url as Bolt's respond() does (JSON; a failure status throws), for less CPU. */
export function respondTo(url: string): Respond {
  return (message) => postJson(url, message);
}

/** Commands that manage or change the record: who may run them depends on the caller's permissions. */
export const changesRecord = (root: CommandDef, command: CommandDef) =>
  Boolean(command.managersOnly || command.form || root.form || root.subcommands?.some((s) => s.form));

/**
 * Parses the text, answers `help`, opens a form when the command has one and its fields were
 * not given inline, and otherwise runs the command through dispatch. Undefined: a form opened.
 */
export async function runText(
  ctx: AnswerContext,
  root: CommandDef,
  text: string,
  caller: Caller,
  now: Date,
  permissions?: (userId: string) => Promise<Permissions>,
  openForm?: FormOpener,
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
  const result = await runCommand(ctx, call.command, raw, who, now);
  const share = result.private ? undefined : shareRequestOf(call.command, commandPath(ctx.commands, call.command), raw);
  return { view: result.view, private: result.private, share, visibility };
}

/** Private when asked so or by default, with its Share button; public ones carry none. */
export function withVisibility(answer: Answer, visibility: Visibility): Answer {
  if (answer.share && visibility === 'private') return { ...answer, private: true };
  return { ...answer, share: undefined };
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
    // A private answer by choice (it has its Share button) replaces its message like a public one.
    const shareable = answer.private && answer.share !== undefined;
    const inPlace = replace && (!answer.private || shareable);
    const maxMessages = inPlace ? 1 : SLACK_LIMITS.responsesPerUrl;
    const share = shareable && answer.share ? shareButtonFor(answer.share, answer.view) : undefined;
    const rendered = renderOnce(answer.view, maxMessages, share);
    const messages = await saveQueries(rendered, ctx.services.savedQueries, ctx.logger);
    for (const [i, m] of messages.entries()) {
      await respond({
        response_type: answer.private ? 'ephemeral' : 'in_channel',
        replace_original: inPlace && i === 0,
        text: m.text,
        blocks: m.blocks,
      });
    }
  } catch (err) {
    ctx.logger.error({ err }, 'slack answer failed');
    await respondFallback(ctx.logger, respond);
    return;
  }
  if (answer.mapTo && !answer.private)
    await uploadMap(ctx.uploads, ctx.logger, answer.mapTo, answer.view, (map) => drawMapOf(ctx, map));
}

/**
 * Messages rendered, by their View and how many messages they may take: the executor hands one
 * View to every identical question (see src/executor/shared-answers.ts), which is then rendered
 * once. Read only.
 */
const rendered = new WeakMap<View, Map<string, SlackMessage[]>>();

/**
 * Kept by limit and Share button too: Slack answers slash commands privately, each with the
 * Share button of its question, and identical questions carry identical buttons.
 */
export function renderOnce(view: View, maxMessages: number, share?: ShareButton): SlackMessage[] {
  let byKey = rendered.get(view);
  if (byKey === undefined) {
    byKey = new Map();
    rendered.set(view, byKey);
  }
  const key = share ? `${maxMessages}|${share.value}` : String(maxMessages);
  let messages = byKey.get(key);
  if (messages === undefined) {
    messages = renderView(view, { maxMessages, share });
    // Buttons' queries differ between questions; a bounded few are kept per answer.
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, messages);
  }
  return messages;
}

/** The short private answer when answering failed; a failure to send it is only logged. */
export async function respondFallback(logger: AnswerLogger, respond: Respond, text = FALLBACK): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((err: unknown) =>
    logger.error({ err }, 'slack fallback answer failed'),
  );
}
